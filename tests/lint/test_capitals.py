"""Words in capitals are words: titles and headings typed in upper case, place names and case
numbers are not unexplained abbreviations (FI108, SV104); real acronyms still are."""

from __future__ import annotations

import pytest

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text


def _abbreviations(text: str, language: str) -> list[str]:
    document = parse_text(text, "letter.txt")
    result = lint_document(document, LintContext(rules=["FI108", "SV104"]), language)
    return [f.message for f in result.findings]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("PÄÄTÖS TOIMEENTULOTUESTA\n\nKela myöntää sinulle tukea joulukuulle.\n", "fi"),
        ("BESLUT OM UTKOMSTSTÖD\n\nFPA beviljar dig stöd för december.\n", "sv"),
        ("Tämä on PÄÄTÖS, jonka Kela teki eilen hakemuksesi perusteella.\n", "fi"),
        ("Päätöksen numero on TT-2026-0420554 ja päivä 3.12.2026.\n", "fi"),
        ("Asiakas asuu KESKI-POHJANMAAN alueella yksin vuokralla.\n", "fi"),
    ],
)
def test_capitals_that_are_words_or_codes_are_not_abbreviations(nlp, text: str,
                                                                language: str) -> None:
    assert _abbreviations(text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "stem"),
    [
        ("Olet saanut THL:n ohjeen, joka koskee tukea.\n", "fi", "THL"),
        ("Vi har fått ett SHL-utlåtande från socialarbetaren.\n", "sv", "SHL"),
    ],
)
def test_real_acronyms_are_still_reported(nlp, text: str, language: str, stem: str) -> None:
    assert any(stem in message for message in _abbreviations(text, language))
