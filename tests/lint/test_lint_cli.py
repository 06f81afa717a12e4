"""`totudocs lint`, `rules` and `eval` from the command line: formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.cli.lint_cmd import rules_markdown
from totudocs.resources import corpus_dir

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((corpus_dir() / "examples").glob("[0-9]*.yaml"))
FINDING_KEYS = {
    "path",
    "rule",
    "category",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "section",
    "suggestion",
}


@pytest.fixture()
def bad_text(tmp_path: Path) -> Path:
    path = tmp_path / "decision.txt"
    path.write_text(
        "Perustelut\n\nMikäli tulosi muuttuvat, perustotu lasketaan uudelleen.\n", encoding="utf-8"
    )
    return path


def test_json_output_has_the_documented_schema(nlp, bad_text: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(bad_text), "--format", "json"])
    assert result.exit_code == 1  # FI108 (internal abbreviation) is an error
    payload = json.loads(result.output)
    assert payload["schema_version"] == 1
    (document,) = payload["documents"]
    assert {"words", "sentences", "wiio", "lix"} <= set(document["metrics"])
    assert all(set(f) == FINDING_KEYS for f in document["findings"])
    rules = {f["rule"]: f for f in document["findings"]}
    assert rules["FI108"]["severity"] == "error" and rules["FI108"]["section"] == "justification"
    assert (rules["FI107"]["line"], rules["FI107"]["column"]) == (3, 1)


def test_fail_on_levels(nlp, bad_text: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["lint", str(bad_text), "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(main, ["lint", str(bad_text), "--select", "FI107"]).exit_code == 0
    assert (
        runner.invoke(
            main, ["lint", str(bad_text), "--select", "FI107", "--fail-on", "warning"]
        ).exit_code
        == 1
    )


def test_sarif_output(nlp, bad_text: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(bad_text), "--format", "sarif"])
    sarif = json.loads(result.output)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for item in run["results"]:
        assert ids[item["ruleIndex"]] == item["ruleId"]
        region = item["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == 3


def test_github_annotations(nlp, bad_text: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(bad_text), "--format", "github"])
    assert f"::error file={bad_text},line=3," in result.output
    assert "::warning" in result.output


def test_text_output_shows_the_span(nlp, bad_text: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(bad_text)])
    assert f"{bad_text}:3:1: warning FI107 officialese 'Mikäli' [justification]" in result.output
    assert "»Mikäli« tulosi muuttuvat" in result.output
    assert "sample too small" in result.output


def test_missing_file_and_bad_config_are_clear_errors(nlp, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "nope.html")])
    assert result.exit_code == 1 and "file not found" in result.output
    assert "Traceback" not in result.output
    config = tmp_path / "totudocs.toml"
    config.write_text("[lint]\nprofile = 'kansankieli'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--config", str(config), str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "unknown profile" in result.output


def test_config_file_sets_profile_and_rule_levels(nlp, tmp_path: Path, bad_text: Path) -> None:
    config = tmp_path / "totudocs.toml"
    config.write_text("[lint.rules]\nFI108 = 'off'\nFI107 = 'error'\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["lint", str(bad_text), "--config", str(config), "--format", "json"]
    )
    rules = {
        f["rule"]: f["severity"] for f in json.loads(result.output)["documents"][0]["findings"]
    }
    assert rules == {"FI107": "error"}
    assert result.exit_code == 1


def test_invalid_case_file_is_reported_not_crashed(nlp, tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("case_id: X-1\nkind: basic\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(case)])
    assert result.exit_code == 1
    assert "field language: required field is missing" in result.output


@pytest.mark.slow
def test_rendered_examples_lint_clean_under_virkakieli(nlp) -> None:
    """The bundled phrases, templates and examples are revised until they lint clean."""
    result = CliRunner().invoke(
        main, ["lint", *map(str, EXAMPLES), "--fail-on", "info", "--format", "json"]
    )
    payload = json.loads(result.output)
    readability = [
        f
        for d in payload["documents"]
        for f in d["findings"]
        if f["category"].startswith("readability.")
    ]
    assert readability == []


def test_rules_command_lists_and_explains() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0 and "FI103" in listing.output and "SV102" in listing.output
    explained = runner.invoke(main, ["rules", "passive-outcome"])
    assert "Kela myöntää sinulle" in explained.output and "Source:" in explained.output
    assert runner.invoke(main, ["rules", "NOPE"]).exit_code == 2


def test_generated_rule_docs_are_up_to_date() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run: totudocs rules --markdown > docs/rules.md"


@pytest.mark.slow
def test_eval_meets_the_targets(nlp) -> None:
    from totudocs.lint.evaluate import evaluate_registers, evaluate_rules

    corpus = corpus_dir() / "readability"
    scores = evaluate_rules(corpus)
    readability_codes = {c for c in scores if c[:2] in ("FI", "SV")}
    assert len(readability_codes) >= 15
    for code in readability_codes:
        assert scores[code].precision >= 0.9, code
        assert scores[code].tp >= 2, code
    registers = evaluate_registers(corpus)
    assert registers.pairs >= 24
    assert registers.wiio_correct / registers.pairs >= 0.9
    assert registers.lix_correct / registers.pairs >= 0.9
