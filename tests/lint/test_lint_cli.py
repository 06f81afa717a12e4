"""`totudocs lint`, `rules` and `eval` from the command line: formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.cli.lint_cmd import rules_listing, rules_markdown
from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text
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


def test_span_at_the_start_of_a_sentence_shows_its_context(nlp, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "Maksamme tuen tilillesi 5.12.2026. Ko. päätös koskee joulukuuta. Kysy lisää.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["lint", str(path), "--select", "FI108"])
    assert "    »Ko.« päätös koskee joulukuuta.\n" in result.output


@pytest.mark.parametrize(
    ("text", "start", "end", "snippet"),
    [
        ("Ko. päätös koskee joulukuuta.", 0, 3, "»Ko.« päätös koskee joulukuuta."),
        ("Tuki riittää. Ko. päätös koskee joulukuuta.", 14, 16, "»Ko«. päätös koskee joulukuuta."),
        (
            "Hakemus käsitellään esim. ensi viikolla, ja totu maksetaan. Kysy lisää.",
            44,
            48,
            "Hakemus käsitellään esim. ensi viikolla, ja »totu« maksetaan.",
        ),
        ("Maksamme 5.12.2026. Kysy lisää.", 20, 24, "»Kysy« lisää."),
        ("Yksi. Kaksi kolme. Neljä.", 0, 25, "»Yksi. Kaksi kolme. Neljä.«"),
    ],
)
def test_snippet_is_the_whole_sentence_around_the_span(
    text: str, start: int, end: int, snippet: str
) -> None:
    from totudocs.lint.engine import Hit, _span

    assert _span(text, Hit("m", None, start, end)) == snippet


def test_missing_file_and_bad_config_are_clear_errors(nlp, tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    result = CliRunner().invoke(main, ["lint", str(missing)])
    assert result.exit_code == 2  # a runtime error, not a finding (exit 1)
    assert f"{missing}: error: file not found" in result.output
    assert result.output.count(str(missing)) == 1
    assert "Traceback" not in result.output
    config = tmp_path / "totudocs.toml"
    config.write_text("[lint]\nprofile = 'kansankieli'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--config", str(config), str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "lint.profile" in result.output and "selko" in result.output


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.yaml", None, "file not found"),
        ("latin1.txt", "Päätös".encode("latin-1"), "not UTF-8 text"),
        ("broken.pdf", b"%PDF-1.7 not really", "cannot read PDF"),
    ],
)
def test_unreadable_inputs_exit_2_and_the_others_are_still_linted(
    nlp, tmp_path: Path, bad_text: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["lint", str(path), str(bad_text)])
    assert result.exit_code == 2
    assert f"{path}: error: {reason}" in result.output
    assert result.output.count(str(path)) == 1
    assert f"{bad_text}:3:1:" in result.output  # the readable input is still reported
    assert "Traceback" not in result.output


def test_unreadable_input_in_json_is_also_on_stderr(nlp, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(main, ["lint", str(missing), "--format", "json"])
    assert result.exit_code == 2
    assert f"error: {missing}: file not found" in result.stderr
    (document,) = json.loads(result.stdout)["documents"]
    assert document["error"] == "file not found"


def test_missing_baseline_is_a_clear_runtime_error(nlp, tmp_path: Path, bad_text: Path) -> None:
    baseline = tmp_path / "baseline.json"
    result = CliRunner().invoke(main, ["lint", str(bad_text), "--baseline", str(baseline)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: baseline {baseline}: file not found"


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


def test_rules_listing_columns_never_collide() -> None:
    from totudocs.lint.registry import all_rules

    listing = CliRunner().invoke(main, ["rules"]).output.splitlines()
    rules = all_rules()
    assert len(listing) == len(rules)
    for line, rule in zip(listing, rules, strict=True):
        code, name, severity, *_ = line.split()
        assert (code, name, severity) == (rule.code, rule.name, str(rule.severity)), line
    # the columns line up: every severity starts at the same place
    starts = {line.index(f" {rule.severity} ") for line, rule in zip(listing, rules, strict=True)}
    assert len(starts) == 1
    long = SimpleNamespace(code="X1", name="n" * 60, severity="warning", summary="Long.")
    assert rules_listing([long]).split() == ["X1", "n" * 60, "warning", "Long."]


def test_generated_rule_docs_are_up_to_date() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "run: totudocs rules --markdown > docs/rules.md"


MIN_POSITIVES = 6  # labelled sentences per rule that must fire: fewer measure nothing


def test_every_readability_rule_has_a_real_labelled_sample() -> None:
    """Precision and recall are measured on enough positive and negative items per rule."""
    import yaml

    from totudocs.lint.registry import all_rules

    items = yaml.safe_load((corpus_dir() / "readability" / "sentences.yaml").read_text("utf-8"))
    for rule in all_rules():
        if not rule.category.startswith("readability."):
            continue
        language = rule.code[:2].lower()
        own = [i for i in items if i.get("lang", "fi") == language]
        positives = [i for i in own if rule.code in (i.get("expect") or [])]
        negatives = [i for i in own if rule.code not in (i.get("expect") or [])]
        assert len(positives) >= MIN_POSITIVES, (rule.code, len(positives))
        assert len(negatives) >= 3, (rule.code, len(negatives))


def test_register_texts_are_large_enough_for_a_grade(nlp) -> None:
    """A register comparison on texts the tool calls too small for a grade would measure noise."""
    import yaml

    from totudocs.lint.evaluate import REGISTERS
    from totudocs.lint.metrics import MIN_WORDS_FOR_GRADE

    topics = sorted((corpus_dir() / "readability" / "registers").glob("*.yaml"))
    assert len(topics) >= 8
    for path in topics:
        topic = yaml.safe_load(path.read_text(encoding="utf-8"))
        for register in REGISTERS:
            document = parse_text(topic[register], str(path))
            metrics = lint_document(document, LintContext(rules=[]), topic["lang"]).metrics
            assert not metrics["sample_too_small"], (path.stem, register, metrics["words"])
            assert MIN_WORDS_FOR_GRADE + 10 <= metrics["words"] <= 200, (path.stem, register)


@pytest.mark.slow
def test_eval_meets_the_targets(nlp) -> None:
    from totudocs.lint.evaluate import evaluate_registers, evaluate_rules

    corpus = corpus_dir() / "readability"
    scores = evaluate_rules(corpus)
    readability_codes = {c for c in scores if c[:2] in ("FI", "SV")}
    assert len(readability_codes) >= 15
    for code in readability_codes:
        assert scores[code].precision >= 0.9, (code, scores[code].false_positives)
        assert scores[code].recall >= 0.9, (code, scores[code].false_negatives)
        assert scores[code].tp >= MIN_POSITIVES, code
    registers = evaluate_registers(corpus)
    assert registers.pairs >= 24
    assert registers.wiio_correct / registers.pairs >= 0.9
    assert registers.lix_correct / registers.pairs >= 0.9
