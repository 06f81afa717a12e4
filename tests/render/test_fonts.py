"""Prepared fonts: small, covering Finnish, Swedish and Sámi text, embedded whole when they cover a
document and subset by WeasyPrint when they do not."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from totudocs.model import load_decision
from totudocs.render import fonts
from totudocs.render.html import Renderer
from totudocs.render.pdf import pdf_bytes, pdf_options
from totudocs.resources import corpus_dir, font_files

EXAMPLE = corpus_dir() / "examples" / "01-basic-housing-cap-fi.yaml"


def test_prepared_fonts_are_smaller_and_keep_kerning() -> None:
    originals = font_files()
    for name, path in fonts.prepared_fonts().items():
        assert path.stat().st_size < originals[name].stat().st_size / 2
        font = TTFont(path)
        features = {record.FeatureTag for record in font["GPOS"].table.FeatureList.FeatureRecord}
        assert "kern" in features
        assert "name" in font  # the licence and naming records stay


@pytest.mark.parametrize(
    "text",
    ["Päätös toimeentulotuesta, 587,00 € – ”kohtuullinen” …", "Beslut om utkomststöd: Åsa Öhman",
     "Áile Čalmmáš Đuđđa Šiellá Žáril", "Łukasz Nowak, Émile Dvořák"],
)
def test_repertoire_covers_finnish_swedish_and_sami_names(text: str) -> None:
    assert fonts.covers(text)


def test_a_letter_one_style_lacks_is_not_covered() -> None:
    # Source Sans Pro's italic has no Ŋ: such a document is subset, never drawn with a stand-in.
    assert not fonts.covers("Ŋoađđi")


@pytest.mark.parametrize("text", ["Андрей", "Ωmega", "王芳", "Hakemus 🙂"])
def test_other_scripts_are_not_covered(text: str) -> None:
    assert not fonts.covers(text)


def _embedded_font_sizes(reader: PdfReader) -> list[int]:
    sizes = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            stream = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
            sizes.append(int(stream["/Length1"]))
    return sizes


def test_automatic_choice_follows_the_native_subsetter(renderer: Renderer, monkeypatch) -> None:
    monkeypatch.delenv("TOTUDOCS_FONT_EMBEDDING", raising=False)
    document = renderer.render(load_decision(EXAMPLE))
    assert pdf_options(document)["full_fonts"] is (not fonts.native_subsetter())
    monkeypatch.setenv("TOTUDOCS_FONT_EMBEDDING", "subset")
    assert pdf_options(document)["full_fonts"] is False


def test_covered_document_embeds_the_prepared_fonts_whole(renderer: Renderer, monkeypatch) -> None:
    monkeypatch.setenv("TOTUDOCS_FONT_EMBEDDING", "whole")
    document = renderer.render(load_decision(EXAMPLE))
    assert pdf_options(document)["full_fonts"] is True
    reader = PdfReader(io.BytesIO(pdf_bytes(document, renderer.templates)))
    prepared_sizes = {path.stat().st_size for path in fonts.prepared_fonts().values()}
    sizes = _embedded_font_sizes(reader)
    assert sizes and set(sizes) <= prepared_sizes


def test_uncovered_document_falls_back_to_subsetting(renderer: Renderer, monkeypatch) -> None:
    monkeypatch.setenv("TOTUDOCS_FONT_EMBEDDING", "whole")
    case = load_decision(EXAMPLE)
    case = case.model_copy(update={"applicant": case.applicant.model_copy(
        update={"name": "Андрей Петров"})})
    document = renderer.render(case)
    assert pdf_options(document)["full_fonts"] is False
    reader = PdfReader(io.BytesIO(pdf_bytes(document, renderer.templates)))
    prepared_sizes = {path.stat().st_size for path in fonts.prepared_fonts().values()}
    sizes = _embedded_font_sizes(reader)
    assert sizes and all(size < min(prepared_sizes) for size in sizes)


def test_fonts_are_prepared_once_in_the_configured_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TOTUDOCS_CACHE_DIR", str(tmp_path))
    fonts.prepared_fonts.cache_clear()
    try:
        first = fonts.prepared_fonts()
        assert all(path.is_relative_to(tmp_path) for path in first.values())
        stamps = {path: path.stat().st_mtime_ns for path in first.values()}
        fonts.prepared_fonts.cache_clear()
        second = fonts.prepared_fonts()
        assert second == first
        assert {path: path.stat().st_mtime_ns for path in second.values()} == stamps
        assert not list(tmp_path.rglob("*.tmp"))
    finally:
        monkeypatch.delenv("TOTUDOCS_CACHE_DIR")
        fonts.prepared_fonts.cache_clear()


@pytest.mark.parametrize("embedding", ["whole", "subset"])
def test_the_text_layer_keeps_every_letter_in_both_embedding_modes(
    renderer: Renderer, monkeypatch, embedding: str
) -> None:
    # Swedish "ft", "fi", "fl" were drawn as ligatures whose glyphs had no Unicode mapping when
    # the font was embedded whole: "utgifter" extracted as "utgi er".
    monkeypatch.setenv("TOTUDOCS_FONT_EMBEDDING", embedding)
    path = corpus_dir() / "examples" / "03-basic-statement-followed-sv.yaml"
    document = renderer.render(load_decision(path))
    reader = PdfReader(io.BytesIO(pdf_bytes(document, renderer.templates)))
    text = " ".join(page.extract_text() for page in reader.pages)
    import re

    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|head)\b.*?</\1>", " ", document.html,
                                              flags=re.S))
    words = [w for w in re.findall(r"\w*f[til]\w*", visible) if len(w) > 3]
    assert words, "the example has words with ft, fi or fl"
    for word in set(words):
        assert word in text, f"{word!r} is broken in the PDF's text layer"
