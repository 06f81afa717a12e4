"""FI103 and SV102 report a passive that hides who decides, judged in context: not the law
described in general, a routine payment to the client's account, an earlier decision told as
past events, a recommendation, or an act whose actor the text has just named."""

from __future__ import annotations

import pytest

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text


def _passives(text: str, lang: str) -> list[str]:
    rule = "FI103" if lang == "fi" else "SV102"
    result = lint_document(parse_text(text, "a.txt"), LintContext(rules=[rule]), lang)
    return [f.message.split("'")[1] for f in result.findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # this decision's outcome, actor hidden
        ("Hakemuksesi hylätään, koska tulosi riittävät menoihin.", ["hylätään"]),
        ("Kannettavaa tietokonetta ei myönnetä.", ["myönnetä"]),
        ("Perusosaasi alennetaan 20 prosenttia joulukuussa.", ["alennetaan"]),
        # paying to someone else is a decision of its own
        ("Tuki maksetaan vuokranantajallesi suoraan.", ["maksetaan"]),
        # the law in general: an indefinite object, nothing about this case
        ("Täydentävää toimeentulotukea myönnetään erityisiin menoihin, jotka ovat "
         "välttämättömiä.", []),
        ("Televisio ei ole meno, johon myönnetään täydentävää toimeentulotukea.", []),
        # the routine payment into the client's account
        ("Tuki maksetaan tilillesi 3.12.2026.", []),
        # an earlier decision told as what happened then
        ("Kieltäydyit työtoiminnasta, ja perusosaasi alennettiin silloin 20 prosenttia.", []),
        # a source's information about another benefit
        ("Kelan tietojen mukaan opintotukea ei ole vielä myönnetty sinulle.", []),
        # the actor is in the sentence
        ("Arvioimme, että vuokrasi hyväksytään kokonaan.", []),
        # the client's wish, asked about
        ("Kerro hakemuksessa, haluatko, että tuki maksetaan vuokranantajallesi.", []),
        # the law's presumption of receipt
        ("Jos päätös lähetettiin kirjeenä, katsotaan, että sait sen seitsemäntenä päivänä.", []),
    ],
)
def test_finnish_passive_outcome(nlp, text: str, expected: list[str]) -> None:
    assert _passives(text, "fi") == expected


def test_finnish_actor_named_for_the_same_act_just_before(nlp) -> None:
    text = ("Hyväksymme vuokrasi 600 euroa.\n\nSähkölasku 40 euroa hyväksytään myös.")
    assert _passives(text, "fi") == []
    assert _passives("Sähkölasku 40 euroa hyväksytään.", "fi") == ["hyväksytään"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Din ansökan avslås eftersom dina inkomster räcker.", ["avslås"]),
        ("Begäran ska göras skriftligt inom 30 dagar.", ["göras"]),
        ("Stödet betalas direkt till hyresvärden.", ["betalas"]),
        ("Stödet betalas till ditt konto 3.12.2026.", []),
        ("Du kan fråga hyresvärden om garantin kan betalas i delar.", []),
        ("Det belopp som betalas ingår i din pension.", []),
        ("Om planen följs bör han inte längre räknas som arbetsovillig.", []),
        ("I vårt brev hade vi berättat att grunddelen kan sänkas.", []),
        ("Du har bett att stödet ska betalas till hyresvärden.", []),
        ("Meddela om stödet även i fortsättningen ska betalas till hyresvärden.", []),
    ],
)
def test_swedish_s_passive(nlp, text: str, expected: list[str]) -> None:
    assert _passives(text, "sv") == expected


def test_swedish_actor_named_for_the_same_act_just_before(nlp) -> None:
    text = "Vi godkänner läkemedlen.\n\nRäkningen för besöket godkänns som hälsovårdsutgift."
    assert _passives(text, "sv") == []
    assert _passives("Räkningen för besöket godkänns som hälsovårdsutgift.", "sv") == ["godkänns"]
