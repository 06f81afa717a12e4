"""Justification checks on documents: our rendered HTML or another system's text, HTML or PDF.

Sections come from ``data-section`` (our HTML) or from headings ("Perustelut", "Motivering",
"Liitteet", "Oikaisuvaatimusohje"…); the facts are read from the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from totudocs.lint.analysis import AnalyzedDocument
from totudocs.lint.document import Block
from totudocs.lint.engine import Hit
from totudocs.lint.justification.facts import (
    AMOUNT,
    DATE,
    generic_formulas,
    has_fact,
    has_provision,
    is_vague,
    mentions,
)

JUSTIFICATION_SECTIONS = {"justification", "discretion", "housing-cap", "reduction"}


def _hit(category: str, message: str, block: Block | None, text: str = "", **extra) -> Hit:
    if block is None:
        return Hit(message, category=category, line=1, column=1, **extra)
    start = block.text.lower().find(text.lower()) if text else 0
    start = max(start, 0)
    end = start + len(text) if text else len(block.text)
    return Hit(message, block, start, end, category=category, **extra)


def _first(blocks: Iterable[Block], key: str) -> Block | None:
    return next((b for b in blocks if mentions(b.text, key)), None)


def _title_block(blocks: list[Block]) -> Block | None:
    return next((b for b in blocks if b.kind == "heading"), blocks[0] if blocks else None)


def is_statement(document: AnalyzedDocument) -> bool:
    head = " ".join(b.text for b in document.blocks[:4])
    return mentions(head, "statement_title")


def check_document(document: AnalyzedDocument) -> list[Hit]:
    if not document.blocks:
        return []
    if is_statement(document):
        return check_statement_document(document)
    if is_decision(document):
        return check_decision_document(document)
    return []  # neither a decision nor a statement: nothing to require of it


# A decision's title: "Päätös perustoimeentulotuesta", "Toimeentulotukipäätös 12.11.2026",
# "Beslut om grundläggande utkomststöd". Only the base form opens a title; "päätöstä",
# "päätösvalta" and "beslutet" are words in running text.
_DECISION_TITLE = re.compile(r"(?:\w*päätös|beslut)(?![\w-])", re.IGNORECASE)
_TITLE_WORDS = 8


def is_decision(document: AnalyzedDocument) -> bool:
    """Our HTML (an outcome section), a "Päätös"/"Beslut" heading, or a title line near the top.

    A title is a short line that starts with the decision word and does not end like a sentence,
    so a letter or note that merely mentions a decision ("Odotan vielä päätöstä.") is not one.
    """
    if any(b.section == "outcome" for b in document.blocks):
        return True
    return any(_is_decision_title(line) for b in document.blocks[:4] for line in _lines(b))


def _lines(block: Block) -> list[str]:
    """The block's text cut where its source moves to a new line.

    A text paragraph "Kela / Päätös perustoimeentulotuesta" gives both lines; inline HTML
    ("Tämä <em>päätös</em> koskee…") stays one line.
    """
    starts = [0]
    for (_, previous, _), (offset, line, _) in itertools.pairwise(block.anchors):
        if line != previous and offset > 0:
            starts.append(offset)
    ends = [*starts[1:], len(block.text)]
    return [block.text[a:b].strip() for a, b in zip(starts, ends, strict=True)]


def _is_decision_title(line: str) -> bool:
    return (
        _DECISION_TITLE.match(line) is not None
        and len(line.split()) <= _TITLE_WORDS
        and not line.endswith((".", "!", "?"))
    )


def _items(blocks: list[Block]) -> list[list[Block]]:
    """Justification items: runs of blocks, a new one at each heading."""
    items: list[list[Block]] = []
    for block in blocks:
        if block.kind == "heading" or not items:
            items.append([])
        items[-1].append(block)
    return [item for item in items if any(b.kind != "heading" for b in item)]


def _scope(blocks: list[Block], block: Block) -> str:
    """The text a signal is judged in: the whole justification, or the block's own section."""
    if block.section in JUSTIFICATION_SECTIONS:
        return " ".join(b.text for b in blocks if b.section in JUSTIFICATION_SECTIONS)
    if block.section:
        return " ".join(b.text for b in blocks if b.section == block.section)
    return block.text


def check_decision_document(document: AnalyzedDocument) -> list[Hit]:
    blocks = document.blocks
    text = "\n".join(b.text for b in blocks)
    hits: list[Hit] = []
    justification = [b for b in blocks if b.section in JUSTIFICATION_SECTIONS]
    prose = [b for b in justification if b.kind != "heading"]
    signal = (
        _first(blocks, "negative_outcome")
        or _first(blocks, "housing_cap")
        or _first(blocks, "reduction")
    )

    # justification.missing / vague / provision-missing
    if signal is not None and not prose:
        hits.append(
            _hit(
                "justification.missing",
                "a denied, partly granted, capped or reduced item has no justification",
                signal,
            )
        )
    for item in _items(justification):
        body = [b for b in item if b.kind != "heading"]
        item_text = " ".join(b.text for b in body)
        if is_vague(item_text):
            formulas = generic_formulas(item_text)
            detail = f" (only '{formulas[0]}')" if formulas else ""
            hits.append(
                _hit(
                    "justification.vague",
                    f"justification names no case-specific fact{detail}: say which "
                    "expense, amount, date or circumstance decided it",
                    body[0],
                )
            )
    if prose and not has_provision(" ".join(b.text for b in prose)):
        hits.append(
            _hit(
                "justification.provision-missing",
                "the justification cites no provision (e.g. 'toimeentulotukilain 7 a §')",
                justification[0],
            )
        )

    # statements
    body_blocks = [b for b in blocks if b.section not in ("review", "contact")]
    mention = _first(body_blocks, "statement_mentioned")
    if mention is not None and not mentions(text, "statement_stance"):
        hits.append(
            _hit(
                "statement.unaddressed",
                "a statement was received but the decision does not say whether it was followed",
                mention,
            )
        )
    for index, block in enumerate(blocks):
        if (
            mentions(block.text, "statement_deviation")
            and mentions(block.text, "statement_mentioned")
        ) or (mentions(block.text, "statement_deviation") and block.section == "statements"):
            following = " ".join(b.text for b in blocks[index : index + 2])
            if not (mentions(following, "reason_markers") and has_fact(following)):
                hits.append(
                    _hit(
                        "statement.deviation-unjustified",
                        "the decision departs from the statement without reasons",
                        block,
                    )
                )

    # attachments
    for block in blocks:
        listed = block.section == "attachments" and block.kind != "heading"
        if listed and not mentions(block.text, "attachment_considered"):
            hits.append(
                _hit(
                    "attachment.unaddressed",
                    "an attachment is listed but the decision does not say how it "
                    "was taken into account",
                    block,
                )
            )

    # housing cap and reduction
    cap = _first(blocks, "housing_cap")
    if cap is not None:
        scope = _scope(blocks, cap)
        missing = []
        if not AMOUNT.search(scope):
            missing.append("the norm amount")
        if not DATE.search(scope):
            missing.append("the deadline")
        if not mentions(scope, "special_grounds"):
            missing.append("the special grounds considered")
        if missing:
            hits.append(
                _hit(
                    "housing-cap.incomplete",
                    f"housing costs are capped without {', '.join(missing)} (TTL 7 a §)",
                    cap,
                )
            )
    reduced = _first(blocks, "reduction")
    if reduced is not None:
        scope = _scope(blocks, reduced)
        missing = []
        if not mentions(scope, "percent"):
            missing.append("the percentage")
        if not (DATE.search(scope) or mentions(scope, "period_words")):
            missing.append("the period")
        if not mentions(scope, "hearing"):
            missing.append("the hearing")
        if not mentions(scope, "reasonableness"):
            missing.append("the reasonableness assessment")
        if missing:
            hits.append(
                _hit(
                    "reduction.incomplete",
                    f"the basic amount is reduced without {', '.join(missing)} (TTL 10 §)",
                    reduced,
                )
            )

    # own share
    direct = _first(blocks, "direct_payment")
    if direct is not None and not mentions(text, "own_share"):
        hits.append(
            _hit(
                "own-share.missing",
                "part of the support is paid to a third party, but the decision does "
                "not say which bills the client pays and how much",
                direct,
            )
        )

    title = _title_block(blocks)
    # next steps
    if not any(b.section == "next-steps" for b in blocks) and not mentions(text, "next_steps"):
        hits.append(
            _hit("next-steps.missing", "no guidance on what the client should do next", title)
        )
    # review instructions
    review = [b for b in blocks if b.section == "review"]
    review_text = " ".join(b.text for b in review) or (text if mentions(text, "review") else "")
    if not review_text:
        hits.append(
            _hit(
                "review-instructions.missing",
                "no instructions for requesting review (HL 46-49 §)",
                title,
            )
        )
    else:
        where = review[0] if review else _first(blocks, "review")
        if mentions(review_text, "review_wrong_instrument") and not mentions(review_text, "review"):
            hits.append(
                _hit(
                    "review-instructions.missing",
                    "wrong instrument: a first decision is reviewed by a request for "
                    "review (oikaisuvaatimus), not an appeal",
                    where,
                )
            )
        elif not mentions(review_text, "review_deadline"):
            hits.append(
                _hit(
                    "review-instructions.missing",
                    "the review instructions do not state the 30-day time limit",
                    where,
                )
            )
    # contact person
    if not mentions(text, "automated") and not mentions(text, "contact"):
        hits.append(_hit("contact.missing", "no contact person (HL 44 §)", title))
    # the supplementary-support promise where nothing was denied
    promise = _first(blocks, "supplementary_promise")
    is_kela = re.search(r"\b(kela|fpa)\b", " ".join(b.text for b in blocks[:3]).lower())
    if promise is not None and is_kela and not mentions(text, "negative_outcome"):
        hits.append(
            _hit(
                "phrase.irrelevant",
                "the supplementary-support phrase appears although nothing was denied "
                "that the county could cover; clients read it as a promise",
                promise,
            )
        )
    return hits


def check_statement_document(document: AnalyzedDocument) -> list[Hit]:
    blocks = document.blocks
    text = "\n".join(b.text for b in blocks)
    title = _title_block(blocks)
    hits: list[Hit] = []
    required = [
        ("statement_categories", "the TTL 15 § category or the expense type the law recognises"),
        ("need", "the client's individual need"),
        ("circumstance_words", "the circumstances"),
        ("heard_words", "that the client was heard"),
        ("informed_words", "that the client was told what the statement contains"),
        ("author_titles", "the author's title"),
        ("organisers", "the organiser"),
    ]
    for key, what in required:
        if not mentions(text, key):
            hits.append(_hit("statement.incomplete", f"the statement does not state {what}", title))
    if not (DATE.search(text) and (mentions(text, "period_words") or len(DATE.findall(text)) >= 2)):
        hits.append(
            _hit(
                "statement.incomplete", "the statement does not state the period it concerns", title
            )
        )
    if not DATE.search(text):
        hits.append(_hit("statement.incomplete", "the statement is not dated", title))
    subject = next((b.text for b in blocks if mentions(b.text, "statement_categories")), "")
    if mentions(subject, "housing_words") and not (
        mentions(text, "plan_words") and (mentions(text, "timetable_words") or DATE.search(text))
    ):
        hits.append(
            _hit(
                "statement.incomplete",
                "housing costs: the statement gives no plan and timetable to change the situation",
                title,
            )
        )
    if mentions(text, "author_titles") and not re.search(
        r"\b[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+(?:nen|la|lä|nen,)?\b", text
    ):
        hits.append(_hit("statement.incomplete", "the statement does not name its author", title))

    # the grounds: the first paragraph under each grounds heading ("Perustelut", "Motivering")
    grounds = [
        block
        for previous, block in itertools.pairwise(blocks)
        if previous.kind == "heading"
        and previous.section == "justification"
        and block.kind != "heading"
    ]
    grounds_text = " ".join(b.text for b in grounds) or " ".join(
        b.text for b in blocks if b.kind != "heading"
    )
    formulas = generic_formulas(grounds_text)
    if (
        formulas
        and not (AMOUNT.search(grounds_text) or DATE.search(grounds_text))
        and len(grounds_text.split()) < 60
    ):
        block = next((b for b in blocks if generic_formulas(b.text)), title)
        hits.append(
            _hit(
                "statement.vague",
                f"the grounds are only a generic formula ('{formulas[0]}'): name the "
                "need, the expense and the circumstances",
                block,
                formulas[0],
            )
        )
    excess = _first(blocks, "excess_data")
    if excess is not None or re.search(r"\b[FG]\d{2}(?:\.\d)?\b", text):
        block = excess or title
        hits.append(
            _hit(
                "statement.excess-data",
                "the statement carries information its category does not need "
                "(diagnoses, criminal or child-protection details): leave it out",
                block,
            )
        )
    return hits
