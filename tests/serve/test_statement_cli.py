"""Statements from the command line: skeleton, check, render; completeness on case data."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from totudocs.cli import main
from totudocs.lint.engine import LintContext, lint_path
from totudocs.lint.justification.evaluate import justification_codes
from totudocs.resources import corpus_dir

EXAMPLE = corpus_dir() / "examples" / "statement-other-basic-expenses-fi.yaml"


def test_skeleton_is_commented_yaml_for_each_category() -> None:
    for category in ("other_basic_expenses", "basic_amount_reduction", "urgency"):
        result = CliRunner().invoke(main, ["statement", "new", "--category", category])
        assert result.exit_code == 0
        data = yaml.safe_load(result.output)
        assert data["document"] == "statement" and data["category"] == category
        assert "# " in result.output and "Kela" in result.output
    swedish = CliRunner().invoke(main, ["statement", "new", "--category", "urgency", "--lang", "sv"])
    assert "FPA" in swedish.output and yaml.safe_load(swedish.output)["language"] == "sv"


def test_complete_example_statement_has_no_findings(nlp) -> None:
    result = lint_path(EXAMPLE, LintContext())
    assert result.findings == []


def test_missing_elements_point_at_the_yaml_field(nlp, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["individual_need"] = ""
    data["client_informed"] = False
    del data["housing_timetable"]
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = lint_path(path, LintContext(rules=justification_codes()))
    messages = sorted(f.message for f in result.findings)
    assert all(f.category == "statement.incomplete" for f in result.findings)
    assert any("individual need" in m for m in messages)
    assert any("told what the statement contains" in m for m in messages)
    assert any("timetable" in m for m in messages)
    lines = path.read_text(encoding="utf-8").splitlines()
    need = next(f for f in result.findings if "individual need" in f.message)
    assert lines[need.line - 1].startswith("individual_need")


def test_vague_grounds_and_excess_data(nlp, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["individual_need"] = "Asiakas tarvitsee tukea."
    data["grounds"] = "Puollan tukea kokonaistilanteen perusteella."
    data["circumstances"] = "Asiakkaalla on diagnoosi F32.1."
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    categories = {f.category for f in lint_path(path, LintContext(rules=justification_codes())).findings}
    assert categories == {"statement.vague", "statement.excess-data"}


def test_check_and_render_commands(nlp, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["statement", "check", str(EXAMPLE)]).exit_code == 0
    draft = tmp_path / "draft.yaml"
    draft.write_text(runner.invoke(main, ["statement", "new", "--category", "urgency"]).output)
    result = runner.invoke(main, ["statement", "check", str(draft)])
    assert result.exit_code == 1 and "field client.name" in result.output
    rendered = runner.invoke(main, ["render", str(EXAMPLE), "-o", str(tmp_path / "out")])
    assert rendered.exit_code == 0, rendered.output
    pdf = PdfReader(tmp_path / "out" / "PIRHA-LAUS-2026-0311.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Sosiaalihuollon lausunto Kelalle" in text and "Muuttofirman" in text
    assert "case.json" in pdf.attachments
