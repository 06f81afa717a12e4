"""Batch rendering under attack: one hostile record, a dying worker, a kill or a second run never
costs another record, an output or the manifest."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from totudocs.batch import BatchOptions, BatchSummary, iter_records, run_batch
from totudocs.batch.run import CRASH_HOOK, HANG_HOOK, LOCK_NAME
from totudocs.cli import main
from totudocs.synth import synth_cases

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _cases(count: int, seed: int = 21) -> list[dict[str, Any]]:
    return list(synth_cases(count, seed=seed))


def _line(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(lines))
    return path


def _html(source: Path, out: Path, **options: Any) -> BatchSummary:
    options.setdefault("workers", 1)
    return run_batch(source, BatchOptions(output=out, formats=("html",), **options))


def _errors(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]


def _manifest_lines(out: Path) -> list[dict[str, Any]]:
    # every line must parse: json.loads raises on a cut or concatenated line
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]


def _command(source: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "totudocs", "batch", str(source), "-o", str(out), *extra]


def _children(pid: int) -> set[int]:
    """Every living descendant of ``pid`` (zombies are dead: only their exit status is left)."""
    found: set[int] = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, IndexError):
            continue
        if int(parent) == pid and state != "Z":
            child = int(stat.parent.name)
            found |= {child} | _children(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _lines_in(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


# --- one hostile record is one record error --------------------------------------------------


def test_a_line_nested_100000_deep_is_one_record_error(tmp_path: Path) -> None:
    good = _cases(2)
    deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"
    source = _write(tmp_path / "cases.jsonl", [_line(good[0]), deep, _line(good[1])])
    summary = _html(source, tmp_path / "out")
    assert (summary.rendered, summary.failed) == (2, 1)
    (error,) = _errors(tmp_path / "out")
    assert error["record"] == 2 and "nested" in error["message"]


def test_an_invalid_byte_spoils_one_record_also_on_resume(tmp_path: Path) -> None:
    good = _cases(3)
    broken = _line(good[1]).replace(b'"kind"', b'"ki\xffnd"')
    source = _write(tmp_path / "cases.jsonl", [_line(good[0]), broken, _line(good[2])])
    out = tmp_path / "out"
    first = _html(source, out)
    assert (first.rendered, first.failed) == (2, 1)
    (error,) = _errors(out)
    assert error["record"] == 2 and "UTF-8" in error["message"]
    again = _html(source, out, resume=True)  # must read past the byte again
    assert (again.skipped, again.rendered, again.failed) == (2, 0, 1)
    assert [e["record"] for e in _errors(out)] == [2], "reported once, not once per run"


def test_a_csv_row_with_too_many_or_too_few_cells_is_a_record_error(tmp_path: Path) -> None:
    cases = _cases(3, seed=9)
    # every field of the case as a column, and an optional one last (so that a row missing its
    # last cell would still validate, and render, if the reader filled in the gap)
    columns = [*sorted({key for case in cases for key in case} - {"urgent"}), "urgent"]

    def cells(case: dict[str, Any]) -> list[str]:
        def cell(value: Any) -> str:
            if isinstance(value, dict | list):
                return json.dumps(value, ensure_ascii=False)
            return str(value).lower() if isinstance(value, bool) else str(value)

        return [cell(case[c]) if c in case else "" for c in columns[:-1]] + ["false"]

    path = tmp_path / "cases.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerow(cells(cases[0]))
        writer.writerow([*cells(cases[1]), "shifted"])  # one cell too many
        writer.writerow(cells(cases[2])[:-1])  # one too few
    records = list(iter_records(path))
    assert [r.problem is None for r in records] == [True, False, False]
    summary = _html(path, tmp_path / "out")
    assert (summary.rendered, summary.failed) == (1, 2)
    errors = _errors(tmp_path / "out")
    assert [e["record"] for e in errors] == [2, 3]
    assert f"{len(columns) + 1} cells" in errors[0]["message"]
    assert f"{len(columns) - 1} cells" in errors[1]["message"]


def test_a_yaml_alias_bomb_is_refused_before_anything_walks_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"{c}: &{c} [{', '.join(['*' + p] * 10)}]" for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    (folder / "bomb.yaml").write_text("calculation:\n  expenses:\n" + "".join(
        f"    {line}\n" for line in levels) + "case_id: BOMB-1\n")
    started = time.monotonic()
    (record,) = list(iter_records(folder))
    assert record.problem is not None and "values" in record.problem.message
    assert time.monotonic() - started < 5


def test_a_repeated_case_id_is_an_error_never_an_overwrite(tmp_path: Path) -> None:
    first, second, third, fourth = _cases(4)
    hetu_id = "010190-123A"  # an id shaped like a henkilötunnus must not reach errors.jsonl
    records = [first, {**second, "case_id": first["case_id"]},  # repeated in the next chunk
               {**third, "case_id": first["case_id"].lower()},  # differs only in letter case
               fourth,
               {**second, "case_id": hetu_id},  # invalid (validation refuses such an id)…
               {**third, "case_id": hetu_id}]  # …and so is this one, with the field named
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in records])
    out = tmp_path / "out"
    summary = _html(source, out, workers=2, chunk_size=1)
    assert (summary.rendered, summary.failed) == (2, 4)
    errors = _errors(out)
    assert sorted({e["record"] for e in errors}) == [2, 3, 5, 6]
    by_record = {e["record"]: e for e in errors}
    assert "repeated" in by_record[2]["message"] and "letter case" in by_record[3]["message"]
    assert by_record[6]["field"] == "case_id" and "henkilötunnus" in by_record[6]["message"]
    assert hetu_id not in (out / "errors.jsonl").read_text("utf-8")
    # the first record's output is still the first record's document
    entries = {e["record"]: e for e in _manifest_lines(out)}  # in the order workers finish
    assert sorted(entries) == [1, 4]
    data = (out / f"{first['case_id']}.html").read_bytes()
    assert hashlib.sha256(data).hexdigest() == entries[1]["outputs"]["html"]["sha256"]


def test_an_invalid_record_does_not_take_the_id_of_a_valid_one(tmp_path: Path) -> None:
    first, second = _cases(2)
    broken = {**first, "kind": None}  # same id, invalid, earlier in the input
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in (broken, first, second)])
    out = tmp_path / "out"
    summary = _html(source, out)
    assert (summary.rendered, summary.failed) == (2, 1)
    assert [e["record"] for e in _errors(out)] == [1]
    assert (out / f"{first['case_id']}.html").exists()


def test_ids_that_differ_by_suffix_or_slash_get_files_of_their_own(tmp_path: Path) -> None:
    cases = _cases(4)
    ids = ["A.1", "A.2", "a/b", "a_b"]
    records = [{**case, "case_id": case_id} for case, case_id in zip(cases, ids, strict=True)]
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in records])
    out = tmp_path / "out"
    summary = _html(source, out)
    assert (summary.rendered, summary.failed) == (4, 0)
    assert sorted(p.name for p in out.glob("*.html")) == ["A.1.html", "A.2.html", "a%2Fb.html",
                                                         "a_b.html"]
    for record in records:
        entry = next(e for e in _manifest_lines(out) if e["case_id"] == record["case_id"])
        assert record["applicant"]["name"] in (out / entry["outputs"]["html"]["path"]).read_text()


def test_a_record_that_kills_its_worker_costs_only_that_record(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _cases(6)
    killer = cases[2]["case_id"]
    monkeypatch.setenv(CRASH_HOOK, killer)  # the worker calls os._exit on this record
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in cases])
    out = tmp_path / "out"
    summary = _html(source, out, workers=2, chunk_size=3)
    assert (summary.rendered, summary.failed) == (5, 1)
    (error,) = _errors(out)
    assert error["record"] == 3 and error["case_id"] == killer
    assert "worker rendering this record died" in error["message"]
    assert sorted(p.stem for p in out.glob("*.html")) == sorted(
        c["case_id"] for c in cases if c["case_id"] != killer)


def test_a_record_that_never_finishes_is_stopped_and_reported(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cases = _cases(4)
    stuck = cases[1]["case_id"]
    monkeypatch.setenv(HANG_HOOK, stuck)  # the worker sleeps for an hour on this record
    monkeypatch.setenv("TOTUDOCS_RECORD_TIMEOUT", "3")
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in cases])
    out = tmp_path / "out"
    summary = _html(source, out, workers=2, chunk_size=2)
    assert (summary.rendered, summary.failed) == (3, 1)
    (error,) = _errors(out)
    assert error["case_id"] == stuck and "longer than 3 s" in error["message"]


# --- the manifest, the lock and resume -------------------------------------------------------


def test_a_cut_manifest_line_is_removed_and_its_record_rendered_again(tmp_path: Path) -> None:
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in _cases(3)])
    out = tmp_path / "out"
    _html(source, out)
    manifest = out / "manifest.jsonl"
    data = manifest.read_bytes()
    manifest.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 40])  # killed mid-line
    summary = _html(source, out, resume=True)
    assert (summary.skipped, summary.rendered) == (2, 1)
    entries = _manifest_lines(out)
    assert sorted(e["record"] for e in entries) == [1, 2, 3]


def test_a_second_run_into_the_same_folder_is_refused_at_once(tmp_path: Path) -> None:
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in _cases(1)])
    out = tmp_path / "out"
    out.mkdir()
    partial = out / ".KELA-1.pdf.x1y2.tmp"  # the running batch's file being written
    partial.write_bytes(b"half")
    with (out / LOCK_NAME).open("a+b") as held:  # as the running batch holds it
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        started = time.monotonic()
        result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "-f", "html"])
        assert time.monotonic() - started < 5
    assert result.exit_code == 2, result.output
    assert "another totudocs batch is writing to" in result.output
    assert partial.exists() and not (out / "manifest.jsonl").exists()


@pytest.mark.slow
def test_print_bundles_never_repeat_a_case_rendered_again_on_resume(tmp_path: Path) -> None:
    from pypdf import PdfReader

    cases = _cases(3)
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in cases])
    out = tmp_path / "out"
    run_batch(source, BatchOptions(output=out, workers=1, bundle=10))
    (out / f"{cases[1]['case_id']}.pdf").write_bytes(b"%PDF- damaged")  # rendered again on resume
    summary = run_batch(source, BatchOptions(output=out, workers=1, bundle=10, resume=True))
    assert (summary.skipped, summary.rendered) == (2, 1)
    bundle = PdfReader(out / "bundle-0001.pdf")
    assert [item.title for item in bundle.outline] == [c["case_id"] for c in cases]


# --- signals ---------------------------------------------------------------------------------


@linux_only
@pytest.mark.slow
def test_workers_exit_when_the_coordinator_is_killed(tmp_path: Path) -> None:
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in _cases(40)])
    out = tmp_path / "out"
    process = subprocess.Popen(_command(source, out, "-j", "2", "--chunk-size", "2"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: _lines_in(out / "manifest.jsonl") >= 2, 120, "the first documents")
        workers = _children(process.pid)
        assert len(workers) >= 2
        process.kill()  # the coordinator alone: nothing tells the workers
        process.wait()
        _wait_for(lambda: not any(_alive(pid) for pid in workers), 5, "the workers to exit")
    finally:
        process.kill()
        process.wait()


@pytest.mark.slow
@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_stop_cleanly_with_the_resume_message(
    tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    source = _write(tmp_path / "cases.jsonl", [_line(r) for r in _cases(40)])
    out = tmp_path / "out"
    process = subprocess.Popen(_command(source, out, "-j", "2", "--chunk-size", "2"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: _lines_in(out / "manifest.jsonl") >= 2, 120, "the first documents")
        workers = _children(process.pid) if sys.platform.startswith("linux") else set()
        process.send_signal(stop)
        _stdout, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == code, stderr
    assert "Aborted!" not in stderr
    done = len(_manifest_lines(out))
    assert f"interrupted: {done} records done; run the same command with --resume" in stderr
    assert "Traceback" not in stderr
    assert not list(out.glob(".*.tmp")), "partial files removed"
    # multiprocessing's resource tracker follows a moment after the coordinator exits
    _wait_for(lambda: not any(_alive(pid) for pid in workers), 5, "the workers to exit")


@linux_only
@pytest.mark.slow
def test_hostile_records_kills_and_two_resumes_end_with_exactly_the_good_outputs(
    tmp_path: Path,
) -> None:
    good = _cases(24, seed=33)
    bad: list[bytes] = [
        b"[" * 100_000 + b"]" * 100_000 + b"\n",  # RecursionError
        _line(good[0]).replace(b'"kind"', b'"k\xffind"'),  # an invalid byte
        _line(good[1]),  # a repeated id
        _line({**good[2], "case_id": good[2]["case_id"].lower()}),  # differs only in case
        _line({**good[3], "case_id": "KILL-1"}),  # kills its worker
        _line({**good[4], "case_id": "120345-678X"}),  # an id holding a henkilötunnus
        b"{cut json\n",
    ]
    lines: list[bytes] = []
    bad_numbers = []
    for index, case in enumerate(good):
        lines.append(_line(case))
        if index % 3 == 2 and bad:
            lines.append(bad.pop(0))
            bad_numbers.append(len(lines))
    lines.extend(bad)
    bad_numbers.extend(range(len(lines) - len(bad) + 1, len(lines) + 1))
    source = _write(tmp_path / "cases.jsonl", lines)
    out = tmp_path / "out"
    manifest = out / "manifest.jsonl"
    env = {**os.environ, CRASH_HOOK: "KILL-1"}
    seen: set[int] = set()

    def killed_run(*extra: str, after: int) -> None:
        process = subprocess.Popen(_command(source, out, "-j", "2", "--chunk-size", "3", *extra),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            _wait_for(lambda: _lines_in(manifest) >= after, 120, f"{after} documents")
            seen.update(_children(process.pid))
        finally:
            process.kill()
            process.wait()

    killed_run(after=4)
    killed_run("--resume", after=_lines_in(manifest) + 3)
    result = subprocess.run(_command(source, out, "-j", "2", "--chunk-size", "3", "--resume"),
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    _wait_for(lambda: not any(_alive(pid) for pid in seen), 5, "no orphan process")
    good_ids = {c["case_id"] for c in good}
    assert sorted(p.stem for p in out.glob("*.pdf")) == sorted(good_ids)
    assert not list(out.glob(".*.tmp"))
    errors = _errors(out)
    assert sorted(e["record"] for e in errors) == sorted(bad_numbers), "one error per bad record"
    assert "120345-678X" not in (out / "errors.jsonl").read_text("utf-8")
    entries = _manifest_lines(out)
    assert sorted(e["case_id"] for e in entries) == sorted(good_ids), "one entry per good record"
