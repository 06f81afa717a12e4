"""totudocs eval keeps its sets apart (calibration, held-out dev and test, external) and says
where the tool disagrees with the labels; lint --explain shows the evidence behind the checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.resources import corpus_dir

pytestmark = pytest.mark.slow


def test_the_held_out_splits_and_an_external_set_are_reported_separately(tmp_path: Path) -> None:
    external = tmp_path / "external"
    (external / "docs").mkdir(parents=True)
    (external / "docs" / "a.txt").write_text(
        "Päätös\n\nEmme myönnä tukea sohvaan.\n\nMiten haet oikaisua\n\n"
        "Voit hakea oikaisua 30 päivän kuluessa.\n", encoding="utf-8")
    (external / "labels.json").write_text(json.dumps(
        {"_about": "test", "docs/a.txt": ["justification.missing"]}), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "--only", "test", "--only", "external", "--external", str(external), "-v"])
    assert result.exit_code == 0, result.output
    assert "== held-out test (never tuned on) ==" in result.output
    assert "== external" in result.output and "== calibration" not in result.output
    assert "Justification checks, test: micro precision" in result.output
    assert "Justification checks, external: micro precision" in result.output
    # the external document lacks contact and next steps too: the disagreement is explained
    assert "docs/a.txt" in result.output and "+ contact.missing" in result.output


def test_readability_precision_is_measured_on_judged_findings() -> None:
    labels = yaml.safe_load(
        (corpus_dir() / "readability" / "heldout" / "labels.yaml").read_text(encoding="utf-8"))
    findings = labels["findings"]
    assert len(findings) >= 40 and all(f["verdict"] in (True, False) for f in findings)
    result = CliRunner().invoke(main, ["eval", "--only", "test"])
    assert "Readability rules, test (64 documents)" in result.output
    assert "precision" in result.output


def test_unjudged_findings_are_listed_as_stubs() -> None:
    result = CliRunner().invoke(main, ["eval", "--only", "test", "--unjudged"])
    assert result.exit_code == 0
    stubs = yaml.safe_load(result.output) or {"findings": []}
    assert all(entry["verdict"] is None for entry in stubs["findings"])


def test_explain_shows_which_sentence_met_each_requirement(tmp_path: Path) -> None:
    document = corpus_dir() / "justification" / "documents" / "kela-good-fi.txt"
    result = CliRunner().invoke(main, ["lint", "--explain", str(document)])
    assert result.exit_code == 0, result.output
    assert "what the justification checks required" in result.output
    assert "[next-steps.missing] what the client should do next: met by line" in result.output
    assert "NOT met" not in result.output


def test_json_findings_carry_their_evidence(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("Päätös\n\nEmme myönnä tukea sohvaan.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(path)])
    document = json.loads(result.output)["documents"][0]
    justification = [f for f in document["findings"] if f["rule"].startswith("J")]
    assert justification and all(f.get("evidence") for f in justification)
    assert any(not r["met"] for r in document["requirements"])
