"""Completeness of a social-care statement (TTL 15 §; Asiakastietolaki 703/2023 38 §).

Works on plain data (a dict as typed in the drafting form, possibly incomplete) as well as on a
validated :class:`~totudocs.model.statement.Statement`, so the web form and `totudocs lint` give
the same answers.
"""

from __future__ import annotations

from typing import Any

from totudocs.lint.engine import Hit
from totudocs.lint.justification.facts import generic_formulas, has_fact, mentions

COMMON = [
    ("circumstances", "the circumstances"),
    ("individual_need", "the client's individual need"),
    ("period", "the period the statement concerns"),
    ("client_heard", "that the client was heard"),
    ("client_informed", "that the client was told what the statement contains"),
    ("author.name", "the author's name"),
    ("author.title", "the author's title"),
    ("organiser.name", "the organiser"),
    ("date", "the date"),
]
BY_CATEGORY = {
    "other_basic_expenses": [("expense_type", "the expense type the law recognises")],
    "basic_amount_reduction": [("reduction_grounds", "the factors affecting the reduction")],
    "urgency": [("urgency_grounds", "why the matter is urgent")],
}
HOUSING = [
    ("housing_plan", "the plan to change the housing situation"),
    ("housing_timetable", "the timetable of the plan"),
]
TEXT_FIELDS = [
    "circumstances",
    "individual_need",
    "grounds",
    "expense_type",
    "reduction_grounds",
    "urgency_grounds",
    "housing_plan",
]


def _get(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _filled(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return all(_filled(v) for v in value.values()) and bool(value)
    return bool(value)


def statement_problems(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, category, message) for everything Kela still needs from this statement."""
    problems = []
    required = COMMON + BY_CATEGORY.get(str(data.get("category")), [])
    if data.get("housing_costs"):
        required += HOUSING
    for field, what in required:
        if not _filled(_get(data, field)):
            problems.append((field, "statement.incomplete", f"the statement does not state {what}"))
    texts = {f: str(data.get(f) or "") for f in TEXT_FIELDS}
    reasons = " ".join(texts[f] for f in ("individual_need", "grounds", "circumstances"))
    formulas = generic_formulas(reasons)
    if reasons.strip() and (not has_fact(reasons) or (formulas and len(reasons.split()) < 12)):
        detail = f" ('{formulas[0]}')" if formulas else ""
        problems.append(
            (
                "grounds",
                "statement.vague",
                f"the grounds name no concrete need, expense or circumstance{detail}",
            )
        )
    for field, text in texts.items():
        if mentions(text, "excess_data"):
            problems.append(
                (
                    field,
                    "statement.excess-data",
                    "information the statement's category does not need (diagnoses, "
                    "criminal or child-protection details): leave it out",
                )
            )
    return problems


def check_statement_case(statement: Any, case_path: str) -> list[Hit]:
    from totudocs.lint.justification.case_checks import FieldLocator

    where = FieldLocator(case_path)
    return [
        where.hit(category, field, message)
        for field, category, message in statement_problems(statement.model_dump(mode="json"))
    ]
