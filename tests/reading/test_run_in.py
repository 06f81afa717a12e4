"""Run-in headings: a section named at the start of its first paragraph, in letters and old
case-management exports, is read as the heading it stands for; sentences are not."""

from __future__ import annotations

import pytest

from totudocs.reading import parse_html, parse_text


def _kinds(document) -> list[tuple[str, str | None, str]]:
    return [(b.kind, b.section, b.text) for b in document.blocks]


def test_a_letters_run_in_headings_open_their_sections() -> None:
    text = """Beslut om kompletterande utkomststöd

Beslut. Du får kompletterande utkomststöd 180,00 € för fotbollsavgiften.

Motivering. Leo har spelat i klubben sedan 2024, och avgiften är 180,00 €.

Vad händer nu? Skicka kvittot till oss senast 31.3.2027.
"""
    kinds = _kinds(parse_text(text, "brev.txt"))
    assert ("heading", "outcome", "Beslut") in kinds
    assert ("heading", "justification", "Motivering") in kinds
    assert ("paragraph", "justification",
            "Leo har spelat i klubben sedan 2024, och avgiften är 180,00 €.") in kinds
    assert ("paragraph", "next-steps", "Skicka kvittot till oss senast 31.3.2027.") in kinds


def test_a_capitals_label_with_a_hanging_indent_is_one_paragraph() -> None:
    text = ("PERUSTELUT:\tVuokrasi 720,00 € on kohtuullinen, joten se\n"
            "\t\totetaan huomioon kokonaan.\n"
            "\n"
            "MUISTA:\tHae toukokuun tukea huhtikuun aikana.\n")
    kinds = _kinds(parse_text(text, "vanha.txt"))
    assert ("heading", "justification", "PERUSTELUT") in kinds
    assert ("paragraph", "justification",
            "Vuokrasi 720,00 € on kohtuullinen, joten se otetaan huomioon kokonaan.") in kinds


@pytest.mark.parametrize("sentence", [
    "Vi följde utlåtandet. Vi godkände flyttkostnaderna.",
    "Emme noudattaneet lausuntoa. Hoito ei ole kiireellinen.",
    "Maksamme 400,00 € suoraan vuokranantajalle. Loput maksamme tilillesi.",
    "Lähetit hakemuksen mukana viisi liitettä. Kerromme alla, miten kukin vaikutti.",
])
def test_a_sentence_is_not_a_run_in_heading(sentence: str) -> None:
    kinds = _kinds(parse_text(f"Päätös\n\n{sentence}\n", "p.txt"))
    assert [k for k, _s, _t in kinds].count("heading") == 1


def test_our_own_marked_html_is_left_as_its_markup_says() -> None:
    html = """<html lang="fi"><body><section data-section="statements">
<p>Lausunnon antaja: Helsingin aikuissosiaalityö</p></section></body></html>"""
    kinds = _kinds(parse_html(html, "oma.html"))
    assert [(section, text) for _kind, section, text in kinds] == [
        ("statements", "Lausunnon antaja: Helsingin aikuissosiaalityö")]


def test_asciidoc_headings_and_attribute_lines() -> None:
    text = """= Täydentävä toimeentulotuki – päätös

== Lopputulos lyhyesti
Myönnämme sinulle tukea 350,00 €.

[cols="3,1,1",options="header"]
|===
|Erä |Haettu |Myönnetty
|===

== Mihin arvio nojaa
Vanha koneesi hajosi 2.10.2026.
"""
    kinds = _kinds(parse_text(text, "a.txt"))
    headings = [(section, text) for kind, section, text in kinds if kind == "heading"]
    assert headings == [("outcome", "Täydentävä toimeentulotuki – päätös"),
                        ("outcome", "Lopputulos lyhyesti"),
                        ("justification", "Mihin arvio nojaa")]
