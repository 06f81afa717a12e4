"""The PDF's text layer says what the HTML says: every example, both font-embedding modes, read by
pypdf and by poppler's pdftotext (what archives, search and screen readers rely on)."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from collections import Counter

import pytest
from pypdf import PdfReader

from totudocs.model import load_case
from totudocs.render.html import Renderer
from totudocs.render.pdf import engine_for
from totudocs.resources import corpus_dir

EXAMPLES = sorted((corpus_dir() / "examples").glob("*.yaml"))


def _words(text: str) -> Counter[str]:
    # Extractors join a word hyphenated at a line end differently; compare without hyphens.
    joined = re.sub(r"(\w)-\s*(\w)", r"\1\2", text)
    return Counter(re.findall(r"\w+", joined))


def _html_text(document_html: str) -> str:
    body = document_html.split("<body", 1)[1].split(">", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True).stdout.decode("utf-8")


def _pypdf(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


EXTRACTORS = {"pypdf": _pypdf, "pdftotext": _pdftotext}


@pytest.mark.slow
@pytest.mark.parametrize("embedding", ["whole", "subset"])
@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
def test_the_text_layer_equals_the_html_text(monkeypatch, embedding: str, extractor: str) -> None:
    if extractor == "pdftotext" and not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed (apt-get install poppler-utils)")
    monkeypatch.setenv("TOTUDOCS_FONT_EMBEDDING", embedding)
    renderer = Renderer.create()
    for path in EXAMPLES:
        document = renderer.render(load_case(path))
        data = engine_for(renderer.templates).render(document).data
        text = EXTRACTORS[extractor](data)
        # what the page margins add: the running footer and "Sivu 1 / 2"
        footer = html.unescape(
            re.search(r'data-footer="([^"]*)"', document.html).group(1))  # type: ignore[union-attr]
        text = re.sub(r"\b(Sivu|Sida) \d+ / \d+", " ", text.replace(footer, " "))
        assert _words(text) == _words(_html_text(document.html)), path.name


@pytest.mark.slow
def test_pdf_ua_checks_find_no_error_in_any_example(tmp_path) -> None:
    """The machine-checkable PDF/UA-1 rules of `pdfua` (pikepdf-based): no error on any example.
    Its one warning, that the file does not declare PDF/UA, stays true until every check the
    standard asks for can be made: the files declare PDF/A-3a only."""
    import json
    import sys

    renderer = Renderer.create()
    paths = []
    for path in EXAMPLES:
        target = tmp_path / f"{path.stem}.pdf"
        target.write_bytes(engine_for(renderer.templates).render(
            renderer.render(load_case(path))).data)
        paths.append(str(target))
    run = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json",
                          "--min-severity", "error", *paths], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    decoder, position, reports = json.JSONDecoder(), 0, []
    while position < len(run.stdout.rstrip()):  # one JSON document per file, one after another
        report, position = decoder.raw_decode(run.stdout, position)
        reports.append(report)
        position += len(run.stdout[position:]) - len(run.stdout[position:].lstrip())
    assert len(reports) == len(paths)
    for report in reports:
        assert report["summary"]["errors"] == 0 and report["summary"]["rules_run"] > 0
