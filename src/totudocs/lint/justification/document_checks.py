"""Justification checks on documents: our rendered HTML or another system's text, HTML or PDF.

Sections come from ``data-section`` (our HTML) or from headings ("Perustelut", "Motivering",
"Liitteet", "Oikaisuvaatimusohje"…); the facts are read from the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from totudocs.lint.engine import Hit
from totudocs.lint.justification.calculation import check_calculation, partly_granted_rows
from totudocs.lint.justification.claims import (
    Claim,
    cap_reason,
    content_keys,
    departs_from_statement,
    document_subject,
    find,
    generic_reason_for,
    gives_guidance,
    gives_reason,
    has_deadline,
    housing_cap_claim,
    leaves_out_expense,
    mentions_statement,
    names_application_or_decision,
    names_contact_person,
    names_other_statement,
    names_person,
    partly_granted,
    reason_for,
    same_subject,
    sentences,
)
from totudocs.lint.justification.facts import (
    AMOUNT,
    DATE,
    concrete_terms,
    euro_amounts,
    generic_formulas,
    has_fact,
    has_provision,
    is_vague,
    lexicon,
    mentions,
)
from totudocs.reading.analysis import AnalyzedDocument
from totudocs.reading.model import Block

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


def _section_under(blocks: list[Block], heading: Block) -> list[Block]:
    """The blocks after ``heading`` up to the next heading."""
    after = itertools.dropwhile(lambda b: b is not heading, blocks)
    next(after, None)
    return list(itertools.takewhile(lambda b: b.kind != "heading", after))


def _title_block(blocks: list[Block]) -> Block | None:
    return next((b for b in blocks if b.kind == "heading"), blocks[0] if blocks else None)


def is_statement(document: AnalyzedDocument) -> bool:
    """A statement's title near the top, or a first heading whose role is the statement (after
    a letterhead, an address block and a reference line: "UTLÅTANDE FRÅN SOCIALVÅRDEN")."""
    head = " ".join(b.text for b in document.blocks[:4])
    if mentions(head, "statement_title"):
        return True
    first = next((b for b in document.blocks[:_LETTERHEAD_BLOCKS] if b.kind == "heading"
                  and b.section is not None), None)
    return first is not None and first.section == "statements"


_LETTERHEAD_BLOCKS = 15


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


class _Requirements:
    """What a check required and which sentence met it, kept on the document (``--explain``)."""

    def __init__(self, document: AnalyzedDocument) -> None:
        self.document = document

    def met(self, category: str, requirement: str, where: Claim | Block | None) -> None:
        self._add(category, requirement, True, where)

    def unmet(self, category: str, requirement: str, where: Claim | Block | None = None) -> None:
        self._add(category, requirement, False, where)

    def _add(self, category: str, requirement: str, met: bool,
             where: Claim | Block | None) -> None:
        from totudocs.model.hetu import mask_hetu

        # requirements quote the document, which may hold a henkilötunnus: reports must not
        entry: dict[str, object] = {"category": category, "requirement": mask_hetu(requirement),
                                    "met": met}
        if isinstance(where, Claim):
            entry.update(line=where.block.position(where.start)[0], text=mask_hetu(where.text))
        elif isinstance(where, Block):
            entry.update(line=where.position(0)[0], text=mask_hetu(where.text))
        self.document.requirements.append(entry)


def _evidence(document: AnalyzedDocument, category: str) -> list[dict[str, object]]:
    return [r for r in document.requirements if r["category"] == category]


def _with_evidence(document: AnalyzedDocument, hits: list[Hit]) -> list[Hit]:
    for hit in hits:
        hit.evidence = _evidence(document, hit.category or "")
    return hits


def _section_body(blocks: list[Block], role: str) -> Block | None:
    """The first block of text under a section (not its heading), if the section has any."""
    return next((b for b in blocks if b.section == role and b.kind != "heading"), None)


def _body_under_heading(blocks: list[Block], key: str) -> Block | None:
    """The first text under a heading that names ``key`` beside its main role ("Asiakkaan
    tilanne ja tarve" is the situation's heading and the need's too)."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and mentions(block.text, key):
            following = next((b for b in blocks[index + 1 :] if b.kind != "heading"), None)
            if following is not None and following.section == block.section:
                return following
    return None


def _contact_person(blocks: list[Block]) -> Block | None:
    """The block that names a person the client can ask: a name under the contact heading or
    after "Yhteyshenkilö", or a name with a phone number or e-mail address within a couple of
    lines of it. A service number alone names no one."""
    # a name with a phone number in the letterhead, the running footer or a letter's signature
    # lines is a contact too, whichever section those lines happen to follow
    usable = [b for b in blocks if b.kind != "heading" and (
        b.section != "review" or b.kind == "data")]
    for index, block in enumerate(usable):
        if not names_person(block.text) or _CLIENT_FIELD.match(block.text):
            continue
        nearby = usable[max(0, index - _CONTACT_WINDOW) : index + _CONTACT_WINDOW + 1]
        if any(names_contact_person(block.text + " " + b.text) for b in nearby):
            return block
    return None


_CONTACT_WINDOW = 2
# the header field that names the client, who is no contact person for herself
_CLIENT_FIELD = re.compile(r"^\W*(?:hakija|asiakas|vastaanottaja|sökande|klient|kund|mottagare)"
                           r"\b", re.IGNORECASE)
# "valittaa Hämeenlinnan hallinto-oikeuteen", "besvär hos Vasa förvaltningsdomstol": an appeal
# to a court, the wrong instrument against a first decision
_APPEAL_TO_COURT = re.compile(r"\bvalit\w*[^.]{0,60}hallinto-oikeu\w*|"
                              r"\bbesvär\w*[^.]{0,60}förvaltningsdomstol\w*", re.IGNORECASE)
# Who decided, from the letterhead and title, and where the review instructions send the client:
# Kela's decisions are reviewed by Kela, a county's by the county (HL 46-49 §, SHL 50 §).
_COUNTY = re.compile(r"\b(?:\w*hyvinvointialue\w*|\w*välfärdsområde\w*|kaupun\w*|kunta|kunnan|"
                     r"stad|staden|kommun\w*|sosiaalityö\w*|socialarbete\w*|socialtjänst\w*|"
                     r"täydentäv\w*|ehkäisev\w*|kompletterande|förebyggande)\b", re.IGNORECASE)
_KELA = re.compile(r"\b(?:kela\w*|fpa\w*)\b", re.IGNORECASE)
_HEADER_BLOCKS = 8


def _issuer(blocks: list[Block]) -> str | None:
    """'kela' or 'county' when the letterhead and title say so unambiguously."""
    head = []
    for block in blocks[:_HEADER_BLOCKS]:
        if block.section is not None and block.kind != "heading":
            break  # the body has begun
        head.append(block.text)
    header = " ".join(head)
    county, kela = bool(_COUNTY.search(header)), bool(_KELA.search(header))
    if county == kela:
        return None
    return "county" if county else "kela"


def _review_body_wrong(issuer: str | None, review_text: str) -> bool:
    """The instructions send the request to the other authority: a county's decision to Kela,
    or Kela's to a county."""
    if issuer == "county":
        return bool(_KELA.search(review_text)) and not _COUNTY.search(review_text)
    if issuer == "kela":
        return bool(_COUNTY.search(review_text)) and not _KELA.search(review_text)
    return False


# "Hakemus 5.3., vuokrasopimus, tiliote helmikuulta": documents listed in one line
_LIST_SEPARATOR = re.compile(r"[,;]\s+(?:(?:ja|och|sekä)\s+)?|\s+(?:ja|och|sekä)\s+")
_LISTED_ITEM_WORDS = 6


_LISTED_ROLES = ("attachments", "evidence")


def _listed_blocks(blocks: list[Block]) -> list[Block]:
    """The lines that list the documents received: the text under an attachments or evidence
    heading, and the list items after a sentence that announces them ("Saimme nämä
    asiakirjat:", "Vi har fått följande handlingar:") wherever it stands."""
    from totudocs.reading.roles import section_roles

    roles = section_roles()
    listed: list[Block] = []
    announced = False
    for block in blocks:
        if block.kind == "heading":
            announced = False
            continue
        if block.section in _LISTED_ROLES:
            if _PAGE_FURNITURE.search(block.text):
                continue  # a running footer printed between the lines
            if has_provision(block.text) and not _addressed_in_place(block.text):
                continue  # "Sovelletut lainkohdat: 7 a § (…), 7 b §" cites law, lists nothing
            if not _is_prose(block.text) or _addressed_in_place(block.text):
                listed.append(block)
        elif announced and block.kind in ("item", "data"):
            listed.append(block)
            continue
        match = roles.classify(block.text) if block.text.endswith(":") else None
        announced = match is not None and match.role in _LISTED_ROLES
    # "9–11": the rest of a footer line, no document
    return [b for b in listed if re.search(r"[^\W\d_]{3}", b.text)]


_PROSE_WORDS = 8
# "Vuokralasku 1.6.2027: Vuokra on pienempi kuin…": a document named, then what it showed
_NAMED_THEN_SAID = re.compile(r"^[^:]{2,80}:\s+\S+(?:\s+\S+){4,}")


def _is_prose(text: str) -> bool:
    """Sentences rather than a list: ends a sentence, is long or has a finite verb ("Asumistuen
    tiedon saimme Kelalta."), and does not split into the short names of documents."""
    from totudocs.reading.text import has_finite_verb

    if not text.rstrip().endswith((".", "!", "?")) or len(_listed_items(text)) >= 2:
        return False
    return len(text.split()) >= _PROSE_WORDS or has_finite_verb(text)


def _addressed_in_place(text: str) -> bool:
    """The listed line itself says what the document showed or how it was weighed: "Tiliote:
    veronpalautus otettu huomioon.", or a table row "Tiliote 1.5.2027 | Veronpalautus 235,00 €
    otettu huomioon."."""
    stripped = text.strip().lstrip("–—-• ").strip()
    if _DASH_THEN_SAID.match(stripped):
        return True
    match = _NAMED_THEN_SAID.match(stripped) or _ROW_THEN_SAID.match(stripped)
    return match is not None and text.rstrip().endswith((".", "!", "?"))


# a row of two cells: the document, then a sentence on what it showed
_ROW_THEN_SAID = re.compile(r"^[^|]{2,80} \| [^|]*\S+(?:\s+\S+){2,}$")
# "Työttömyyskassan maksuerittely – viivästys todettu", "Hyresavtal – godkänt i beräkningen":
# the document, a dash, and what was found in it
_DASH_THEN_SAID = re.compile(r"^[^–—|:]{2,120}\s[–—]\s+[a-zåäö]\S*(?:\s+[^\s|]+)+$")
# "Välfärdsområdet · Storgatan 6, 68600 Jakobstad ·": a running header or footer
_PAGE_FURNITURE = re.compile(r"\s·\s|\s·$")


# a statement of social care named as such: "sosiaalihuollon lausunto", "sosiaalityöntekijän
# lausunto", "socialvårdens utlåtande", "utlåtande från socialarbetaren", TTL 15 §
_SOCIAL_CARE_STATEMENT = re.compile(
    r"\bsosiaali\w*\s+(?:\w+\s+)?lausun\w*|\b\w*sosiaali\w*lausun\w*|"
    r"\bsocial\w*\s+(?:\w+\s+)?utlåtande\w*|\b\w*social\w*utlåtande\w*|"
    r"\butlåtande\w* från social\w*|\b15 §", re.IGNORECASE)
# "betalar FPA 450,00 € direkt till din hyresvärd", "maksamme suoraan vuokranantajallesi"
_PAID_TO_CREDITOR = re.compile(
    r"\b(?:maksa\w*|betala\w*)\b[^.]{0,60}?\b(?:suoraan|direkt)\b[^.]{0,30}?"
    r"\b(?:vuokranantaja\w*|hyresvärd\w*|sähköyhtiö\w*|elbolag\w*)", re.IGNORECASE)
# "maksat vuokran ja muut laskusi itse", "Du betalar själv: resten av hyran…": the client's own
# bills, with the bills named between the verb and "itse" / "själv"
_PAYS_HERSELF = re.compile(r"\bmaksa(?:t|tte)?\b(?:\s+[^\s.]+){0,10}?\s+itse\b|"
                           r"\b(?:du|ni) betalar\s+själv\w*\b|"
                           r"\bbetalar?\b(?:\s+[^\s.]+){0,10}?\s+själv\b", re.IGNORECASE)
_AT_MOST = re.compile(r"\b(?:enintään|korkeintaan|högst|maximalt)\b", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(?:\w*arvio\w*|tarjou\w*|\w*lasku\w*|kostnadsförslag\w*|"
                       r"kostnadsberäkning\w*|offert\w*|\w*räkning\w*|faktura\w*)", re.IGNORECASE)


def _short_commitment(claims: list[Claim], capped: bool = False) -> Claim | None:
    """A payment commitment for less than the provider's estimate or bill: the client owes the
    provider the rest, so the decision must say so. Not when part of the application was
    denied outright: then the difference is the denied care, which the client need not buy.
    An item granted only in part (``capped``) is still bought, and the rest is the client's."""
    commitment = next((c for c in claims if c.section != "calculation" and c.block.kind != "data"
                       and mentions(c.text, "payment_commitment") and euro_amounts(c.text)),
                      None)
    if commitment is None:
        return None
    # "maksusitoumus enintään 380,00 €": a cap on what is still bought
    capped = capped or bool(_AT_MOST.search(commitment.text))
    if not capped and any(mentions(c.text, "negative_outcome") for c in claims):
        return None
    committed = max(euro_amounts(commitment.text))
    estimates = [amount for c in claims if c.section != "calculation" and _ESTIMATE.search(c.text)
                 for amount in euro_amounts(c.text)]
    return commitment if estimates and max(estimates) > committed else None


def _listed_items(text: str) -> list[str]:
    """The documents of a list printed as one line, or the block itself. Split only when every
    part is short, as the names of documents are (a sentence is not an enumeration), never
    inside parentheses, and a part that names no document (a date, an amount, a company:
    "Lasku, 10.11.2026", "Låneavtal, Snabbkredit Ab") stays with the one before."""
    if _PAGE_MARK.search(text):
        return []  # a running header or footer printed between the lines: no document
    if " | " in text:
        # a table cell or row of bulleted lines ("• Tiliote 1.2.–1.3.2027 | • Hammashoitolan
        # lasku"): each line a document; a lead-in line ending in a colon is none
        lines = [line.strip(" •–-*\t") for line in text.split(" | ")]
        lines = [line for line in lines if line and not line.endswith(":")]
        if len(lines) >= 2:
            return [item for line in lines for item in _listed_items(line)]
    if ("," not in text and ";" not in text) or _MORE_THAN_ONE_SENTENCE.search(text):
        return [text]
    parts: list[str] = []
    depth = position = 0
    for match in _LIST_SEPARATOR.finditer(text):
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        if depth > 0:
            continue
        parts.append(text[position : match.start()])
        position = match.end()
    parts.append(text[position:])
    items: list[str] = []
    for part in (p.strip(" .") for p in parts):
        if not part or _REFERENCE.match(part):
            continue  # "ks. taulukko", "se ovan": a pointer to where it was taken up
        if items and not _names_a_document(part):
            items[-1] = f"{items[-1]}, {part}"
        else:
            items.append(part)
    if len(items) < 2 or any(len(item.split()) > _LISTED_ITEM_WORDS for item in items):
        return [text]
    return items


def _names_a_document(part: str) -> bool:
    """A common noun (lower case inside a list) names a kind of document; a relative clause or
    an agent phrase describes the one before ("…, jonka Kela siirsi 15.4.", "…, överförd av
    FPA")."""
    if _DESCRIBES_PREVIOUS.match(part):
        return False
    return any(len(word) >= _MIN_DOCUMENT_WORD and word[0].islower()
               and word.lower() not in _QUANTITY_WORDS
               for word in re.findall(r"[^\W\d_]+", part))


# "…, yhteensä 86,40 €", "…, sammanlagt 120 euro": the amount of the documents before, not one
_QUANTITY_WORDS = frozenset({"yhteensä", "yht", "arviolta", "noin", "euroa", "euro", "sammanlagt",
                             "totalt", "ungefär", "cirka", "summa", "summan", "kaikkiaan"})


_DESCRIBES_PREVIOUS = re.compile(
    r"^(?:jo(?:ka|nka|tka|ita|iden|ssa|sta|lla|hon)|som|vilke[nt]|vilka|där)\b|"
    r"^\w+(?:d|t|ad|at)\s+av\b|^\w+n\s+\w+(?:mä|mää|ämä|ämää)\b",
    re.IGNORECASE,
)


_MIN_DOCUMENT_WORD = 4
_REFERENCE = re.compile(r"^(?:ks\.?|katso|vrt\.?|se|jfr\.?)\s", re.IGNORECASE)
_PAGE_MARK = re.compile(r"\b(?:sivu|sida|page)\s+\d+\s*(?:/|\(|av|of)\s*\d+", re.IGNORECASE)
_MORE_THAN_ONE_SENTENCE = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")


def _judge_listed(item: str, block: Block, discussed: list[Claim],
                  discussed_keys: list[set[str]], need: _Requirements, hits: list[Hit]) -> None:
    """One listed document must be taken up somewhere in the decision."""
    if names_application_or_decision(item):
        return
    if mentions_statement(item):
        return  # a social-care statement: the statement checks judge what was done with it
    if mentions(item, "attachment_considered"):
        need.met("attachment.unaddressed", f"how '{item}' was taken into account", block)
        return
    keys = document_subject(item)
    where = next((c for c, k in zip(discussed, discussed_keys, strict=True)
                  if same_subject(keys, k)), None)
    if where is not None:
        need.met("attachment.unaddressed", f"how '{item}' was taken into account", where)
        return
    need.unmet("attachment.unaddressed", f"how '{item}' was taken into account", block)
    hits.append(_hit("attachment.unaddressed", "an attachment is listed but the decision does "
                     f"not say how it was taken into account ('{item}')", block))


# "menot, arviolta 150 € kuukaudessa", "kostnaderna 410 €": an expense named with its amount
_EXPENSE_WORD = re.compile(r"\b(?:\w*meno\w*|\w*kulu\w*|\w*kustannu\w*|\w*kostnad\w*|"
                           r"\w*utgift\w*)", re.IGNORECASE)
# Another system's wording of the promise of county support ("voit hakea täydentävää tai
# ehkäisevää toimeentulotukea hyvinvointialueelta", "kan du ansöka om kompletterande …")
_SUPPLEMENTARY_PROMISE = re.compile(
    r"(?:täydentäv|ehkäisev)\w*(?: \w+){0,3} toimeentulotu\w*|"
    r"(?:kompletterande|förebyggande)(?: \w+){0,3} utkomststöd\w*", re.IGNORECASE)
_CAN_APPLY = re.compile(r"\b(?:voi\w*|kannattaa|hae\w*|hake\w*|kan\b|ansök\w*|sök\w*)",
                        re.IGNORECASE)


def check_decision_document(document: AnalyzedDocument) -> list[Hit]:
    blocks = document.blocks
    text = "\n".join(b.text for b in blocks)
    claims = sentences(blocks)
    body_claims = [c for c in claims if c.section not in ("review", "contact", "signature")]
    need = _Requirements(document)
    hits: list[Hit] = []
    justification = [b for b in blocks if b.section in JUSTIFICATION_SECTIONS]
    prose = [b for b in justification if b.kind != "heading"]
    cap = housing_cap_claim([c for c in claims if c.section not in ("review", "contact")])
    # items granted in part, told by their amounts ("200,00 € (haettu 450,00 €)"), outside the
    # calculation and the justification
    table_partial = {id(b) for b in partly_granted_rows(blocks)}
    outside_reasons = [c for c in body_claims if c.section not in ("justification",
                                                                   "discretion")]
    partial = [c for c in outside_reasons if id(c.block) in table_partial
               or (c.section != "calculation" and partly_granted(c.text))]
    # an expense left out ("…emme ottaneet huomioon") is a denial in other words
    left_out_claims = [c for c in outside_reasons if leaves_out_expense(c.text)]
    left_out = left_out_claims[0].block if left_out_claims else None
    signal = (
        _first(blocks, "negative_outcome")
        or left_out
        or (cap.block if cap is not None else None)
        or _first(blocks, "reduction")
        or (partial[0].block if partial else None)
    )

    if signal is not None and not prose and signal.kind == "heading":
        # "Emme hyväksyneet" over the denied rows and a paragraph that says why: with no
        # section of reasons, the paragraphs under the denial's own heading that tell facts and
        # cite the rule applied are its justification
        prose = [b for b in _section_under(blocks, signal)
                 if b.kind == "paragraph" and has_fact(b.text) and has_provision(b.text)]

    # justification.missing / vague / provision-missing
    if signal is not None and not prose and partial and cap is None:
        # no section of reasons, but each item granted in part may carry its own reason where
        # it is told ("Sohva ei ole välttämätön…" in the list under the table)
        reasons = [reason_for(c, body_claims) for c in partial]
        if all(reasons) and not _first(blocks, "negative_outcome") and left_out is None:
            need.met("justification.missing", "a reason for each item granted in part",
                     reasons[0])
            signal = None
    if signal is not None and not prose:
        need.unmet("justification.missing", "a justification for the denied, capped or reduced "
                   "item", signal)
        hits.append(
            _hit(
                "justification.missing",
                "a denied, partly granted, capped or reduced item has no justification",
                signal,
            )
        )
    elif signal is not None:
        # every denial needs its reason: a sentence about the same item that says why
        denials = [c for c in outside_reasons if mentions(c.text, "negative_outcome")
                   or c in partial or c in left_out_claims]
        unreasoned = [d for d in denials if reason_for(d, body_claims) is None]
        vague_items = any(is_vague(" ".join(b.text for b in item if b.kind != "heading"))
                          for item in _items(justification))
        for denial in unreasoned:
            generic = generic_reason_for(denial, body_claims)
            if generic is not None and not vague_items:
                vague_items = True  # reported once, as a vague justification
                formulas = generic_formulas(generic.text)
                need.unmet("justification.vague", "a reason with a case-specific fact for the "
                           "denied item", generic)
                hits.append(_hit("justification.vague",
                                 f"the denial is justified only by '{formulas[0]}': say which "
                                 "fact decided it", generic.block, formulas[0]))
        # a cap justified in its own sentence by a formula alone ("kokonaistilanteen
        # perusteella"), with no sentence about the housing costs that says why: vague, even
        # when other items of the justification name their facts
        if cap is not None and not vague_items and generic_formulas(cap.text) and \
                cap_reason(cap, body_claims) is None:
            vague_items = True
            formula = generic_formulas(cap.text)[0]
            need.unmet("justification.vague", "a reason with a case-specific fact for the cap",
                       cap)
            hits.append(_hit("justification.vague", f"the cap is justified only by '{formula}': "
                             "say which fact decided it", cap.block, formula))
        # a denial that departs from a statement is judged by the statement checks (J005)
        departs = any(mentions_statement(c.text) for c in body_claims) and any(
            mentions(c.text, "statement_deviation") for c in body_claims)
        if unreasoned and not vague_items and not departs:
            need.unmet("justification.missing", "a reason for the denied item", unreasoned[0])
            hits.append(_hit("justification.missing",
                             "a denied or partly granted item is given no reason: say why",
                             unreasoned[0].block, unreasoned[0].text))
        else:
            reasons = [reason_for(d, body_claims) for d in denials]
            need.met("justification.missing", "a justification for the denied, capped or "
                     "reduced item", next((r for r in reasons if r), None) or prose[0])
    for item in _items(justification):
        body = [b for b in item if b.kind != "heading"]
        item_text = " ".join(b.text for b in body)
        if is_vague(item_text):
            formulas = generic_formulas(item_text)
            detail = f" (only '{formulas[0]}')" if formulas else ""
            need.unmet("justification.vague", "a case-specific fact (amount, date, named "
                       "expense or circumstance)", body[0])
            hits.append(
                _hit(
                    "justification.vague",
                    f"justification names no case-specific fact{detail}: say which "
                    "expense, amount, date or circumstance decided it",
                    body[0],
                )
            )
        else:
            fact = next((c for c in sentences(body) if has_fact(c.text)), None)
            need.met("justification.vague", "a case-specific fact", fact or body[0])
    if prose:
        # provisions stand in the justification, under a heading of their own, or as a line
        # of any section ("Sovellettu laki: …" under the documents used); not in the review
        # instructions, which cite the procedure's own law
        cited = next((c for c in claims if c.section is not None
                      and c.section not in ("review", "contact", "signature")
                      and has_provision(c.text)), None)
        if cited is None:
            need.unmet("justification.provision-missing", "a provision (section of an act)")
            hits.append(
                _hit(
                    "justification.provision-missing",
                    "the justification cites no provision (e.g. 'toimeentulotukilain 7 a §')",
                    justification[0],
                )
            )
        else:
            need.met("justification.provision-missing", "a provision", cited)

    # statements: a sentence that names a social-care statement, and what the decision did
    mention = next((c for c in body_claims if mentions_statement(c.text)), None)
    social = any(_SOCIAL_CARE_STATEMENT.search(c.text) and mentions_statement(c.text)
                 for c in body_claims)  # "…eikä sosiaalihuollon lausunto" names none
    if mention is not None and not social and any(
            names_other_statement(c.text) for c in body_claims):
        mention = None  # "…lausunnon mukaan" points back to the doctor's statement named before
    if mention is not None:
        stance = next((c for c in body_claims if mentions(c.text, "statement_stance")
                       or departs_from_statement(c)), None)
        if stance is None:
            need.unmet("statement.unaddressed", "whether the statement was followed", mention)
            hits.append(
                _hit(
                    "statement.unaddressed",
                    "a statement was received but the decision does not say whether it was "
                    "followed",
                    mention.block,
                    mention.text,
                )
            )
        else:
            need.met("statement.unaddressed", "whether the statement was followed", stance)
    for claim in body_claims:
        if departs_from_statement(claim) and (
            mentions_statement(claim.text) or claim.section == "statements"
            or any(mentions_statement(c.text) for c in body_claims if c.block is claim.block)
        ):
            reason = gives_reason(claims, claim)
            if reason is None:
                need.unmet("statement.deviation-unjustified", "a reason with facts for "
                           "departing from the statement", claim)
                hits.append(
                    _hit(
                        "statement.deviation-unjustified",
                        "the decision departs from the statement without reasons",
                        claim.block,
                        claim.text,
                    )
                )
            else:
                need.met("statement.deviation-unjustified", "a reason for departing from the "
                         "statement", reason)

    # attachments and the evidence listed: each must be taken up somewhere in the decision
    # taken up in the text or in the calculation; not in the letterhead or the lists themselves
    # a sentence of prose under the attachments heading discusses them ("Tiliotteesta näimme…")
    discussed = [c for c in claims if c.section not in ("review", "contact", "signature")
                 and (c.section not in _LISTED_ROLES or _is_prose(c.block.text))
                 and (c.block.kind != "data" or c.section in ("calculation", "own-share",
                                                              "payments"))]
    discussed_keys = [content_keys(c.text) for c in discussed]
    for block in _listed_blocks(blocks):
        if _addressed_in_place(block.text):
            need.met("attachment.unaddressed", f"how '{block.text}' was taken into account",
                     block)
            continue
        for item in _listed_items(block.text):
            _judge_listed(item, block, discussed, discussed_keys, need, hits)

    # housing cap: the sentence that limits the costs, judged with the justification around it
    if cap is not None:
        # the cap may be stated with the outcome and weighed under the justification
        scope = " ".join([cap.text, _scope(blocks, cap.block), " ".join(
            b.text for b in blocks if b.section in JUSTIFICATION_SECTIONS)])
        missing = []
        checks = (
            ("the norm amount", bool(AMOUNT.search(scope))),
            ("the deadline", has_deadline(scope)),
            ("the special grounds considered", mentions(scope, "special_grounds")),
        )
        for what, found in checks:
            (need.met if found else need.unmet)("housing-cap.incomplete", what, cap)
            if not found:
                missing.append(what)
        if missing:
            hits.append(
                _hit(
                    "housing-cap.incomplete",
                    f"housing costs are capped without {', '.join(missing)} (TTL 7 a §)",
                    cap.block,
                    cap.text,
                )
            )
    reduced = _first(blocks, "reduction")
    if reduced is not None:
        # the title often names the reduction; its grounds stand anywhere in the body
        scope = " ".join(c.text for c in body_claims)
        missing = []
        if not mentions(scope, "percent"):
            missing.append("the percentage")
        if not (DATE.search(scope) or mentions(scope, "period_words")):
            missing.append("the period")
        heard = mentions(scope, "hearing") or _section_body(blocks, "hearing") is not None
        if not heard:  # told in words, or under a heading of its own ("Hörande", "Kuuleminen")
            missing.append("the hearing")
        if not mentions(scope, "reasonableness"):
            missing.append("the reasonableness assessment")
        for what in ("the percentage", "the period", "the hearing",
                     "the reasonableness assessment"):
            (need.unmet if what in missing else need.met)("reduction.incomplete", what, reduced)
        if missing:
            hits.append(
                _hit(
                    "reduction.incomplete",
                    f"the basic amount is reduced without {', '.join(missing)} (TTL 10 §)",
                    reduced,
                )
            )

    # own share: support paid to the client's creditor (rent to the landlord), not a payment
    # commitment to a service provider, which leaves the client no bill for what it covers
    direct = next((c for c in body_claims if c.block.kind != "data"
                   and (mentions(c.text, "direct_payment") or _PAID_TO_CREDITOR.search(c.text))
                   and not mentions(c.text, "payment_commitment")), None) or _short_commitment(
        body_claims, capped=bool(partial))
    if direct is not None:
        own = next((c for c in claims if mentions(c.text, "own_share")
                    or _PAYS_HERSELF.search(c.text)), None)
        own_section = next((b for b in blocks if b.section == "own-share"), None)
        if own is None and own_section is None:
            need.unmet("own-share.missing", "which bills the client pays", direct)
            hits.append(
                _hit(
                    "own-share.missing",
                    "part of the support is paid to a third party, but the decision does "
                    "not say which bills the client pays and how much",
                    direct.block,
                    direct.text,
                )
            )
        else:
            need.met("own-share.missing", "which bills the client pays", own or own_section)

    title = _title_block(blocks)
    # next steps: a section for them under any heading, or a sentence that gives them
    steps_block = _section_body(blocks, "next-steps")
    step = steps_block or next(
        (c for c in claims if mentions(c.text, "next_steps") or gives_guidance(c)), None)
    if step is None:
        need.unmet("next-steps.missing", "what the client should do next")
        hits.append(
            _hit("next-steps.missing", "no guidance on what the client should do next", title)
        )
    else:
        need.met("next-steps.missing", "what the client should do next", step)
    # review instructions
    review = [b for b in blocks if b.section == "review"]
    review_text = " ".join(b.text for b in review) or (text if mentions(text, "review") else "")
    if not review_text:
        need.unmet("review-instructions.missing", "instructions for requesting review")
        hits.append(
            _hit(
                "review-instructions.missing",
                "no instructions for requesting review (HL 46-49 §)",
                title,
            )
        )
    else:
        where = next((b for b in review if b.kind != "heading"), None) or (
            review[0] if review else _first(blocks, "review"))
        wrong = mentions(review_text, "review_wrong_instrument") or _APPEAL_TO_COURT.search(
            review_text)
        if wrong and not mentions(review_text, "review"):
            need.unmet("review-instructions.missing", "the right instrument (oikaisuvaatimus)",
                       where)
            hits.append(
                _hit(
                    "review-instructions.missing",
                    "wrong instrument: a first decision is reviewed by a request for "
                    "review (oikaisuvaatimus), not an appeal",
                    where,
                )
            )
        elif _review_body_wrong(_issuer(blocks), review_text):
            need.unmet("review-instructions.missing", "the authority that decided as the one "
                       "to ask for review", where)
            hits.append(_hit("review-instructions.missing", "the review instructions send the "
                             "request to another authority than the one that decided", where))
        elif not mentions(review_text, "review_deadline") and not mentions(text, "review_deadline"):
            # the limit may stand under a sub-heading of its own; "30 päivän" says nothing else
            need.unmet("review-instructions.missing", "the 30-day time limit", where)
            hits.append(
                _hit(
                    "review-instructions.missing",
                    "the review instructions do not state the 30-day time limit",
                    where,
                )
            )
        else:
            need.met("review-instructions.missing", "instructions with the 30-day time limit",
                     where)
    # contact person: a contact section with content, or a sentence naming one
    contact = _contact_person(blocks)
    if not mentions(text, "automated") and contact is None:
        need.unmet("contact.missing", "a contact person (HL 44 §)")
        hits.append(_hit("contact.missing", "no contact person (HL 44 §)", title))
    elif contact is not None:
        need.met("contact.missing", "a contact person", contact)
    # the calculation adds up, and the outcome grants what it gives
    for problem in check_calculation(blocks):
        need.unmet("calculation.inconsistent", problem.message, problem.block)
        hits.append(_hit("calculation.inconsistent", problem.message, problem.block))
    # the supplementary-support promise where nothing was denied
    promise = next((c.block for c in claims if _SUPPLEMENTARY_PROMISE.search(c.text)
                    and _CAN_APPLY.search(c.text)), None) or _first(blocks, "supplementary_promise")
    head = " ".join(b.text for b in blocks[:6]).lower()
    is_kela = re.search(r"\b(kela|fpa)\b", head) or re.search(
        r"perustoimeentulotu|grundläggande utkomststöd", head)
    if promise is not None and is_kela and not mentions(text, "negative_outcome"):
        hits.append(
            _hit(
                "phrase.irrelevant",
                "the supplementary-support phrase appears although nothing was denied "
                "that the county could cover; clients read it as a promise",
                promise,
            )
        )
    return _with_evidence(document, hits)


def check_statement_document(document: AnalyzedDocument) -> list[Hit]:
    blocks = document.blocks
    text = "\n".join(b.text for b in blocks)
    claims = sentences(blocks)
    title = _title_block(blocks)
    need = _Requirements(document)
    hits: list[Hit] = []

    def require(what: str, where: Claim | Block | None) -> None:
        if where is None:
            need.unmet("statement.incomplete", what)
            hits.append(_hit("statement.incomplete", f"the statement does not state {what}",
                             title))
        else:
            need.met("statement.incomplete", what, where)

    def first(key: str) -> Claim | None:
        return next(find(claims, key), None)

    # the category: named as such, or a proposal that names an expense (TTL 15 § 1: other basic
    # expenses, such as housing costs above the norm or moving costs)
    expenses = set(lexicon()["expenses"])
    subject = first("statement_categories") or next(
        (c for c in claims if mentions(c.text, "proposal_words")
         and (concrete_terms(c.text) & expenses or mentions(c.text, "housing_words"))), None)
    require("the TTL 15 § category or the expense type the law recognises", subject)
    # the need: said in words, or an expense named with its amount
    reduction_statement = subject is not None and mentions(subject.text, "reduction_category")
    if not reduction_statement:  # a statement on a reduction concerns its grounds, not a need
        need_named = first("need") or _section_body(blocks, "need") or _body_under_heading(
            blocks, "need")
        require("the client's individual need", need_named or next(
            (c for c in claims if AMOUNT.search(c.text) and (
                concrete_terms(c.text) & expenses or _EXPENSE_WORD.search(c.text))), None))
    situation = first("circumstance_words") or _section_body(blocks, "situation")
    require("the circumstances", situation or next(
        (c for c in claims if concrete_terms(c.text) & set(lexicon()["circumstances"])), None))
    # the hearing may be told in other words under a heading of its own
    hearing = _section_body(blocks, "hearing")
    require("that the client was heard", first("heard_words") or hearing)
    require("that the client was told what the statement contains", first("informed_words"))
    require("the author's title", first("author_titles"))
    require("the organiser", first("organisers"))
    dated = next((c for c in claims if DATE.search(c.text)), None)
    period = next((c for c in claims if DATE.search(c.text) and (
        mentions(c.text, "period_words") or len(DATE.findall(c.text)) >= 2)), None)
    require("the period it concerns", period)
    require("its date", dated)
    if subject is not None and mentions(subject.text, "housing_words"):
        plan_sections = ("plan", "housing-plan")  # a heading's role, or our data-section
        plan = next((c for c in claims if mentions(c.text, "plan_words")), None) or next(
            filter(None, (_section_body(blocks, role) for role in plan_sections)), None)
        timetable = next((c for c in claims if mentions(c.text, "timetable_words")
                          or (c.section in plan_sections and DATE.search(c.text))), None)
        require("for housing costs, a plan to change the situation", plan)
        require("for housing costs, the plan's timetable", timetable)
    author = first("author_titles")
    if author is not None and not re.search(
        r"\b[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+(?:nen|la|lä|nen,)?\b", text
    ):
        require("its author's name", None)

    # the grounds: what stands under the grounds heading ("Perustelut", "Motivering", "Arvio")
    prose_claims = [c for c in claims if c.block.kind != "data"]  # not fields or signatures
    grounds = [c for c in prose_claims if c.section == "justification"] or prose_claims
    grounds_text = " ".join(c.text for c in grounds)
    formulas = generic_formulas(grounds_text)
    # naming the expense the statement is about restates the proposal; it is not a reason
    restated = concrete_terms(subject.text) if subject is not None else set()
    # the period, the hearing and the signature meet their own requirements, not the grounds
    other_parts = ("period_words", "heard_words", "informed_words", "author_titles",
                   "proposal_words")  # the proposal itself restates what the statement asks
    facts = [c for c in grounds if not any(mentions(c.text, k) for k in other_parts) and (
        AMOUNT.search(c.text) or DATE.search(c.text) or concrete_terms(c.text) - restated)]
    if formulas and not facts:
        block = next((c.block for c in grounds if generic_formulas(c.text)), title)
        need.unmet("statement.vague", "grounds with a fact about this client", block)
        hits.append(
            _hit(
                "statement.vague",
                f"the grounds are only a generic formula ('{formulas[0]}'): name the "
                "need, the expense and the circumstances",
                block,
                formulas[0],
            )
        )
    elif facts:
        need.met("statement.vague", "grounds with a fact about this client", facts[0])
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
    return _with_evidence(document, hits)
