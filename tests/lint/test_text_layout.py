"""Plain text as other systems print it: calculation rows, columns and "Label: value" header
fields are data, each on its own line; they never merge into one long "sentence" of prose."""

from __future__ import annotations

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text

LETTER = """\
Hakija: Matti Esimerkki
Päätöspäivä: 12.3.2026
Asianumero: TT-2026-0420554

Laskelma maaliskuu 2026:
Perusosa, Matti Esimerkki 557,79 €
Vuokra 860,00 €
Sähkö                         62,30 €
Menot yhteensä 1 480,09 €
Työmarkkinatuki −1 120,50 €
Perustoimeentulotuki 359,59 €

Jatkotoimet: Lähetä meille tiliotteesi, jotta voimme laskea tuen huhtikuulle oikein.
"""


def test_rows_and_fields_are_data_and_prose_stays_prose() -> None:
    document = parse_text(LETTER, "letter.txt")
    kinds = [(b.kind, b.text.split()[0]) for b in document.blocks]
    assert [k for k, _ in kinds].count("data") == 9
    # a label before a sentence is a run-in heading, and the sentence stays prose
    assert ("heading", "Jatkotoimet") in kinds and ("paragraph", "Lähetä") in kinds
    # a label line is a heading, and its words say which section it opens
    heading = next(b for b in document.blocks if b.text.startswith("Laskelma"))
    assert (heading.kind, heading.section) == ("heading", "calculation")
    assert "laskelma" in heading.reason


def test_no_long_sentence_or_form_of_address_finding_on_data(nlp) -> None:
    result = lint_document(parse_text(LETTER, "letter.txt"), LintContext(), "fi")
    rules = {f.rule for f in result.findings}
    assert "FI101" not in rules  # the rows used to merge into one 40-word sentence
    assert "FI110" not in rules  # 'Hakija: Matti' is a field, not addressing the client


def test_a_header_of_short_label_value_lines_is_data_and_its_title_a_heading(nlp) -> None:
    text = (
        "Kela\nPÄÄTÖS PERUSTOIMEENTULOTUESTA\n\n"
        "Päätöspäivä 12.3.2026\nHakija Matti Esimerkki\nHakemus saapui 5.3.2026\n\n"
        "Kela myöntää sinulle tukea maaliskuulle. Maksamme sen\ntilillesi 13.3.2026.\n"
    )
    document = parse_text(text, "letter.txt")
    assert [b.kind for b in document.blocks] == ["data", "heading", "data", "data", "data",
                                                 "paragraph"]
    result = lint_document(document, LintContext(), "fi")
    assert "FI110" not in {f.rule for f in result.findings}  # 'Hakija' is a label here


def test_lower_case_rows_are_rows_not_wrapped_prose() -> None:
    """"hyresgaranti 1 100,00 e" then "säng och bord 250,00 e": two rows, though the second
    starts in lower case as a wrapped line would."""
    text = "Kalkyl\nhyresgaranti 1 100,00 e\nsäng och bord 250,00 e\nsammanlagt 1 350,00 e\n"
    kinds = [(b.kind, b.text) for b in parse_text(text, "mail.txt").blocks]
    assert ("data", "säng och bord 250,00 e") in kinds
    assert ("data", "hyresgaranti 1 100,00 e") in kinds


def test_a_mainframe_print_with_box_drawing() -> None:
    """Frame lines separate, vertical bars are column edges, "■ PERUSTELUT" is a heading."""
    text = ("■ LASKELMA\n"
            "┌──────────────┬──────────┐\n"
            "│ Vuokra       │ 640,00 € │\n"
            "├──────────────┼──────────┤\n"
            "│ Perusosa     │ 598,40 € │\n"
            "└──────────────┴──────────┘\n"
            "\n"
            "▶ Perustelut\n"
            "Vuokrasi on kohtuullinen.\n")
    kinds = [(b.kind, b.section, b.text) for b in parse_text(text, "box.txt").blocks]
    assert ("heading", "calculation", "LASKELMA") in kinds
    assert ("heading", "justification", "Perustelut") in kinds
    assert ("data", "calculation", "| Vuokra       | 640,00 € |") in kinds
    assert not any("┌" in t or "─" in t for _k, _s, t in kinds)
