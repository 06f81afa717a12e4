"""Words that look like a rule's target but are not: acronyms in names and dictionary
compounds, negative attributes, statute names, over-segmented compounds, labelled header
fields."""

from __future__ import annotations

import pytest

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text
from totudocs.reading.text import is_field_line


def _rules(text: str, rule: str, lang: str = "fi") -> list[str]:
    result = lint_document(parse_text(text, "a.txt"), LintContext(rules=[rule]), lang)
    return [f.message for f in result.findings]


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Maksamme summan seuralle FC Honka ry:lle.", False),  # a club's name
        ("Maksat vuokran Rovaniemen VTA Oy:lle.", False),  # a company's name
        ("Osta puhelin ja SIM-kortti.", False),  # the dictionary knows the compound
        ("Toimita KVTL-todistus meille.", True),  # an unexplained acronym
        ("Asianumero on ÖNVO/UTK/2026/2271 ja päätöspäivä 4.5.2026.", False),  # a case number
        ("Lähetä se osoitteeseen Kirjaamo, PL 10, 90029 OYS.", False),  # a postal area
    ],
)
def test_acronyms_in_names_and_dictionary_compounds(nlp, text: str, reported: bool) -> None:
    assert bool(_rules(text, "FI108")) is reported


def test_a_negative_attribute_is_not_a_double_negation(nlp) -> None:
    assert _rules("Todistuksessa ei mainita syytä laktoosittomaan ruokavalioon.", "FI109") == []
    assert _rules("Ei ole mahdotonta, että tuki myönnetään.", "FI109")


def test_compounds_counted_by_their_best_reading_and_statute_names_kept(nlp) -> None:
    assert _rules("Kokonaistilanteesi on vaikea.", "FI106") == []
    assert _rules("Maksu peritään tuomioistuinmaksulain mukaisesti.", "FI106") == []
    assert _rules("Maksat vuokran Turun Ylioppilaskyläsäätiölle.", "FI106") == []  # a name
    assert _rules("Lue toimeentulotukiasiakassuunnitelmaohjeesi.", "FI106")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Sökande: Dödsboet efter Ragnar Holm, företrätt av dottern Annika Holm", True),
        ("Hakija: Matti Esimerkki, Esimerkkikatu 4 B 12, 00100 Helsinki", True),
        ("Huom: hakemus on käsitelty kiireellisenä ja päätös tehdään tänään", False),
        ("Obs: du kan ansöka igen nästa månad", False),
    ],
)
def test_labelled_header_fields_with_long_values(line: str, field: bool) -> None:
    assert is_field_line(line) is field


def test_the_sentence_s_own_verb_is_not_a_construction(nlp) -> None:
    text = "Menot sisältyvät perusosaan, jonka Kela laskee hakemuksesi tiedoista."
    assert _rules(text, "FI102") == []
