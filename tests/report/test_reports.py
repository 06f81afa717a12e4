"""Reports that tell the truth: SARIF invocations, URIs and fingerprints, GitHub escaping, JUnit.

DocumentResults are built by hand, so only the statement-check test needs the language layer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml
from click.testing import CliRunner

from totudocs.lint.findings import DocumentResult, Finding, Severity
from totudocs.report import render_report
from totudocs.report.formats import to_github, to_sarif
from totudocs.resources import corpus_dir

EXAMPLE = corpus_dir() / "examples" / "statement-other-basic-expenses-fi.yaml"


def _finding(
    path: str,
    rule: str = "FI101",
    category: str = "readability.sentence-length",
    line: int = 1,
    message: str = "Lause on pitkä.",
    **extra: Any,
) -> Finding:
    return Finding(
        path=path,
        rule=rule,
        category=category,
        severity=Severity.WARNING,
        message=message,
        line=line,
        column=1,
        end_line=line,
        end_column=10,
        **extra,
    )


def _run(results: list[DocumentResult], **kwargs: Any) -> dict[str, Any]:
    return json.loads(to_sarif(results, **kwargs))["runs"][0]


def _uris(run: dict[str, Any]) -> list[dict[str, str]]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]


def test_sarif_invocation_fails_and_notifies_once_per_failed_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    results = [
        DocumentResult(path="ok.md", language="fi", findings=[_finding("ok.md")]),
        DocumentResult(path="missing.md", language="fi", error="file not found"),
        DocumentResult(path="case.yaml", language="fi", error="invalid case data"),
    ]
    invocations = _run(results)["invocations"]
    assert len(invocations) == 1
    assert invocations[0]["executionSuccessful"] is False
    notes = invocations[0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["file not found", "invalid case data"]
    assert {n["level"] for n in notes} == {"error"}
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"] for n in notes] == [
        {"uri": "missing.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "case.yaml", "uriBaseId": "%SRCROOT%"},
    ]
    clean = _run(results[:1])["invocations"][0]
    assert clean["executionSuccessful"] is True and clean["toolExecutionNotifications"] == []


def test_sarif_relative_uris_are_percent_encoded_against_srcroot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "sub" / "ä b.txt"  # absolute but inside the cwd: made relative
    results = [
        DocumentResult(
            path="docs/päätös 1.md", language="fi", findings=[_finding("docs/päätös 1.md")]
        ),
        DocumentResult(path=str(inside), language="fi", findings=[_finding(str(inside))]),
    ]
    run = _run(results)
    assert _uris(run) == [
        {"uri": "docs/p%C3%A4%C3%A4t%C3%B6s%201.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "sub/%C3%A4%20b.txt", "uriBaseId": "%SRCROOT%"},
    ]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.as_uri() + "/"


def test_sarif_paths_outside_the_cwd_are_file_uris(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outside = tmp_path / "other" / "x y.md"
    results = [
        DocumentResult(path=str(outside), language="fi", findings=[_finding(str(outside))]),
        DocumentResult(path="../other/z.md", language="fi", findings=[_finding("../other/z.md")]),
    ]
    assert _uris(_run(results)) == [
        {"uri": outside.as_uri()},
        {"uri": (tmp_path / "other" / "z.md").as_uri()},
    ]
    assert "%20" in outside.as_uri()


def test_sarif_partial_fingerprints_are_the_baseline_hash() -> None:
    from totudocs.lint.engine import fingerprint

    same = [
        _finding("a.md", line=3, snippet="Pitkä  lause."),
        _finding("b.md", line=40, snippet="pitkä lause."),
    ]
    other = _finding("a.md", rule="FI102", snippet="Pitkä lause.")
    run = _run([DocumentResult(path="a.md", language="fi", findings=[*same, other])])
    prints = [r["partialFingerprints"]["totudocsFindingHash/v1"] for r in run["results"]]
    assert prints[0] == prints[1] != prints[2]
    assert prints[0] == fingerprint(same[0])
    # the same finding gives the same fingerprint on every run
    again = _run([DocumentResult(path="a.md", language="fi", findings=[same[0]])])
    assert again["results"][0]["partialFingerprints"] == run["results"][0]["partialFingerprints"]


def test_sarif_help_uri_only_with_a_docs_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOTUDOCS_DOCS_URL", raising=False)
    rules = _run([])["tool"]["driver"]["rules"]
    assert rules and all("helpUri" not in r for r in rules)
    given = _run([], docs_url="https://docs.example/rules")["tool"]["driver"]["rules"]
    assert all(r["helpUri"] == f"https://docs.example/rules#{r['id'].lower()}" for r in given)
    monkeypatch.setenv("TOTUDOCS_DOCS_URL", "https://env.example/r")
    from_env = _run([])["tool"]["driver"]["rules"]
    assert from_env[0]["helpUri"] == f"https://env.example/r#{from_env[0]['id'].lower()}"


def test_github_escapes_properties_and_message_data() -> None:
    path = "tmp/50%,a:b.md"
    finding = _finding(path, message="Rivi yksi\r\nrivi kaksi: 100%, ok")
    results = [
        DocumentResult(path=path, language="fi", findings=[finding]),
        DocumentResult(path="c:d,e%.md", language="fi", error="cannot read\n50%"),
    ]
    lines = to_github(results).splitlines()
    assert lines == [
        "::warning file=tmp/50%25%2Ca%3Ab.md,line=1,col=1,endLine=1,endColumn=10,"
        "title=FI101 readability.sentence-length::Rivi yksi%0D%0Arivi kaksi: 100%25, ok",
        "::error file=c%3Ad%2Ce%25.md::cannot read%0A50%25",
    ]


def _junit_results() -> list[DocumentResult]:
    a = [
        _finding("a.md", line=3),
        _finding("a.md", line=7, rule="FI102"),
        _finding("a.md", line=9, category="readability.passive", message="Passiivi\x0b."),
    ]
    return [
        DocumentResult(path="a.md", language="fi", findings=a),
        DocumentResult(path="clean.md", language="fi"),
        DocumentResult(path="gone.md", language="fi", error="file not found"),
    ]


def test_junit_suites_cases_failures_and_errors() -> None:
    root = ET.fromstring(render_report(_junit_results(), "junit"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["a.md", "clean.md", "gone.md"]

    a = suites["a.md"]
    assert (a.get("tests"), a.get("failures"), a.get("errors")) == ("2", "2", "0")
    cases = {c.get("name"): c for c in a.iter("testcase")}
    assert set(cases) == {"readability.sentence-length", "readability.passive"}
    text = cases["readability.sentence-length"].findtext("failure") or ""
    assert "a.md:3:1" in text and "a.md:7:1" in text and "FI102" in text
    assert len(list(a.iter("failure"))) == 2

    clean = [(c.get("name"), list(c)) for c in suites["clean.md"].iter("testcase")]
    assert clean == [("readability", [])]

    gone = suites["gone.md"]
    assert (gone.get("failures"), gone.get("errors")) == ("0", "1")
    error = next(gone.iter("error"))
    assert error.get("message") == "file not found"


def test_junit_passing_case_named_after_the_check() -> None:
    from totudocs.report.junit import documents_to_junit, passing_check

    results = [DocumentResult(path="s.yaml", language="fi")]
    explicit = ET.fromstring(documents_to_junit(results, check="completeness"))
    assert [c.get("name") for c in explicit.iter("testcase")] == ["completeness"]
    with passing_check("completeness"):
        scoped = ET.fromstring(render_report(results, "junit"))
    assert [c.get("name") for c in scoped.iter("testcase")] == ["completeness"]
    after = ET.fromstring(render_report(results, "junit"))
    assert [c.get("name") for c in after.iter("testcase")] == ["readability"]


def test_statement_check_junit(nlp, tmp_path: Path) -> None:
    from totudocs.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["statement", "check", "--format", "junit", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")
    assert [c.get("name") for c in root.iter("testcase")] == ["completeness"]

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["grounds"] = "Puollan tukea kokonaistilanteen perusteella."
    data["circumstances"] = "Asiakkaalla on diagnoosi F32.1."
    draft = tmp_path / "draft.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = tmp_path / "report.xml"
    result = runner.invoke(
        main,
        [
            "statement",
            "check",
            "--format",
            "junit",
            "--fail-on",
            "info",
            "-o",
            str(report),
            str(draft),
        ],
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    root = ET.parse(report).getroot()
    names = {c.get("name") for c in root.iter("testcase")}
    assert "statement.excess-data" in names
    assert root.get("failures") == str(len(names)) and root.get("errors") == "0"
    assert f"{draft}:" in (next(root.iter("failure")).text or "")
