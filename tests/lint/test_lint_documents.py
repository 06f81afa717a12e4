"""Inputs, positions, sections, suppressions, baselines, metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from totudocs.lint.engine import (
    LintContext,
    fingerprint,
    lint_document,
    lint_html,
    lint_path,
    read_baseline,
    write_baseline,
)
from totudocs.reading import InputError, load_document, parse_markdown, parse_text
from totudocs.reading.analysis import split_sentences
from totudocs.reading.language import syllables


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maksamme tuen 12.3.2026 tilillesi. Kela tarkistaa tiedot.", 2),
        ("Ks. liite 2. Se on tärkeä.", 2),
        ("Kela myöntää 1 234,50 € esim. vuokraan. Tuki maksetaan.", 2),
        ("Päätös perustuu toimeentulotukilain 7 a §:ään. Lue se.", 2),
        ("Soita klo 9.00 ja kysy lisää. Kiitos!", 2),
    ],
)
def test_sentence_splitting_survives_abbreviations_amounts_dates(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("talo", 2),
        ("toimeentulotuki", 6),
        ("hakemus", 3),
        ("tietoa", 3),
        ("lauantai", 3),
        ("päätös", 2),
        ("asumismenot", 5),
        ("kuusi", 2),
    ],
)
def test_finnish_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


HTML = """<!DOCTYPE html>
<html lang="fi"><head><title>x</title><style>p { color: red }</style></head>
<body>
<header data-lint="off"><p>Mikäli tämä on otsake, sitä ei lintata.</p></header>
<section data-section="justification">
  <h2>Perustelut</h2>
  <p>Tuki myönnetään
     hakijalle.</p>
  <table><tr><td>Mikäli 123,00 €</td></tr></table>
</section>
</body></html>
"""


def test_html_positions_sections_and_skipped_parts(nlp) -> None:
    result = lint_html(HTML, "d.html", LintContext())
    by_rule = {f.rule: f for f in result.findings}
    assert "FI107" not in by_rule  # "Mikäli" only in the masthead and a table: not prose
    finding = by_rule["FI103"]
    assert (finding.line, finding.column) == (7, 11)  # "  <p>Tuki " is 10 characters
    assert finding.section == "justification"
    assert "»myönnetään«" in finding.snippet


def test_text_headings_give_sections(nlp) -> None:
    text = "Päätös\n\nMyönnämme sinulle tukea.\n\nPerustelut\n\nTuki myönnetään, koska tulot eivät riitä.\n"
    result = lint_document(parse_text(text, "d.txt"), LintContext(), "fi")
    (finding,) = [f for f in result.findings if f.rule == "FI103"]
    assert finding.section == "justification"
    assert (finding.line, finding.column) == (7, 6)


def test_markdown_tables_are_not_prose(nlp) -> None:
    text = "# Laskelma\n\n| Meno | Mikäli |\n|---|---|\n| Vuokra | 500 |\n\nMaksamme tuen.\n"
    result = lint_document(parse_markdown(text, "d.md"), LintContext(), "fi")
    assert result.findings == []


def test_suppression_needs_a_reason(nlp) -> None:
    with_reason = "totudocs: ignore FI107 -- vakiintunut termi tässä yksikössä\nMikäli tulot muuttuvat, kerro meille.\n"
    without = "totudocs: ignore FI107\nMikäli tulot muuttuvat, kerro meille.\n"
    kept = lint_document(parse_text(with_reason, "a.txt"), LintContext(), "fi").findings
    assert [f.rule for f in kept] == []
    rules = sorted(
        f.rule for f in lint_document(parse_text(without, "b.txt"), LintContext(), "fi").findings
    )
    assert rules == ["FI107", "TD001"]


def test_html_comment_suppression(nlp) -> None:
    html = '<html lang="fi"><body><!-- totudocs: ignore FI107 -- lainaus laista --><p>Mikäli tulot muuttuvat, kerro.</p><p>Mikäli et voi, soita.</p></body></html>'
    findings = lint_html(html, "x.html", LintContext()).findings
    assert [f.line for f in findings if f.rule == "FI107"] == [1]
    assert len([f for f in findings if f.rule == "FI107"]) == 1  # only the second paragraph


def test_baseline_survives_line_moves(nlp, tmp_path: Path) -> None:
    first = lint_document(
        parse_text("Mikäli tulot muuttuvat, kerro.\n", "a.txt"), LintContext(), "fi"
    )
    baseline = tmp_path / "baseline.json"
    assert write_baseline(baseline, first.findings) == 1
    moved = lint_document(
        parse_text("\n\nUusi kappale.\n\nMikäli tulot muuttuvat, kerro.\n", "a.txt"),
        LintContext(),
        "fi",
    )
    prints = read_baseline(baseline)
    assert [f for f in moved.findings if fingerprint(f) not in prints] == []


def test_small_sample_is_flagged(nlp) -> None:
    result = lint_document(parse_text("Myönnämme sinulle tukea.", "a.txt"), LintContext(), "fi")
    assert result.metrics["sample_too_small"] is True
    assert result.metrics["words"] == 3 and result.metrics["sentences"] == 1


def test_metrics_on_a_long_text(nlp) -> None:
    text = " ".join(["Kela myöntää sinulle tukea joulukuulle, koska tulosi eivät riitä."] * 12)
    metrics = lint_document(parse_text(text, "a.txt"), LintContext(), "fi").metrics
    assert metrics["sample_too_small"] is False
    assert metrics["sentences"] == 12 and metrics["words"] == 108
    # long words in base form: toimeentulotuki-free text; "joulukuu" (3), "myöntää" (2)...
    assert 2.7 <= metrics["wiio"] < 6
    assert metrics["lix"] > 0


def test_swedish_document(nlp) -> None:
    html = '<html lang="sv"><body><p>Ansökan avslås eftersom du erhåller lön.</p></body></html>'
    result = lint_html(html, "s.html", LintContext())
    assert result.language == "sv"
    assert sorted(f.rule for f in result.findings) == ["SV102", "SV103"]
    # a 6-word text is below the sample limit: no grade at all
    assert result.metrics["wiio"] is None and result.metrics["lix"] is None
    assert result.metrics["sample_too_small"]


def test_unreadable_inputs_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_document(tmp_path / "missing.txt")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    with pytest.raises(InputError, match="cannot read PDF"):
        load_document(broken)


@pytest.mark.slow
def test_pdf_input_is_linted(nlp, tmp_path: Path) -> None:
    from weasyprint import HTML as WeasyHTML

    pdf = tmp_path / "d.pdf"
    WeasyHTML(string="<p>Mikäli tulosi muuttuvat, kerro siitä meille.</p>").write_pdf(pdf)
    result = lint_path(pdf, LintContext())
    assert [f.rule for f in result.findings] == ["FI107"]


def test_case_file_findings_point_at_their_source(nlp, tmp_path: Path) -> None:
    import yaml

    from totudocs.resources import corpus_dir

    data = yaml.safe_load((corpus_dir() / "examples" / "01-basic-housing-cap-fi.yaml").read_text())
    data["discretion"][0]["justification"] = "Vuokra huomioidaan laskelmassa kohtuullisena."
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = lint_path(path, LintContext(rules=["FI107"]))
    (finding,) = result.findings
    assert finding.path == str(path)
    line = path.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert "huomioidaan" in line[finding.column - 1 :]
