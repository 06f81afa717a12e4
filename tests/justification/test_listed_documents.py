"""Documents listed in one line are judged one by one; what describes a document stays with it."""

from __future__ import annotations

import pytest

from totudocs.lint.justification.document_checks import _listed_items


@pytest.mark.parametrize(
    ("line", "items"),
    [
        ("Hakemus 5.3.2027, vuokrasopimus, sähkölasku 4.3.2027 ja tiliote helmikuulta",
         ["Hakemus 5.3.2027", "vuokrasopimus", "sähkölasku 4.3.2027", "tiliote helmikuulta"]),
        ("Ansökan, hyresavtal och kontoutdrag för februari",
         ["Ansökan", "hyresavtal", "kontoutdrag för februari"]),
        # a date, an amount or a company describes the document before it
        ("Lasku, 10.11.2026, ja vuokrasopimus", ["Lasku, 10.11.2026", "vuokrasopimus"]),
        ("Låneavtal, Snabbkredit Norden Ab, och lönespecifikation",
         ["Låneavtal, Snabbkredit Norden Ab", "lönespecifikation"]),
        # never inside parentheses, never a sentence
        ("Lääkärintodistus (sairausloma, 2.2.2027)", ["Lääkärintodistus (sairausloma, 2.2.2027)"]),
        ("Käytimme lähteinä tiliotetta 10.11.2026, työsopimusta ja laskua. Ne täsmäsivät.",
         ["Käytimme lähteinä tiliotetta 10.11.2026, työsopimusta ja laskua. Ne täsmäsivät."]),
        # bulleted lines of one table cell, after a lead-in
        ("Vi har fått följande bilagor: | – hyresavi för mars | – kontoutdrag 1.1.–25.2.2027",
         ["hyresavi för mars", "kontoutdrag 1.1.–25.2.2027"]),
        # a running header printed between the lines
        ("Satakunnan hyvinvointialue | Päätös 1234 | Sivu 2/2", []),
        # the amount the documents come to is no document of its own
        ("sähkölasku 3.2.2027, hammaslääkärin lasku 9.2.2027, yhteensä 211,30 €",
         ["sähkölasku 3.2.2027", "hammaslääkärin lasku 9.2.2027, yhteensä 211,30 €"]),
    ],
)
def test_listed_items(line: str, items: list[str]) -> None:
    assert _listed_items(line) == items


def test_a_row_that_says_what_its_document_showed_is_addressed_in_place() -> None:
    from totudocs.lint.justification.document_checks import _addressed_in_place

    assert _addressed_in_place("Tiliote 1.5.–14.6.2027 | Veronpalautus otettu huomioon.")
    assert not _addressed_in_place("Tiliote 1.5.–14.6.2027 | Vuokralasku kesäkuu 2027")


@pytest.mark.parametrize(("line", "addressed"), [
    ("Työttömyyskassan maksuerittely – viivästys todettu", True),
    ("– Hyresavtal 1.4.2026 – godkänt i beräkningen", True),
    ("Vi har fått följande bilagor: | – hyresavi för mars | – kontoutdrag", False),
    ("Tiliote 1.5.–14.6.2027", False),
])
def test_a_document_a_dash_and_what_it_showed(line: str, addressed: bool) -> None:
    from totudocs.lint.justification.document_checks import _addressed_in_place

    assert _addressed_in_place(line) is addressed


def test_a_pointer_to_the_table_is_no_document() -> None:
    assert _listed_items("vuokrasopimus 1.2.2026, tiliote 3/2026, ks. taulukko") == [
        "vuokrasopimus 1.2.2026", "tiliote 3/2026"]
