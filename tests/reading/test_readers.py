"""Every format into one document model: layout roles (heading, data, paragraph) however another
system writes them; PDFs read by layout; bad input refused with one clear message."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from totudocs.lint.engine import LintContext, lint_path
from totudocs.reading import InputError, load_document, parse_html, parse_text

WORD_HTML = """<html><body lang="FI"><div class="WordSection1">
<table><tr><td><p class="MsoNormal"><b>Kela</b></p></td>
<td><p class="MsoNormal"><span>Päätöspäivä</span> <span>3.12.2026</span></p>
<p class="MsoNormal"><span>Asiakas</span> <span>Tuomas Esimerkki</span></p></td></tr></table>
<div>Hakemus saapui 28.11.2026</div>
<p class="MsoTitle"><span>Päätös perustoimeentulotuesta</span></p>
<p class="MsoNormal">Kela myöntää sinulle perustoimeentulotukea 265,80 € joulukuulle 2026.</p>
<p class="Heading2"><span>Laskelma</span></p>
<table border="1">
<tr><td><p class="MsoNormal">Perusosa</p></td><td><p class="MsoNormal">598,40 €</p></td></tr>
<tr><td><p class="MsoNormal"><b>Menot yhteensä</b></p></td><td><p><b>598,40 €</b></p></td></tr>
</table>
<p class="MsoNormal"><b>Jatkotoimet</b></p>
<p class="MsoNormal">Hae tukea tammikuulle ennen 31.12.2026.</p>
<div style="font-weight:bold">Lisätietoja</div>
<p>Yhteyshenkilö Maija Esimerkki, puhelin 020 634 0000.</p>
<table><tr><td>Tämä solu on asettelutaulukon kappale, jossa on kokonainen virke luettavaksi.</td></tr></table>
<dl><dt>Hakija</dt><dd>Tuomas Esimerkki</dd></dl>
<footer>Kela · PL 10 · 00056 KELA</footer>
</div></body></html>"""


def _kinds(document) -> dict[str, tuple[str, str | None]]:
    return {b.text: (b.kind, b.section) for b in document.blocks}


def test_word_html_headings_fields_and_tables() -> None:
    kinds = _kinds(parse_html(WORD_HTML, "word.html"))
    assert kinds["Päätös perustoimeentulotuesta"] == ("heading", "outcome")  # MsoTitle
    assert kinds["Laskelma"] == ("heading", "calculation")  # class="Heading2"
    assert kinds["Jatkotoimet"] == ("heading", "next-steps")  # bold throughout
    assert kinds["Lisätietoja"] == ("heading", "contact")  # font-weight in a style
    assert kinds["Perusosa | 598,40 €"][0] == "data"  # one data block per table row
    assert kinds["Menot yhteensä | 598,40 €"][0] == "data"  # a bold total row is not a heading
    # the letterhead table: its row is data, labels and values together
    assert kinds["Kela | Päätöspäivä 3.12.2026 | Asiakas Tuomas Esimerkki"][0] == "data"
    assert kinds["Hakemus saapui 28.11.2026"][0] == "data"  # a field in a div
    layout_cell = "Tämä solu on asettelutaulukon kappale, jossa on kokonainen virke luettavaksi."
    assert kinds[layout_cell][0] == "paragraph"  # a layout table's prose stays prose
    # a term and its value are one field line, as a table row is one data block
    assert kinds["Hakija: Tuomas Esimerkki"][0] == "data"
    assert kinds["Kela · PL 10 · 00056 KELA"][0] == "data"  # running footer


def test_headings_report_their_role_and_reason() -> None:
    headings = parse_html(WORD_HTML, "word.html").headings()
    laskelma = next(h for h in headings if h["text"] == "Laskelma")
    assert laskelma["role"] == "calculation" and "laskelma" in laskelma["reason"]


def test_plain_text_label_lines_and_wrapped_prose() -> None:
    text = (
        "Päätös täydentävästä toimeentulotuesta\n\n"
        "Ratkaisu:\nMyönnämme tukea silmälaseihin 180,00 €.\n\n"
        "Seuraavaksi\n"  # a heading right above its text
        "Toimita kuitti meille 31.1.2027 mennessä.\n\n"
        "Kerro seuralle, että kausimaksu tulee hyvinvointialueelta, ja\n"
        "pyydä laskua.\n"
    )
    kinds = _kinds(parse_text(text, "d.txt"))
    assert kinds["Ratkaisu"] == ("heading", "outcome")
    assert kinds["Seuraavaksi"] == ("heading", "next-steps")
    wrapped = "Kerro seuralle, että kausimaksu tulee hyvinvointialueelta, ja pyydä laskua."
    assert kinds[wrapped][0] == "paragraph"  # a wrapped line of prose is not a heading


def test_a_binary_file_is_refused_with_one_message(tmp_path: Path) -> None:
    path = tmp_path / "kuva.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary file"):
        load_document(path)


def test_an_encrypted_pdf_is_refused_with_one_message(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="salasana", owner_password="omistaja")
    path = tmp_path / "salattu.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="encrypted PDF"):
        load_document(path)


def test_a_broken_pdf_is_refused_with_one_message(tmp_path: Path) -> None:
    path = tmp_path / "rikki.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF")
    with pytest.raises(InputError, match="cannot read PDF"):
        load_document(path)


def test_lint_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from totudocs.cli import main

    path = tmp_path / "kuva.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert "binary file" in result.output and "Traceback" not in result.output


# -- the same document as HTML, as our PDF and as a PDF printed by Chromium -------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _findings(path: Path) -> Counter[str]:
    return Counter(f.rule for f in lint_path(path, LintContext()).findings)


@pytest.mark.slow
@pytest.mark.parametrize("example", ["02-basic-reduction-fi", "03-basic-statement-followed-sv",
                                     "05-supplementary-discretion-fi"])
def test_html_our_pdf_and_a_chromium_pdf_give_the_same_findings(
    tmp_path: Path, example: str
) -> None:
    from totudocs.model import load_decision
    from totudocs.render.html import Renderer
    from totudocs.render.pdf import pdf_bytes
    from totudocs.resources import corpus_dir

    renderer = Renderer.create()
    rendered = renderer.render(load_decision(corpus_dir() / "examples" / f"{example}.yaml"))
    html = tmp_path / "decision.html"
    html.write_text(rendered.html, encoding="utf-8")
    ours = tmp_path / "decision.pdf"
    ours.write_bytes(pdf_bytes(rendered, renderer.templates))
    assert _findings(ours) == _findings(html)
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: the other engine's PDF cannot be printed")
    printed = tmp_path / "chromium.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={printed}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert _findings(printed) == _findings(html)


def test_a_text_without_sentence_breaks_is_linted_in_pieces(tmp_path: Path) -> None:
    """Over-long 'sentences' are analysed in pieces the parser can hold; snippets stay short."""
    path = tmp_path / "dump.txt"
    path.write_text(" ".join(["kela myöntää tukea vuokraan"] * 1500), encoding="utf-8")
    result = lint_path(path, LintContext(rules=["FI101"]))
    assert result.findings and all(f.rule == "FI101" for f in result.findings)
    assert all(len(f.snippet or "") < 2_000 for f in result.findings)


@pytest.mark.slow
def test_a_pdf_printed_without_its_stylesheet_still_has_sections(tmp_path: Path) -> None:
    """Every line in the body font: a short line after a finished sentence whose words name a
    section is its heading; a "Label: value" line stays a field."""
    from weasyprint import HTML

    html = ("<div>Päätös täydentävästä toimeentulotuesta</div>"
            "<div>Myönnämme sinulle tukea silmälaseihin 180,00 €.</div>"
            "<div>Perustelut</div>"
            "<div>Optikon todistuksen mukaan näkösi on heikentynyt.</div>"
            "<div>Päätöksen tekijä: Maija Esimerkki, sosiaaliohjaaja</div>")
    path = tmp_path / "plain.pdf"
    HTML(string=html).write_pdf(path)
    kinds = {b.text: (b.kind, b.section) for b in load_document(path).blocks}
    assert kinds["Perustelut"] == ("heading", "justification")
    assert kinds["Päätöksen tekijä: Maija Esimerkki, sosiaaliohjaaja"][0] == "data"


def test_a_tree_already_parsed_reads_as_the_html_does() -> None:
    """The batch reads the tree WeasyPrint parsed (html5lib's repairs included) instead of
    parsing the HTML again; blocks, kinds, sections and suppressions must not change."""
    from weasyprint import HTML

    from totudocs.reading.html import read_tree

    html = WORD_HTML.replace("<footer>", "<!-- totudocs: ignore FI101 --><footer>")
    parsed, tree = parse_html(html, "x.html"), read_tree(HTML(string=html).etree_element, "x.html")
    assert [(b.text, b.kind, b.section, b.suppressions) for b in tree.blocks] == [
        (b.text, b.kind, b.section, b.suppressions) for b in parsed.blocks]
    assert any(b.suppressions for b in tree.blocks) and tree.language == parsed.language


def test_a_bar_separated_line_is_a_row_not_prose() -> None:
    document = parse_text("Välfärdsområdet | Beslut | ABC/2026/0511 | 23.1.2026\n\n"
                          "Vi beviljar dig stöd för januari.\n", "a.txt")
    assert [b.kind for b in document.blocks] == ["data", "paragraph"]


def test_a_full_analysis_cache_never_loses_a_sentence_the_document_needs(nlp, monkeypatch) -> None:
    """A batch fills the sentence cache; a document whose sentences are partly cached must not
    have them evicted by its own new sentences before they are read (a KeyError once in ~350
    documents of a 20,000-document batch)."""
    from totudocs.reading import analysis
    from totudocs.reading.analysis import analyze_document

    monkeypatch.setattr(analysis, "_SENTENCE_CACHE", analysis.OrderedDict())
    monkeypatch.setattr(analysis, "_SENTENCE_CACHE_SIZE", 3)
    first = parse_text("Kela myöntää tukea. Hakemus saapui ajoissa. Tuki maksetaan.", "a.txt")
    analyze_document(first, "fi")
    second = parse_text("Kela myöntää tukea. Vuokra on kohtuullinen. Sähkö hyväksytään. "
                        "Hakemus saapui ajoissa. Lue ohje.", "b.txt")
    analyzed = analyze_document(second, "fi")
    assert [len(s.tokens) > 0 for s in analyzed.sentences] == [True] * 5
    assert len(analysis._SENTENCE_CACHE) == 3


def test_a_markdown_title_in_front_matter_is_the_document_title() -> None:
    from totudocs.reading import parse_markdown

    text = ("---\ntitle: \"Sosiaalihuollon lausunto Kelalle\"\ncase: X-1\n---\n\n"
            "## Mistä menosta on kyse?\n\nLausunto koskee asumismenoja.\n")
    document = parse_markdown(text, "s.md")
    first = document.blocks[0]
    assert (first.kind, first.text, first.section) == (
        "heading", "Sosiaalihuollon lausunto Kelalle", "statements")
    assert all("X-1" not in b.text for b in document.blocks)


def test_a_layout_table_row_of_one_short_cell_that_names_a_section_is_a_heading() -> None:
    html = ("<html lang='fi'><body><table><tr><td class='ots'>Näin tuki laskettiin</td></tr>"
            "<tr><td><table><tr><td>Vuokra</td><td>640,00 €</td></tr></table></td></tr>"
            "</table><p>Leirikoulu <span>10.–12.5.2027</span><span>180,00 €</span></p>"
            "</body></html>")
    document = parse_html(html, "t.html")
    assert (document.blocks[0].kind, document.blocks[0].section) == ("heading", "calculation")
    assert document.blocks[1].section == "calculation"
    assert document.blocks[-1].text == "Leirikoulu 10.–12.5.2027 180,00 €"


def test_two_sentences_in_a_heading_style_are_a_lead_in_not_a_heading() -> None:
    html = ("<html lang='sv'><body><h2>Bedömning</h2>"
            "<p><b>Du bifogade tre handlingar. Så här har vi beaktat dem:</b></p>"
            "<p>Synundersökningen visar att dina glas måste bytas.</p>"
            "<h2>Att komma ihåg</h2><p>Boka tid hos optikern.</p></body></html>")
    document = parse_html(html, "s.html")
    assert [b.kind for b in document.blocks[:3]] == ["heading", "paragraph", "paragraph"]
    assert document.blocks[1].section == "justification"
    assert document.blocks[-1].section == "next-steps"


def test_a_style_sheet_class_in_bold_or_a_larger_font_marks_a_heading() -> None:
    """A Google Docs export: every paragraph is <p class><span class>, and only the style sheet
    says which spans are headings. A bold total row stays a row."""
    html = """<html><head><style>.c1{font-weight:400;font-size:11pt}.c6{font-weight:700;
font-size:14pt}.c4{font-weight:700;font-size:11pt}.c9{font-size:20pt}.row.total{font-weight:700}
p{font-size:11pt}</style></head><body>
<p class="c3"><span class="c9">Päätös toimeentulotuesta</span></p>
<p class="c3"><span class="c6">Perustelut</span></p>
<p class="c3"><span class="c1">Vuokrasi on </span><span class="c4">640,00 €</span><span
class="c1"> ja se on kohtuullinen.</span></p>
<p class="c3"><span class="c4">Menot yhteensä 1 257,20 €</span></p>
<div class="row total">Lainkohdat</div>
</body></html>"""
    kinds = _kinds(parse_html(html, "g.html"))
    assert kinds["Päätös toimeentulotuesta"] == ("heading", "outcome")
    assert kinds["Perustelut"] == ("heading", "justification")
    assert kinds["Vuokrasi on 640,00 € ja se on kohtuullinen."][0] == "paragraph"
    assert kinds["Menot yhteensä 1 257,20 €"][0] != "heading"
    assert kinds["Lainkohdat"][0] != "heading"  # ".row.total" styles only both classes together


def test_a_sub_heading_under_the_justification_names_an_item() -> None:
    """"Kausimaksu" ends in "maksu" (payments) only as part of a compound: straight under
    "Perusteet" it names the item reasoned about, and the section stays the justification."""
    text = """Päätös

Myönnämme tukea kausimaksuun 120,00 euroa.

Päätöksen perusteet

Kausimaksu

Lapsi on pelannut seurassa kolme vuotta.

Maksaminen

Maksamme tuen tilillesi 7.4.2027.
"""
    kinds = _kinds(parse_text(text, "t.txt"))
    assert kinds["Kausimaksu"] == ("heading", "justification")
    assert kinds["Lapsi on pelannut seurassa kolme vuotta."][1] == "justification"
    assert kinds["Maksaminen"] == ("heading", "payments")


def test_a_card_header_is_its_sections_heading() -> None:
    html = """<html lang="fi"><body>
<div class="card"><div class="card-header">Mitä sinun pitää tehdä</div>
<div class="card-body"><p>Toimita kuitti 31.3.2027 mennessä.</p></div></div>
<footer><div class="site-header">Kela</div></footer></body></html>"""
    kinds = _kinds(parse_html(html, "card.html"))
    assert kinds["Mitä sinun pitää tehdä"] == ("heading", "next-steps")
    assert kinds["Toimita kuitti 31.3.2027 mennessä."] == ("paragraph", "next-steps")
