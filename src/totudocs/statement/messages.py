"""What the drafting form and ``totudocs statement check`` tell the social worker, translatable.

One place for the statement's fields (grouped as the statement reads), the categories of TTL 15 §
with a plain explanation, what is missing, what is wrong with a value (pydantic's error types
mapped to our own messages: raw validation text is never shown), and the plain-language findings
of the lint rules re-worded for a statement written *to* Kela.

Every message is an English msgid marked with ``N_``/``_`` and translated when shown, in the
interface language set with :func:`totudocs.statement.i18n.use_language`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from totudocs.statement.i18n import N_, date_pattern, format_date, format_number
from totudocs.statement.i18n import gettext as _

# An example henkilötunnus with a correct check character (the tax administration's own example,
# 13 October 1952; tests check it with python-stdnum).
EXAMPLE_HETU = "131052-308T"

CATEGORIES: dict[str, tuple[str, str]] = {
    # category: (name, what the statement is for)
    "other_basic_expenses": (
        N_("Other basic expenses"),
        N_(
            "Kela can accept an expense it does not usually cover, such as moving costs or "
            "housing costs above its limits, when the client's situation makes it necessary. "
            "Tell Kela what the expense is, why this client needs it and, for housing costs, "
            "how the situation is going to change."
        ),
    ),
    "basic_amount_reduction": (
        N_("Reducing the basic amount"),
        N_(
            "Before Kela reduces the basic amount, for example because the client has refused "
            "work or training, it asks the social services about the client's situation. Tell "
            "Kela what speaks for or against the reduction and what has been planned with the "
            "client."
        ),
    ),
    "urgency": (
        N_("Urgent need"),
        N_(
            "When the client needs support at once, for example for food, medicine or housing, "
            "tell Kela why the matter is urgent so that it decides without delay."
        ),
    ),
}


def category_name(category: str) -> str:
    return _(CATEGORIES[category][0]) if category in CATEGORIES else ""


def category_explanation(category: str) -> str:
    return _(CATEGORIES[category][1]) if category in CATEGORIES else ""


@dataclass(frozen=True)
class Field:
    name: str  # dotted path in the case data; the form field's id is "f-" + name
    label: str
    kind: str  # text, area, date, check
    hint: str = ""
    category: str | None = None  # shown only for this category
    optional: bool = False


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    fields: tuple[Field, ...]
    category: str | None = None


# The statement's order: who it is about, the situation and need, the proposal and its period,
# the plan, the hearing, who signs.
GROUPS: tuple[Group, ...] = (
    Group(
        "client",
        N_("Client's details"),
        (
            Field("client.name", N_("Client's name"), "text"),
            Field(
                "client.hetu",
                N_("Personal identity code"),
                "text",
                N_("For example %(example)s"),
            ),
            Field("case_id", N_("Case number"), "text"),
        ),
    ),
    Group(
        "situation",
        N_("Situation and need"),
        (
            Field(
                "expense_type",
                N_("Expense the statement concerns"),
                "text",
                N_("An expense type the law recognises, for example muuttokustannukset"),
                category="other_basic_expenses",
            ),
            Field(
                "circumstances",
                N_("Client's situation"),
                "area",
                N_(
                    "Only what Kela needs: where and with whom the client lives, income, "
                    "health."
                ),
            ),
            Field(
                "individual_need",
                N_("Individual need"),
                "area",
                N_("What the client needs and why: amounts and dates."),
            ),
            Field(
                "reduction_grounds",
                N_("Factors affecting the reduction"),
                "area",
                N_("What Kela should weigh before it reduces the basic amount."),
                category="basic_amount_reduction",
            ),
            Field(
                "urgency_grounds",
                N_("Why the matter is urgent"),
                "area",
                N_("What happens if the client does not get support at once."),
                category="urgency",
            ),
        ),
    ),
    Group(
        "proposal",
        N_("Proposal and period"),
        (
            Field(
                "grounds",
                N_("Your assessment and proposal to Kela"),
                "area",
                N_(
                    "What you propose Kela does and why. Not just 'kokonaistilanteen "
                    "perusteella'."
                ),
            ),
            Field("period.start", N_("Period from"), "date"),
            Field("period.end", N_("Period until"), "date"),
        ),
    ),
    Group(
        "plan",
        N_("Plan"),
        (
            Field("housing_costs", N_("The statement concerns housing costs"), "check"),
            Field(
                "housing_plan",
                N_("Plan to change the housing situation"),
                "area",
                N_("Needed when the statement concerns housing costs."),
            ),
            Field("housing_timetable", N_("The plan is carried out by"), "date"),
        ),
        category="other_basic_expenses",
    ),
    Group(
        "hearing",
        N_("Hearing the client"),
        (
            Field("client_heard", N_("The client has been heard"), "check"),
            Field("heard_date", N_("Date of the hearing"), "date", optional=True),
            Field(
                "client_informed",
                N_("The client has been told what the statement contains"),
                "check",
            ),
        ),
    ),
    Group(
        "signature",
        N_("Signature"),
        (
            Field("author.name", N_("Your name"), "text"),
            Field(
                "author.title",
                N_("Your title"),
                "text",
                N_("For example sosiaalityöntekijä, sosiaaliohjaaja"),
            ),
            Field("author.phone", N_("Phone number"), "text", optional=True),
            Field("organiser.name", N_("Wellbeing services county"), "text"),
            Field("organiser.unit", N_("Unit"), "text", optional=True),
            Field("date", N_("Date of the statement"), "date"),
        ),
    ),
)
FIELDS: tuple[Field, ...] = tuple(f for g in GROUPS for f in g.fields)
FIELD_BY_NAME = {f.name: f for f in FIELDS}


def groups_for(category: str) -> list[Group]:
    """The groups and fields of a statement of ``category``."""
    shown = []
    for group in GROUPS:
        if group.category and group.category != category:
            continue
        fields = tuple(f for f in group.fields if not f.category or f.category == category)
        shown.append(Group(group.id, group.title, fields, group.category))
    return shown


# Sections of the rendered statement named otherwise than the draft's field
_SECTION_FIELDS = {"justification": "grounds"}


def label(field: str) -> str:
    known = FIELD_BY_NAME.get(_SECTION_FIELDS.get(field, field))
    if known:
        return _(known.label)
    if field == "period":
        return _("Period")
    return field


def hint(field: Field) -> str:
    if field.kind == "date":
        pattern = _("Write the date as %(pattern)s") % {"pattern": date_pattern()}
        return pattern
    if not field.hint:
        return ""
    return _(field.hint) % {"example": EXAMPLE_HETU} if "%(" in field.hint else _(field.hint)


# --- what is missing --------------------------------------------------------------------------

MISSING: dict[str, str] = {
    "case_id": N_("Give the case number."),
    "client.name": N_("Write the client's name."),
    "client.hetu": N_("Write the client's personal identity code."),
    "expense_type": N_("Say which expense the statement concerns."),
    "circumstances": N_("Describe the client's situation."),
    "individual_need": N_("Say what the client needs and why."),
    "reduction_grounds": N_("Say what affects the reduction of the basic amount."),
    "urgency_grounds": N_("Say why the matter is urgent."),
    "grounds": N_("Write your assessment and proposal to Kela."),
    "period": N_("Give the period the statement concerns."),
    "period.start": N_("Give the date the period starts."),
    "period.end": N_("Give the date the period ends."),
    "housing_plan": N_("Write the plan to change the housing situation."),
    "housing_timetable": N_("Give the date by which the plan is carried out."),
    "client_heard": N_("Confirm that the client has been heard."),
    "client_informed": N_("Confirm that the client has been told what the statement contains."),
    "author.name": N_("Write your name."),
    "author.title": N_("Write your title."),
    "organiser.name": N_("Write the wellbeing services county."),
    "date": N_("Give the date of the statement."),
}


def missing_message(field: str) -> str:
    return _(MISSING[field]) if field in MISSING else _("Fill in: %(field)s") % {
        "field": label(field)
    }


def form_field(field: str) -> str:
    """The form field an item about ``field`` links to (a period: its start)."""
    return "period.start" if field == "period" else field


# --- what is wrong with a value ---------------------------------------------------------------


def _date_message() -> str:
    example = format_date(date(2026, 11, 25))
    return _("Write the date as %(pattern)s, for example %(example)s.") % {
        "pattern": date_pattern(),
        "example": example,
    }


def validation_message(field: str, kind: str, cause: str = "", ctx: dict[str, Any] | None = None
                       ) -> str:
    """Our own message for one pydantic error (``kind`` is its type, ``cause`` the text of a
    ValueError raised by a validator), never pydantic's English."""
    ctx = ctx or {}
    if kind in ("missing", "string_too_short"):
        return missing_message(field)
    if kind == "string_too_long":
        return _("Too long: at most %(count)s characters.") % {
            "count": format_number(int(ctx.get("max_length", 0)))
        }
    if kind.startswith("date") or kind.startswith("datetime"):
        return _date_message()
    if field == "client.hetu":
        if "check character does not match" in cause:
            return _(
                "The check character (the last one) does not match the rest of the code. "
                "Check the code."
            )
        if "date of birth" in cause:
            return _("The date of birth in the personal identity code is not a real date.")
        return _(
            "A personal identity code has the date of birth, a century sign, three digits and "
            "a check character, for example %(example)s."
        ) % {"example": EXAMPLE_HETU}
    if field == "case_id":
        if "henkilötunnus" in cause:
            return _("The case number must not contain a personal identity code.")
        return _("The case number has characters that cannot be used.")
    if field == "period.end" and "before" in cause:
        return _("The period ends before it starts.")
    if field == "heard_date" and "after" in cause:
        return _("The hearing date is after the date of the statement.")
    if kind == "extra_forbidden":
        return _("Unknown field: check its spelling.")
    if kind in ("literal_error", "enum"):
        return _("This value is not one of the allowed ones.")
    if kind.startswith("bool"):
        return _("Answer yes or no (true or false).")
    return _("Check this value.")


def validation_items(case: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(field, message, empty) for each validation error of the statement ``case``; empty: the
    field has no value (so the item is "missing", not "wrong")."""
    from pydantic import ValidationError

    from totudocs.model.decision import FieldError
    from totudocs.model.statement import Statement

    try:
        Statement.model_validate(case)
    except ValidationError as error:
        items = []
        for item in error.errors(include_url=False, include_input=False):
            loc = [str(p) for p in item["loc"] if not _is_union_tag(p)]
            cause = (item.get("ctx") or {}).get("error")
            if isinstance(cause, FieldError):
                loc.append(cause.field)
            field = ".".join(loc)
            value = _get(case, field)
            empty = value is None or (isinstance(value, str) and not value.strip())
            message = missing_message(field) if empty else validation_message(
                field, item["type"], str(cause or ""), dict(item.get("ctx") or {})
            )
            items.append((field, message, empty))
        return items
    return []


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and "[" in part and part.endswith("]")


def _get(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def to_case(data: dict[str, Any]) -> dict[str, Any]:
    """The draft without empty optional values, ready for validation and rendering."""
    case = {k: v for k, v in data.items() if v not in (None, "")}
    if isinstance(case.get("author"), dict) and not case["author"].get("phone"):
        case["author"] = {k: v for k, v in case["author"].items() if k != "phone"}
    if isinstance(case.get("organiser"), dict) and not case["organiser"].get("unit"):
        case["organiser"] = {k: v for k, v in case["organiser"].items() if k != "unit"}
    return case


# --- one list of everything ---------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One thing to tell the social worker about the draft."""

    field: str  # the case field (dotted); the form field is form_field(field)
    kind: str  # missing, invalid (both block the statement), advice
    rule: str  # J016 missing, invalid, J017 vague, J018 excess data, or a lint rule code
    message: str
    advice: str = ""
    severity: str = "error"

    @property
    def blocking(self) -> bool:
        return self.kind in ("missing", "invalid")

    @property
    def target(self) -> str:
        return form_field(self.field)


def check_draft(data: dict[str, Any]) -> list[Item]:
    """Completeness (what Kela needs), wrong values and the content checks of the statement,
    translated: missing and invalid items first, in the statement's order."""
    from totudocs.lint.justification.statement_checks import statement_problems

    order = {f.name: i for i, f in enumerate(FIELDS)} | {"period": FIELDS.index(
        FIELD_BY_NAME["period.start"])}
    missing: dict[str, Item] = {}
    advice: list[Item] = []
    for field, category, message in statement_problems(data):
        if category == "statement.incomplete":
            missing[field] = Item(field, "missing", "J016", missing_message(field))
        elif category == "statement.vague":
            formula = re.search(r"\('(.+)'\)$", message)
            text = _("The grounds name no concrete need, expense or circumstance.")
            if formula:
                text += " " + _("'%(formula)s' alone is not a ground Kela can act on.") % {
                    "formula": formula.group(1)
                }
            advice.append(Item(field, "advice", "J017", text,
                               _("Say what the client needs, what it costs and why."), "error"))
        elif category == "statement.excess-data":
            advice.append(Item(
                field, "advice", "J018",
                _("Information this statement does not need (diagnoses, criminal or "
                  "child-protection details)."),
                _("Leave it out: tell Kela only what it needs for the decision."),
                "warning",
            ))
    invalid: list[Item] = []
    for field, message, empty in validation_items(to_case(data)):
        if field in missing or (field.startswith("period.") and "period" in missing):
            continue
        if empty:
            missing[field] = Item(field, "missing", "J016", message)
        else:
            invalid.append(Item(field, "invalid", "invalid", message))
    blocking = sorted([*missing.values(), *invalid], key=lambda i: order.get(i.field, 999))
    return blocking + advice


# --- plain-language findings, re-worded -----------------------------------------------------

_QUOTED = re.compile(r"'([^']+)'")


def _quoted(message: str, index: int = 0) -> str:
    found = _QUOTED.findall(message)
    return found[index] if len(found) > index else ""


def _after(prefix: str, suggestion: str | None) -> str:
    text = suggestion or ""
    return text[len(prefix):].rstrip(".").strip() if text.startswith(prefix) else ""


def translate_finding(rule: str, message: str, suggestion: str | None, document_language: str
                      ) -> tuple[str, str]:
    """(message, advice) for a readability finding, in the interface language and written for a
    statement to Kela (the rules' own advice is written for decisions: "Kela myöntää sinulle")."""
    word = _quoted(message)
    if rule in ("FI101", "SV101"):
        numbers = re.findall(r"\d+(?:\.\d+)?", message)
        words, limit = ([*numbers, "", ""])[:2]
        return (
            _("The sentence has %(words)s words; aim for at most %(limit)s.") % {
                "words": format_number(int(words or 0)),
                "limit": format_number(float(limit or 0)),
            },
            _("Split it: one thing per sentence."),
        )
    if rule == "FI102":
        count = re.match(r"(\d+)", message)
        return (
            _("%(count)s participle or infinitive constructions in one sentence.") % {
                "count": format_number(int(count.group(1)) if count else 0)
            },
            _("Use a clause with a verb: 'kun hakemus tuli', 'päätös, jonka Kela teki'."),
        )
    if rule in ("FI103", "SV102"):
        advice = (
            _("Say who does what: 'Asiakas on kertonut…', 'Ehdotan, että Kela hyväksyy…'.")
            if document_language == "fi"
            else _("Say who does what: 'Klienten har berättat…', 'Jag föreslår att FPA "
                   "godkänner…'.")
        )
        return _("The passive '%(word)s' does not say who acts.") % {"word": word}, advice
    if rule == "FI104":
        verb = _after("Use the verb:", suggestion)
        advice = (_("Use the verb: %(verb)s.") % {"verb": verb}) if verb else _(
            "Use the verb itself.")
        return _("Noun style: '%(words)s'.") % {"words": word}, advice
    if rule == "FI105":
        count = re.search(r"chain of (\d+)", message)
        return (
            _("A chain of %(count)s genitives: '%(words)s'.") % {
                "count": format_number(int(count.group(1)) if count else 0),
                "words": word,
            },
            _("Break the chain: say whose and what in separate phrases."),
        )
    if rule == "FI106":
        parts = re.search(r"has (\d+) parts", message)
        return (
            _("The compound '%(word)s' has %(parts)s parts.") % {
                "word": word,
                "parts": format_number(int(parts.group(1)) if parts else 0),
            },
            _("Open it into a phrase."),
        )
    if rule in ("FI107", "SV103"):
        plain = _after("Plain alternative:", suggestion)
        advice = (_("Write instead: %(plain)s.") % {"plain": plain}) if plain else _(
            "Use a plain word.")
        return _("Officialese: '%(word)s'.") % {"word": word}, advice
    if rule in ("FI108", "SV104"):
        plain = _after("Write it out:", suggestion)
        if "not explained" in message:
            return (
                _("The abbreviation '%(word)s' is not explained.") % {"word": word},
                _("Write it out, or explain it where it first appears."),
            )
        advice = (_("Write it out: %(plain)s.") % {"plain": plain}) if plain else _(
            "Write it out.")
        return _("Internal abbreviation '%(word)s'.") % {"word": word}, advice
    if rule == "FI109":
        return (
            _("Double negation: '%(words)s'.") % {"words": word},
            _("Say it positively."),
        )
    if rule == "FI110":
        return (
            _("The client is referred to as '%(main)s' elsewhere but as '%(here)s' here.") % {
                "main": word,
                "here": _quoted(message, 1),
            },
            _("Refer to the client the same way throughout."),
        )
    if rule == "FI111":
        return (
            _("Rare case form: '%(word)s'.") % {"word": word},
            _("Use 'kanssa' or 'ilman' instead."),
        )
    return _("Check the wording here."), ""
