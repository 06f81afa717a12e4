"""The phrase-library gate catches each defect class at the right file and line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.phrases.check import check_library, sample_text
from totudocs.resources import phrases_dir

GOOD = """\
phrases:
  - id: review.kela
    section: review
    when: "issuer.type == 'kela'"
    fi: Voit pyytää Kelaa muuttamaan päätöstä 30 päivän kuluessa.
    sv: Du kan be FPA att ändra beslutet inom 30 dagar.
"""


def _library(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "lib"
    root.mkdir(exist_ok=True)
    (root / "_library.yaml").write_text("name: test\nversion: '1'\n", encoding="utf-8")
    (root / "p.yaml").write_text(body, encoding="utf-8")
    return root


def _found(tmp_path: Path, body: str, readability: bool = False) -> dict[str, list[int]]:
    result = check_library(_library(tmp_path, body), readability=readability,
                           cache_dir=tmp_path / "cache")
    found: dict[str, list[int]] = {}
    for finding in result.findings:
        if finding.category != "library.unused":
            found.setdefault(finding.category, []).append(finding.line)
            assert finding.path.endswith("p.yaml")
    return found


def test_a_clean_library_passes(tmp_path: Path) -> None:
    assert _found(tmp_path, GOOD, readability=True) == {}


def test_bundled_library_passes_the_gate(tmp_path: Path) -> None:
    result = check_library(phrases_dir(), cache_dir=tmp_path / "cache")
    assert result.findings == []
    assert len(result.records) >= 40


def test_schema_errors(tmp_path: Path) -> None:
    body = GOOD + "  - id: x\n    sectoin: review\n    fi: a\n    sv: b\n"
    assert _found(tmp_path, body) == {"library.schema": [7, 7]}  # unknown key, missing section


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    assert _found(tmp_path, GOOD + "  - id: [\n") == {"library.schema": [8]}


def test_duplicate_ids(tmp_path: Path) -> None:
    body = GOOD + GOOD.split("\n", 1)[1].replace("30 päivän", "kolmenkymmenen päivän")
    assert _found(tmp_path, body)["library.duplicate-id"] == [7]


def test_unknown_placeholder(tmp_path: Path) -> None:
    body = GOOD.replace("30 päivän kuluessa.", "{{ granted_totl | eur }}.").replace(
        "inom 30 dagar.", "{{ granted_totl | eur }}.")
    assert _found(tmp_path, body)["library.placeholder-unknown"] == [5, 6]


def test_nested_fields_and_params_are_known(tmp_path: Path) -> None:
    body = GOOD.replace("30 päivän kuluessa.", "{{ issuer.contact.name }} {{ item.amount | eur }}.")
    body = body.replace("inom 30 dagar.", "{{ issuer.contact.name }} {{ item.amount | eur }}.")
    body = body.replace("    section: review\n", "    section: review\n    params: [item]\n")
    assert _found(tmp_path, body) == {}


def test_placeholders_must_match_between_languages(tmp_path: Path) -> None:
    body = GOOD.replace("30 päivän kuluessa.", "{{ decision_date | day }}.")
    assert _found(tmp_path, body)["library.placeholder-mismatch"] == [6]


def test_missing_language_and_reasoned_exemption(tmp_path: Path) -> None:
    body = "\n".join(line for line in GOOD.splitlines() if "sv:" not in line) + "\n"
    assert _found(tmp_path, body)["library.language-missing"] == [2]
    exempt = body.replace("    section: review\n",
                          "    section: review\n    exempt: {sv: Sámi homeland only}\n")
    assert "library.language-missing" not in _found(tmp_path, exempt)


def test_conditions_parse_and_read_real_fields(tmp_path: Path) -> None:
    broken = GOOD.replace("\"issuer.type == 'kela'\"", "\"issuer.type == \"")
    assert _found(tmp_path, broken)["library.condition-invalid"] == [4]
    unknown = GOOD.replace("issuer.type == 'kela'", "issuer.kind == 'kela'")
    assert _found(tmp_path, unknown)["library.condition-invalid"] == [4]


def test_template_references_must_resolve(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.html.j2").write_text("<p>\n{{ P.text('review.kelaa') }}\n</p>\n")
    result = check_library(_library(tmp_path, GOOD), templates=templates, readability=False)
    refs = [f for f in result.findings if f.category == "library.template-reference"]
    assert [(Path(f.path).name, f.line) for f in refs] == [("t.html.j2", 2)]
    unused = [f for f in result.findings if f.category == "library.unused"]
    assert [f.line for f in unused] == [3]  # its section 'review' is never rendered there


def test_near_duplicates(tmp_path: Path) -> None:
    twin = GOOD.split("\n", 1)[1].replace("review.kela", "review.kela2").replace(
        "päätöstä 30", "päätöstä nyt 30")
    assert _found(tmp_path, GOOD + twin)["library.near-duplicate"] == [10]


def test_blocked_wording(tmp_path: Path) -> None:
    body = GOOD.replace("Voit pyytää Kelaa muuttamaan päätöstä 30 päivän kuluessa.",
                        "Voit hakea täydentävää toimeentulotukea kunnasta.")
    assert _found(tmp_path, body)["library.blocked"] == [5]
    own = _library(tmp_path, GOOD)
    (own / "_blocked.yaml").write_text("- pattern: 'muuttamaan päätöstä'\n  reason: test\n")
    result = check_library(own, readability=False)
    assert [f.line for f in result.findings if f.category == "library.blocked"] == [5]


def test_readability_rules_per_phrase(nlp, tmp_path: Path) -> None:
    body = GOOD.replace("Voit pyytää Kelaa muuttamaan päätöstä 30 päivän kuluessa.",
                        "Mikäli haluat, päätös voidaan oikaista {{ decision_date | day }} asti.")
    body = body.replace("inom 30 dagar.", "{{ decision_date | day }}.")
    found = _found(tmp_path, body, readability=True)
    assert found == {"readability.jargon": [5]}


def test_sample_text_fills_placeholders() -> None:
    assert sample_text("Saat {{ granted_total | eur }} {{ period.end | day }} {{ issuer.name }}.") == (
        "Saat 120,00 € 1.12.2026 Tampere."
    )


def test_cache_relints_only_changed_phrases(nlp, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = _library(tmp_path, GOOD)
    check_library(root, cache_dir=cache)
    stored = json.loads((cache / "phrase-lint.json").read_text())
    assert len(stored) == 2
    (root / "p.yaml").write_text(GOOD.replace("30 päivän", "kolmenkymmenen päivän"))
    check_library(root, cache_dir=cache)
    assert len(set(json.loads((cache / "phrase-lint.json").read_text())) - set(stored)) == 1


def test_cli_formats_and_exit_codes(tmp_path: Path) -> None:
    body = GOOD.replace("30 päivän kuluessa.", "{{ granted_totl | eur }}.")
    root = _library(tmp_path, body)
    runner = CliRunner()
    args = ["phrases", "check", str(root), "--no-readability", "--cache-dir", str(tmp_path / "c")]
    text = runner.invoke(main, args)
    assert text.exit_code == 1 and f"{root / 'p.yaml'}:5:1: error P003" in text.output
    junit = ET.fromstring(runner.invoke(main, [*args, "--format", "junit"]).output.split("?>", 1)[1])
    suite = junit.find("testsuite")
    assert suite.get("failures") == "1" and suite.find("testcase").find("failure") is not None
    sarif = json.loads(runner.invoke(main, [*args, "--format", "sarif"]).output)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "P004" or sarif["runs"][0]["results"]
    github = runner.invoke(main, [*args, "--format", "github"]).output
    assert f"::error file={root / 'p.yaml'},line=5" in github
    assert runner.invoke(main, [*args, "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(main, ["phrases", "check", str(tmp_path / "nope")]).exit_code == 2


def test_stats_html_report(nlp, tmp_path: Path) -> None:
    out = tmp_path / "stats.html"
    result = CliRunner().invoke(main, ["phrases", "stats", "--html", str(out), "--format", "json",
                                       "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert {"review", "outcome"} <= set(payload["sections"])
    assert sum(count for _label, count in payload["histogram"]) == len(
        [p for p in payload["phrases"] if p["wiio"] is not None])
    html = out.read_text()
    assert "<svg" in html and "review.kela" in html and "http" not in html.split("<svg", 1)[1].split("xmlns", 1)[0]


@pytest.mark.slow
def test_diff_between_folders_and_git_refs(nlp, tmp_path: Path) -> None:
    old = tmp_path / "repo" / "phrases"
    shutil.copytree(phrases_dir(), old)
    git = ["git", "-C", str(tmp_path / "repo"), "-c", "user.email=t@e", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "old"], check=True)
    text = (old / "decision.yaml").read_text(encoding="utf-8")
    (old / "decision.yaml").write_text(text.replace(
        "Kela laski tuen määrän kuukauden menoista ja tuloista.",
        "Kela laski tuen kuukauden menoista ja tuloista."), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "totudocs", "phrases", "diff", "HEAD", str(old), "--format", "json",
         "--cache-dir", str(tmp_path / "c")],
        cwd=tmp_path / "repo", capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["added"] == [] and payload["removed"] == []
    assert [c["id"] for c in payload["changed"]] == ["intro.basic"]
    basic = {Path(p).name for p in payload["examples_changed"]}
    assert "01-basic-housing-cap-fi.yaml" in basic and "05-supplementary-discretion-fi.yaml" not in basic


def test_diff_with_a_broken_condition_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(phrases_dir(), new)
    broken = next(p for p in sorted(new.glob("*.yaml")) if p.name != "_library.yaml")
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("when: ", "when: 1 / 0 or ", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["phrases", "diff", str(phrases_dir()), str(new),
                                       "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 2
    assert "error:" in result.output and "new library" in result.output
    assert "Traceback" not in result.output
