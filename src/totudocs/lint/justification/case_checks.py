"""Justification checks on case data: precise, because the case says which items used discretion,
which statements and attachments arrived, and whether the decision is automated.

Findings point at the field in the case file the user gave (line and column from the YAML).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from totudocs.lint.engine import Hit
from totudocs.lint.justification.document_checks import check_decision_document
from totudocs.lint.justification.facts import has_fact, has_provision, is_vague, mentions
from totudocs.model.decision import Decision
from totudocs.reading.analysis import AnalyzedDocument

# Bill-type expenses and the payee kind that settles each when paid directly.
BILLS = {
    "rent": "landlord",
    "maintenance_charge": "landlord",
    "water": "landlord",
    "electricity": "energy_company",
    "heating": "energy_company",
    "medicine": "pharmacy",
}
COUNTY_COVERABLE = {"furniture", "children_hobbies", "debt", "moving", "other", "healthcare"}
# Document checks that case data answers more precisely; the rest run on the rendered text.
RENDERING_CATEGORIES = {
    "review-instructions.missing",
    "next-steps.missing",
    "contact.missing",
    "phrase.irrelevant",
}


class FieldLocator:
    """Maps dotted field paths ('discretion.0.justification') to line and column in YAML/JSON."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._root = _compose(path)

    def hit(self, category: str, field: str, message: str) -> Hit:
        """A finding about ``field`` of the case file, at that field's line and column."""
        line, column = self(field)
        return Hit(message, category=category, line=line, column=column, path=self.path,
                   section=field.split(".")[0])

    def __call__(self, dotted: str) -> tuple[int, int]:
        node = self._root
        best = (1, 1)
        for part in dotted.split("."):
            if node is None:
                break
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
            node = _child(node, part)
        if node is not None:
            best = (node.start_mark.line + 1, node.start_mark.column + 1)
        return best


@lru_cache(maxsize=32)
def _compose(path: str) -> Any:
    try:
        return yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None


def _child(node: Any, part: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                return value
    if isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
        return node.value[int(part)]
    return None


def check_case(decision: Decision, case_path: str, rendered: AnalyzedDocument) -> list[Hit]:
    where = FieldLocator(case_path)
    hits: list[Hit] = []

    def hit(category: str, field: str, message: str) -> None:
        hits.append(where.hit(category, field, message))

    discretion = {item.id: (index, item) for index, item in enumerate(decision.discretion)}
    # Items that need a justification: denied, partly granted, or decided with discretion.
    for index, outcome in enumerate(decision.outcomes):
        if outcome.outcome != "granted" and outcome.discretion is None:
            hit(
                "justification.missing",
                f"outcomes.{index}",
                f"'{outcome.item}' is {outcome.outcome} but no discretion item justifies it",
            )
    for index, item in discretion.values():
        field = f"discretion.{index}"
        text = " ".join([item.justification, *item.facts])
        if not item.justification.strip() and not item.facts:
            hit(
                "justification.missing",
                f"{field}.justification",
                f"'{item.item}': no justification and no facts",
            )
        elif is_vague(text):
            hit(
                "justification.vague",
                f"{field}.justification",
                f"'{item.item}': the justification names no case-specific fact (expense, "
                "amount, date or circumstance)",
            )
        if not item.provisions and not has_provision(item.justification):
            hit(
                "justification.provision-missing",
                f"{field}.provisions",
                f"'{item.item}': no provision cited (HL 45 §)",
            )

    if decision.housing_cap is not None:
        cap = decision.housing_cap
        missing = [
            name
            for name, value in (
                ("norm_amount", cap.norm_amount),
                ("deadline", cap.deadline),
                ("special_grounds_considered", cap.special_grounds_considered),
            )
            if not value
        ]
        if missing:
            hit(
                "housing-cap.incomplete",
                "housing_cap",
                f"housing costs capped without {', '.join(missing)} (TTL 7 a §)",
            )
        if not cap.assessment.strip() and not _discretion_about(
            decision, ("asum", "vuokra", "hyr", "boend")
        ):
            hit(
                "justification.missing",
                "housing_cap.assessment",
                "housing costs are capped but nothing says why",
            )
    if decision.reduction is not None:
        reduction = decision.reduction
        missing = [
            name
            for name, value in (
                ("percent", reduction.percent),
                ("start", reduction.start),
                ("end", reduction.end),
                ("hearing_date", reduction.hearing_date),
                ("reasonableness", reduction.reasonableness.strip()),
            )
            if not value
        ]
        if missing:
            hit(
                "reduction.incomplete",
                "reduction",
                f"reduced basic amount without {', '.join(missing)} (TTL 10 §)",
            )

    rendered_text = " ".join(b.text for b in rendered.blocks)
    for index, statement in enumerate(decision.statements):
        field = f"statements.{index}"
        if statement.followed != "followed" and (
            not statement.reasons.strip() or not has_fact(statement.reasons)
        ):
            hit(
                "statement.deviation-unjustified",
                f"{field}.reasons",
                f"statement {statement.id} was {statement.followed.replace('_', ' ')} without "
                "case-specific reasons",
            )
        if not any(
            b.section == "statements" and statement.issuer in b.text for b in rendered.blocks
        ):
            hit(
                "statement.unaddressed",
                field,
                f"statement {statement.id} is not named in the decision",
            )
    for index, attachment in enumerate(decision.attachments):
        field = f"attachments.{index}"
        if not attachment.considered and not attachment.how.strip():
            hit(
                "attachment.unaddressed",
                field,
                f"attachment '{attachment.name}' was received but the decision takes no "
                "stance on it",
            )
        elif attachment.name not in rendered_text:
            hit(
                "attachment.unaddressed",
                field,
                f"attachment '{attachment.name}' is not mentioned in the decision",
            )

    _check_own_share(decision, hit)

    if decision.automated:
        if not mentions(rendered_text, "automated"):
            hit(
                "automation.disclosure-missing",
                "automated",
                "an automated decision must say so (HL 53 g §)",
            )
        uses_discretion = bool(decision.discretion) or any(
            o.outcome != "granted" for o in decision.outcomes
        )
        if uses_discretion and not (decision.human_assessment or "").strip():
            hit(
                "automation.discretion",
                "human_assessment",
                "an automated decision used discretion without a recorded human assessment "
                "(HL 53 e §)",
            )
    if decision.issuer.contact is None and not decision.automated:
        hit("contact.missing", "issuer", "no contact person (HL 44 §)")
    maker = decision.decision_maker
    if not decision.automated and (maker is None or maker.name not in rendered_text):
        hit(
            "decision-maker.missing",
            "decision_maker",
            "the decision does not name who made it (HL 44 §); a template may have dropped it",
        )

    # What the rendering itself must contain (custom templates can drop it).
    for document_hit in check_decision_document(rendered):
        if document_hit.category in RENDERING_CATEGORIES:
            if document_hit.category == "phrase.irrelevant" and _promise_relevant(decision):
                continue
            if document_hit.category == "contact.missing" and decision.automated:
                continue  # automated decisions need no contact person (HL 53 g §)
            hits.append(document_hit)
    return hits


def _discretion_about(decision: Decision, stems: tuple[str, ...]) -> bool:
    return any(
        any(stem in f"{item.item} {item.justification}".lower() for stem in stems)
        for item in decision.discretion
    )


def _promise_relevant(decision: Decision) -> bool:
    return any(o.outcome != "granted" and o.category in COUNTY_COVERABLE for o in decision.outcomes)


def _check_own_share(decision: Decision, hit) -> None:
    """Bills the support covers but the client must still pay must be named (seed 002)."""
    direct = [p for p in decision.payments if p.payee != "client"]
    if not direct or decision.own_share:
        return
    paid: dict[str, Decimal] = {}
    for payment in direct:
        paid[payment.payee] = paid.get(payment.payee, Decimal("0")) + payment.amount
    for row in decision.calculation.expenses:
        payee = BILLS.get(row.category)
        if payee and row.accepted > 0:
            paid[payee] = paid.get(payee, Decimal("0")) - row.accepted
            if paid[payee] < 0:
                hit(
                    "own-share.missing",
                    "payments",
                    "part of the support is paid to a third party, but the decision does not "
                    f"say which bills the client still pays (e.g. {row.category}) and how much",
                )
                return
