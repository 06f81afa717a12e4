"""Rules see the forms a word takes: the perfect of a general verb (FI104) and inflected Swedish
officialese (SV103)."""

from __future__ import annotations

import pytest

from totudocs.lint.engine import LintContext, lint_document
from totudocs.lint.rules.finnish import active_past_participles
from totudocs.reading import parse_text


def _rules(text: str, language: str, code: str) -> list[str]:
    result = lint_document(parse_text(text, "x.txt"), LintContext(rules=[code]), language)
    return [f.rule for f in result.findings]


@pytest.mark.parametrize(
    "text",
    [
        "Kela on suorittanut tarkistuksen ennen maksua.",
        "Olemme tehneet päätöksen hakemuksestasi.",
        "Kela oli antanut selvityksen asiasta.",
    ],
)
def test_the_perfect_of_a_general_verb_is_nominal_style(nlp, text: str) -> None:
    assert _rules(text, "fi", "FI104") == ["FI104"]


def test_a_perfect_with_an_ordinary_object_is_not(nlp) -> None:
    assert _rules("Olet tehnyt työtä ahkerasti koko syksyn.", "fi", "FI104") == []


def test_participles_follow_the_verb_type() -> None:
    assert active_past_participles("suorittaa") == {"suorittanut", "suorittaneet"}
    assert active_past_participles("tehdä") == {"tehnyt", "tehneet"}
    assert active_past_participles("haluta") == {"halunnut", "halunneet"}


@pytest.mark.parametrize("text", ["Den sökandes inkomster räcker inte.",
                                  "Sökanden har fått stödet."])
def test_inflected_swedish_officialese(text: str) -> None:
    assert _rules(text, "sv", "SV103") == ["SV103"]


def test_a_header_label_is_not_officialese() -> None:
    assert _rules("Sökande: Anna Berg\nBeslutsdatum: 3.12.2026\n", "sv", "SV103") == []


def test_a_minen_noun_as_an_adverbial_is_not_the_object(nlp) -> None:
    text = "Kerro meille, mitä olet tehnyt asunnon löytämiseksi syksyn aikana."
    assert _rules(text, "fi", "FI104") == []
