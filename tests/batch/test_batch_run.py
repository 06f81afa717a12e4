"""Batch rendering: nothing lost, resumable after a kill, each document correct after splitting."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from totudocs.batch import BatchOptions, BatchSummary, iter_records, run_batch
from totudocs.cli import main
from totudocs.model import Decision
from totudocs.synth import synth_cases


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def _valid(record: dict) -> bool:
    try:
        Decision.model_validate(record)
        return True
    except ValueError:
        return False


def test_synth_cases_are_valid_and_varied() -> None:
    cases = list(synth_cases(300, seed=5))
    assert all(_valid(c) for c in cases)
    assert {c["kind"] for c in cases} == {"basic", "supplementary", "preventive"}
    assert {c["language"] for c in cases} == {"fi", "sv"}
    assert any(c.get("own_share") for c in cases) and any(c["automated"] for c in cases)
    broken = list(synth_cases(300, seed=5, invalid_rate=0.3))
    assert 40 < sum(not _valid(c) for c in broken) < 140


@pytest.mark.slow
def test_bad_records_are_reported_and_every_good_one_renders(tmp_path: Path) -> None:
    records = list(synth_cases(40, seed=11, invalid_rate=0.25))
    records.insert(7, "not an object")  # a record that is not even a mapping
    source = _jsonl(tmp_path / "cases.jsonl", records)
    with source.open("a", encoding="utf-8") as handle:
        handle.write("{broken json\n")
    summary = run_batch(source, BatchOptions(output=tmp_path / "out", workers=2, chunk_size=5))
    good = [r for r in records if isinstance(r, dict) and _valid(r)]
    assert summary.rendered == len(good) and summary.failed == len(records) + 1 - len(good)
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    failed_numbers = {e["record"] for e in errors}
    assert len(failed_numbers) == summary.failed
    assert 8 in failed_numbers and len(records) + 1 in failed_numbers
    assert all(e["field"] or "JSON" in e["message"] or "mapping" in e["message"] for e in errors)
    hetu_errors = [e for e in errors if e["field"] == "applicant.hetu"]
    assert all(e["case_id"].startswith("SYN-") for e in hetu_errors)
    manifest = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert sorted(m["case_id"] for m in manifest) == sorted(r["case_id"] for r in good)
    for entry in manifest:
        pdf = tmp_path / "out" / entry["outputs"]["pdf"]["path"]
        assert pdf.exists()


@pytest.mark.slow
def test_each_split_document_has_its_own_pages_metadata_and_attachment(tmp_path: Path) -> None:
    records = list(synth_cases(6, seed=2))
    source = _jsonl(tmp_path / "cases.jsonl", records)
    run_batch(source, BatchOptions(output=tmp_path / "out", workers=1, chunk_size=3, bundle=4))
    for record in records:
        reader = PdfReader(tmp_path / "out" / f"{record['case_id']}.pdf")
        pages = len(reader.pages)
        label = "Sivu" if record["language"] == "fi" else "Sida"
        text = [page.extract_text() for page in reader.pages]
        assert f"{label} 1 / {pages}" in text[0] and f"{label} {pages} / {pages}" in text[-1]
        assert record["case_id"] in text[0]
        (attached,) = reader.attachments["case.json"]
        assert Decision.model_validate(json.loads(attached)) == Decision.model_validate(record)
        assert reader.trailer["/Root"]["/Lang"] == record["language"]
        assert record["applicant"]["name"] not in str(reader.metadata)
    bundle = PdfReader(tmp_path / "out" / "bundle-0001.pdf")
    assert [item.title for item in bundle.outline] == [r["case_id"] for r in records[:4]]


@pytest.mark.slow
def test_killed_batch_resumes_to_exactly_one_output_per_record(tmp_path: Path) -> None:
    records = list(synth_cases(30, seed=4))
    source = _jsonl(tmp_path / "cases.jsonl", records)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "totudocs", "batch", str(source), "-o", str(out), "-j", "1",
               "--chunk-size", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(list(out.glob("*.pdf"))) < 6:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(list(out.glob("SYN-*.pdf")))
    assert 6 <= done_before < 30, "killed half way"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-j", "1", "--resume"])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output
    pdfs = sorted(p.name for p in out.glob("SYN-*.pdf"))
    assert pdfs == sorted(f"{r['case_id']}.pdf" for r in records)
    assert not list(out.glob(".*.tmp")), "no partial files"
    latest: dict[str, dict] = {}
    for line in (out / "manifest.jsonl").read_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line the kill cut short
        latest[entry["case_id"]] = entry
    assert len(latest) == 30
    for entry in latest.values():
        data = (out / entry["outputs"]["pdf"]["path"]).read_bytes()
        import hashlib

        assert hashlib.sha256(data).hexdigest() == entry["outputs"]["pdf"]["sha256"]
        assert len(PdfReader(out / entry["outputs"]["pdf"]["path"]).pages) == entry["pages"]


def test_csv_input_with_dotted_columns(tmp_path: Path) -> None:
    (case,) = list(synth_cases(1, seed=9))
    flat = {
        "case_id": case["case_id"], "kind": case["kind"], "language": case["language"],
        "issuer": json.dumps(case["issuer"], ensure_ascii=False),
        "decision_date": case["decision_date"], "application_received": case["application_received"],
        "applicant.name": case["applicant"]["name"], "applicant.hetu": case["applicant"]["hetu"],
        "applicant.age_group": "adult", "period.start": case["period"]["start"],
        "period.end": case["period"]["end"],
        "calculation": json.dumps(case["calculation"]), "outcomes": json.dumps(case["outcomes"]),
        "automated": str(case["automated"]).lower(), "urgent": "",
    }
    path = tmp_path / "cases.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(flat))
        writer.writeheader()
        writer.writerow(flat)
    (record,) = list(iter_records(path))
    assert record.problem is None
    parsed = Decision.model_validate(record.data)
    assert parsed.applicant.hetu == case["applicant"]["hetu"] and parsed.urgent is False


def test_folder_input_and_cli_exit_code(tmp_path: Path) -> None:
    from totudocs.resources import corpus_dir

    result = CliRunner().invoke(
        main, ["batch", str(corpus_dir() / "examples"), "-o", str(tmp_path / "out"), "-f", "html",
               "-j", "1"])
    assert result.exit_code == 0, result.output
    # decisions and statements alike
    assert len(list((tmp_path / "out").glob("*.html"))) == len(
        list((corpus_dir() / "examples").glob("*.yaml")))


def test_synth_command_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    assert CliRunner().invoke(main, ["synth", "5", "-o", str(out), "--seed", "3"]).exit_code == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 5 and all(_valid(json.loads(line)) for line in lines)


@pytest.mark.slow
def test_same_chunk_function_on_a_dask_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    records = list(synth_cases(12, seed=6, invalid_rate=0.2))
    source = _jsonl(tmp_path / "cases.jsonl", records)
    summary = run_batch(source, BatchOptions(output=tmp_path / "out", workers=2, chunk_size=3,
                                             dask_scheduler="local"))
    good = [r for r in records if _valid(r)]
    assert summary.rendered == len(good) and summary.failed == len(records) - len(good)
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.pdf")) == sorted(
        r["case_id"] for r in good)


@pytest.mark.parametrize("native", [True, False])
def test_hint_when_the_native_font_subsetter_is_missing(tmp_path: Path, monkeypatch,
                                                        native: bool) -> None:
    from totudocs.render import fonts
    from totudocs.resources import corpus_dir

    monkeypatch.setattr(fonts, "native_subsetter", lambda: native)
    source = tmp_path / "in"
    source.mkdir()
    example = corpus_dir() / "examples" / "01-basic-housing-cap-fi.yaml"
    (source / example.name).write_bytes(example.read_bytes())
    result = CliRunner().invoke(
        main, ["batch", str(source), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert ("libharfbuzz-subset0" in result.output) is not native


def test_resume_renders_again_when_formats_or_phrases_changed(tmp_path: Path) -> None:
    import shutil

    from totudocs.resources import phrases_dir

    source = _jsonl(tmp_path / "cases.jsonl", list(synth_cases(3, seed=5)))
    out = tmp_path / "out"
    phrases = tmp_path / "phrases"
    shutil.copytree(phrases_dir(), phrases)

    def run(*extra: str) -> BatchSummary:
        return run_batch(source, BatchOptions(output=out, workers=1, formats=extra or ("html",),
                                              resume=True, phrases=phrases))

    assert run().rendered == 3
    assert run().skipped == 3  # nothing changed
    again = run("html", "pdf")  # a format that was not written before
    assert (again.skipped, again.rendered) == (0, 3)
    assert run("html", "pdf").skipped == 3
    library = phrases / "decision.yaml"
    library.write_text(library.read_text() + "\n# reviewed 2026-11-24\n")
    changed = run("html", "pdf")  # the phrase library changed: no mixing old and new wording
    assert (changed.skipped, changed.rendered) == (0, 3)


def test_a_source_without_records_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["batch", str(empty), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert f"no records found in {empty}" in result.output


def test_batch_lint_reads_the_tree_it_laid_out_as_lint_reads_the_html(tmp_path: Path) -> None:
    """--lint in a worker that made a PDF reads WeasyPrint's parsed tree instead of parsing the
    HTML again; the findings are the ones `totudocs lint` gives for the same HTML."""
    from totudocs.batch.reader import Record
    from totudocs.batch.run import render_chunk
    from totudocs.lint.engine import LintContext, lint_html
    from totudocs.render.html import Renderer

    records = list(synth_cases(6, seed=21))
    # a next step in one long sentence: a finding the summary must count
    assert records[0]["language"] == "sv"
    records[0]["next_steps"] = [
        "Om du vill lämna in ytterligare utredningar som gäller behandlingen av din ansökan och "
        "som enligt din uppfattning kan påverka bedömningen av ditt ärende ska du kontakta vår "
        "kundtjänst, som är öppen vardagar mellan klockan åtta och fyra, och där framföra de "
        "frågor som gäller ditt ärende utan dröjsmål."
    ]
    chunk = [Record(number=i + 1, source="cases.jsonl", data=r) for i, r in enumerate(records)]
    with_pdf = render_chunk(chunk, BatchOptions(output=tmp_path / "pdf", lint=True))
    html_only = render_chunk(chunk, BatchOptions(output=tmp_path / "html", formats=("html",),
                                                 lint=True))
    renderer = Renderer.create()
    for record, from_tree, from_html in zip(records, with_pdf, html_only, strict=True):
        case = Decision.model_validate(record)
        result = lint_html(renderer.render(case).html, "cases.jsonl",
                           LintContext(case=case, case_path="cases.jsonl"), case.language)
        expected = {"error": 0, "warning": 0, "info": 0}
        for finding in result.findings:
            expected[str(finding.severity)] += 1
        assert from_tree["lint"] == from_html["lint"] == expected
    assert sum(with_pdf[0]["lint"].values()) > 0
