"""The batch run: records are streamed to worker processes in chunks, each worker keeps one
renderer, one font configuration and the compiled stylesheets for its whole life, and every
output is written atomically (temporary file, then rename).

Nothing is lost and one record never spoils another:

- whatever goes wrong with one record (unreadable, invalid, a render error) goes to
  ``errors.jsonl`` (record number, case id, field path, message) and every other record is still
  rendered;
- a worker that dies (a segfault in a native library, the kernel's OOM killer) costs only the
  record that killed it: the rest of its chunk is rendered again one record at a time in fresh
  workers, and a record that kills a worker a second time becomes a record error;
- every output gets a file name of its own (``totudocs.files.OutputNames``): a repeated case id is
  an error for the later record, never an overwrite;
- ``manifest.jsonl`` lists what was written with its sha256, one fsynced line per document as soon
  as it is done, so ``resume`` skips exactly the records whose outputs exist and match;
- a lock file keeps a second run out of the same output folder, SIGINT/SIGTERM stop the run
  cleanly, and workers exit by themselves when the coordinator is killed.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from totudocs.batch.reader import Record, iter_records
from totudocs.files import (
    OutputNameError,
    OutputNames,
    output_name,
    remove_partial_files,
    write_atomic,
)
from totudocs.model.loading import Problem

RECORD_TIMEOUT = 120.0  # seconds one record may take (see record_seconds)
RECYCLE_AFTER = 150  # chunks per worker process before it is replaced
LOCK_NAME = ".totudocs-batch.lock"
# Test hook: a worker that is about to render a record with this case id (or one of these
# comma-separated ids) exits at once, the way a segfault in WeasyPrint's native libraries would
# end it. Only the test suite sets it.
CRASH_HOOK = "TOTUDOCS_TEST_CRASH_CASE_ID"
HANG_HOOK = "TOTUDOCS_TEST_HANG_CASE_ID"  # test hook as well: the worker never finishes
_POLL_SECONDS = 0.5  # how long the coordinator waits before looking at the stop flag again


@dataclass
class BatchOptions:
    output: Path
    formats: tuple[str, ...] = ("pdf",)
    workers: int = 0  # 0: one per core
    chunk_size: int = 20
    resume: bool = False
    lint: bool = False
    bundle: int | None = None
    templates: Path | None = None
    phrases: Path | None = None
    dask_scheduler: str | None = None  # "local" for a LocalCluster, or a scheduler address
    setup: dict[str, str] = field(default_factory=dict)  # set by run_batch: see render_setup


@dataclass
class BatchSummary:
    records: int = 0
    rendered: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors_path: Path | None = None
    manifest_path: Path | None = None
    bundles: list[Path] = field(default_factory=list)


class BatchLocked(RuntimeError):
    """Another batch is writing to the same output folder."""


class BatchInterrupted(Exception):
    """SIGINT or SIGTERM stopped the run; what was finished is in the manifest."""

    def __init__(self, signum: int, done: int = 0) -> None:
        super().__init__(f"interrupted by signal {signum}")
        self.signum = signum
        self.done = done  # records whose outputs are finished (rendered now or skipped)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


def record_hash(data: Any) -> str:
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _raw_case_id(record: Record) -> str | None:
    """The case id as the record states it (validation strips whitespace, so do we)."""
    if isinstance(record.data, dict):
        case_id = record.data.get("case_id")
        if isinstance(case_id, str) and case_id.strip():
            return case_id.strip()
    return None


def _failure(record: Record, message: str, field_path: str = "") -> dict[str, Any]:
    problem = Problem(  # masks any henkilötunnus the message quotes
        record.source, field_path, message, record=record.number, case_id=_raw_case_id(record)
    )
    return {"record": record.number, "errors": [problem.to_dict()]}


def _exception_text(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --- worker side ---------------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _worker_state(options: BatchOptions) -> dict[str, Any]:
    """Per process: one renderer and one PDF engine (fonts and stylesheets set up once), made
    again when the batch's set-up differs (a long-lived Dask worker after a phrase change)."""
    if _STATE.get("setup") != options.setup:  # also true before the first chunk
        from totudocs.render.html import Renderer
        from totudocs.render.pdf import PdfEngine

        renderer = Renderer.create(templates=options.templates, phrases=options.phrases)
        _STATE.update(renderer=renderer, pdf=PdfEngine(renderer.templates), setup=options.setup)
    return _STATE


def _model(data: Any, decision: type, statement: type) -> type:
    is_statement = isinstance(data, dict) and data.get("document") == "statement"
    return statement if is_statement else decision


def render_chunk(chunk: list[Record], options: BatchOptions) -> list[dict[str, Any]]:
    """Validate, render and write one chunk of records. Also usable as a Dask task.

    Never raises for one record's sake: every exception becomes that record's error entry.
    """
    try:
        state = _worker_state(options)
    except Exception as exc:  # broken templates or phrases: every record fails the same way
        message = f"cannot set up the renderer: {_exception_text(exc)}"
        return [_failure(record, message) for record in chunk]
    results = []
    for record in chunk:
        try:
            results.append(_render_record(record, options, state))
        except Exception as exc:  # MemoryError, RecursionError, a template error, a full disk…
            results.append(_failure(record, f"rendering failed: {_exception_text(exc)}"))
    return results


def _render_record(record: Record, options: BatchOptions, state: dict[str, Any]) -> dict[str, Any]:
    from totudocs.model import Decision, Statement
    from totudocs.model.loading import CaseDataError, validate_record

    if record.problem is not None:
        return {"record": record.number, "errors": [record.problem.to_dict()]}
    case = record.case  # validated by the coordinator when it claimed the record's name
    if case is None:
        try:
            case = validate_record(
                record.data, _model(record.data, Decision, Statement), record.source,
                record.number,
            )
        except CaseDataError as exc:
            return {"record": record.number, "errors": [p.to_dict() for p in exc.problems]}
    _crash_hook(case.case_id)
    # The coordinator claimed the name (unique in this run); a direct caller that did not gets
    # the plain mapping.
    expected = output_name(case.case_id)
    name = record.output_name or expected
    if name != expected:
        return _failure(record, "the case id changed in validation", "case_id")
    document = state["renderer"].render(case)
    outputs: dict[str, dict[str, Any]] = {}
    if "html" in options.formats:
        from totudocs.render.html import standalone_html

        data = standalone_html(document).encode("utf-8")
        # name + suffix, never Path.with_suffix: that would cut "A.1" and "A.2" to one "A"
        write_atomic(options.output / (name + ".html"), data)
        outputs["html"] = {"path": name + ".html", "sha256": hashlib.sha256(data).hexdigest()}
    pages = tree = None
    if "pdf" in options.formats:
        pdf = state["pdf"].render(document)
        data, pages, tree = pdf.data, pdf.pages, pdf.tree
        write_atomic(options.output / (name + ".pdf"), data)
        outputs["pdf"] = {"path": name + ".pdf", "sha256": hashlib.sha256(data).hexdigest()}
    return {
        "record": record.number,
        "case_id": case.case_id,
        "input_sha256": record_hash(record.data),
        "outputs": outputs,
        "pages": pages,
        "lint": _lint_summary(document, tree, case, record.source) if options.lint else None,
    }


def _crash_hook(case_id: str) -> None:
    wanted = os.environ.get(CRASH_HOOK)
    if wanted and case_id in wanted.split(","):
        os._exit(70)
    hang = os.environ.get(HANG_HOOK)
    if hang and case_id in hang.split(","):
        time.sleep(3600)


def _lint_summary(document: Any, tree: Any, case: Any, source: str) -> dict[str, int]:
    """Finding counts per severity. When the worker made a PDF, the HTML is read from the tree
    WeasyPrint parsed for the layout, not parsed a second time."""
    from totudocs.lint.engine import LintContext, lint_document
    from totudocs.reading.html import parse_html, read_tree

    context = LintContext(case=case, case_path=source)
    model = (read_tree(tree, source, context.roles) if tree is not None
             else parse_html(document.html, source, context.roles))
    result = lint_document(model, context, case.language)
    summary = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        summary[str(finding.severity)] += 1
    return summary


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _worker_main(conn: Connection, options: BatchOptions, coordinator: int) -> None:
    """A worker process: render the chunks the coordinator sends until it sends None."""
    # Ctrl-C reaches the whole process group; only the coordinator acts on it (it terminates the
    # workers itself), so a worker never dies half-way through a record with a traceback. The
    # coordinator started this process with both signals blocked, so nothing arrived before here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    _exit_with(coordinator)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return  # the coordinator is gone
        if chunk is None:
            return
        results = render_chunk(chunk, options)
        try:
            conn.send(results)
        except OSError:
            return


def _exit_with(coordinator: int) -> None:
    """End this worker when the coordinator dies (even by SIGKILL, which it cannot handle), so a
    killed batch leaves no process behind rendering into the output folder."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the polling thread below still does it, within a second

    def watch() -> None:
        # Also covers a coordinator that died before prctl ran, and other systems.
        while True:
            if os.getppid() != coordinator:
                os._exit(1)
            time.sleep(1.0)

    threading.Thread(target=watch, name="totudocs-parent-watch", daemon=True).start()


# --- coordinator side ----------------------------------------------------------------------


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _manifest_entry(line: bytes) -> dict[str, Any] | None:
    """One manifest line, or None when it is not a complete, well-formed entry."""
    try:
        entry = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("case_id"), str):
        return None
    if not isinstance(entry.get("record"), int):
        return None
    outputs = entry.get("outputs")
    if not isinstance(outputs, dict):
        return None
    for item in outputs.values():
        # The manifest is read back from disk: a path must be a plain name in the output folder.
        if not isinstance(item, dict) or not isinstance(item.get("sha256"), str):
            return None
        path = item.get("path")
        if not isinstance(path, str) or "/" in path or "\\" in path or path.startswith("."):
            return None
    return entry


def read_manifest(path: Path, repair: bool = False) -> dict[str, dict[str, Any]]:
    """The latest entry per case id (a record rendered again replaces its older entry).

    With ``repair``, lines at the end that are cut short (no newline: the run was killed while
    writing) or not valid entries are removed from the file, so that appended lines start on a
    line of their own; those records are rendered again.
    """
    if not path.exists():
        return {}
    data = path.read_bytes()
    entries: dict[str, dict[str, Any]] = {}
    start = keep = 0  # keep: the end of the last good line
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            break  # a cut last line
        entry = _manifest_entry(data[start:end])
        start = end + 1
        if entry is not None:
            entries[entry["case_id"]] = entry
            keep = start
    if repair and keep < len(data):
        with path.open("r+b") as handle:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
    return entries


def render_setup(options: BatchOptions) -> dict[str, str]:
    """What an output depends on besides its record: totudocs, the templates, the phrases.

    Recorded in the manifest, so that ``--resume`` after a phrase or template change renders
    every record again instead of mixing old and new wording.
    """
    from totudocs import __version__
    from totudocs.render.html import tree_hash
    from totudocs.resources import phrases_dir, templates_dir

    return {
        "totudocs": __version__,
        "templates": tree_hash((options.templates or templates_dir()).resolve()),
        "phrases": tree_hash((options.phrases or phrases_dir()).resolve()),
    }


def _already_done(
    record: Record, done: dict[str, dict[str, Any]], options: BatchOptions, setup: dict[str, str]
) -> bool:
    """Whether the record's outputs exist under its claimed name and match the manifest. An output
    without a manifest entry (written just before a kill) is not trusted: it is rendered again."""
    if record.problem is not None or record.output_name is None:
        return False
    entry = done.get(_raw_case_id(record) or "")
    if not entry or entry.get("input_sha256") != record_hash(record.data):
        return False
    if entry.get("setup") != setup or not set(options.formats) <= set(entry["outputs"]):
        return False
    for kind, item in entry["outputs"].items():
        if item["path"] != f"{record.output_name}.{kind}":
            return False  # written under another naming scheme
        path = options.output / item["path"]
        if not path.is_file() or file_hash(path) != item["sha256"]:
            return False
    return True


def _validate(record: Record) -> bool:
    """Validate the record once, here in the coordinator (about a millisecond), and keep the
    model on the record for the worker; an invalid record is validated again by the worker,
    which reports every problem."""
    from pydantic import ValidationError

    from totudocs.model import Decision, Statement

    try:
        record.case = _model(record.data, Decision, Statement).model_validate(record.data)
    except (ValidationError, ValueError, TypeError, RecursionError):
        return False
    return True


def _claim(record: Record, names: OutputNames) -> None:
    """Claim the record's output name, in record order: a repeated id (or one that differs only in
    letter case) is an error for the later record. Records without a usable id are left to
    validation, which says what is wrong with them."""
    case_id = _raw_case_id(record)
    if record.problem is not None or case_id is None or not _validate(record):
        # An invalid record never claims its id: it writes nothing, so a valid record with the
        # same id later in the input must not lose its output to it. Its problem is reported
        # by the worker's validation, with every field.
        return
    try:
        record.output_name = names.claim(case_id)
    except OutputNameError as exc:
        record.problem = Problem(
            record.source, "case_id", str(exc), record=record.number, case_id=case_id
        )


@contextmanager
def _output_lock(output: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder for the whole run: two runs writing the same
    manifest would interleave and delete each other's temporary files."""
    handle = (output / LOCK_NAME).open("a+b")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchLocked(
                f"another totudocs batch is writing to {output}; wait for it to finish "
                "(or stop it) before starting a new run there"
            ) from None
        yield
    finally:
        handle.close()  # releases the lock; the kernel also does so if this process is killed


class _StopSignals:
    """SIGINT and SIGTERM set a flag that the coordinator looks at between steps (at least twice a
    second), instead of raising wherever it happens to be, e.g. half-way through a manifest line."""

    def __init__(self) -> None:
        self.signum = 0
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():  # signal.signal's condition
            for signum in _STOP_SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        self.signum = self.signum or signum

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def check(self) -> None:
        if self.signum:
            raise BatchInterrupted(self.signum)


def run_batch(
    source: Path,
    options: BatchOptions,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    options.output.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    with _output_lock(options.output), _StopSignals() as stop:
        try:
            _run_locked(source, options, progress, stop, summary)
        except BatchInterrupted as exc:
            exc.done = summary.rendered + summary.skipped
            raise
    return summary


def _run_locked(
    source: Path,
    options: BatchOptions,
    progress: Callable[[int], None] | None,
    stop: _StopSignals,
    summary: BatchSummary,
) -> None:
    remove_partial_files(options.output)  # safe: the lock says no other run is writing here
    manifest_path = options.output / "manifest.jsonl"
    errors_path = options.output / "errors.jsonl"
    done = read_manifest(manifest_path, repair=True) if options.resume else {}
    setup = render_setup(options)
    options = replace(options, setup=setup)
    summary.errors_path, summary.manifest_path = errors_path, manifest_path
    started = time.perf_counter()
    workers = options.workers or os.cpu_count() or 1
    names = OutputNames()

    # errors.jsonl is written afresh even on --resume: an invalid record is never "done", so it is
    # read and reported again, and appending would list it once per run.
    with (
        manifest_path.open("ab" if options.resume else "wb") as manifest,
        errors_path.open("w", encoding="utf-8") as errors,
    ):

        def collect(results: list[dict[str, Any]]) -> None:
            for result in results:
                if "errors" in result:
                    summary.failed += 1
                    for problem in result["errors"]:
                        # Problem.to_dict() output: masked when the Problem was made
                        errors.write(json.dumps(problem, ensure_ascii=False) + "\n")
                else:
                    summary.rendered += 1
                    result["setup"] = setup
                    line = json.dumps(result, ensure_ascii=False) + "\n"
                    # One line per document, on disk before the next one: a kill loses at most
                    # the line being written, which --resume cuts off and renders again.
                    manifest.write(line.encode("utf-8"))
                    manifest.flush()
                    os.fsync(manifest.fileno())
            errors.flush()
            if progress:
                progress(len(results))

        def pending_records() -> Iterator[Record]:
            for record in iter_records(source):
                stop.check()
                summary.records += 1
                _claim(record, names)  # here, in record order, before any worker sees it
                if record.problem is not None:
                    collect([{"record": record.number, "errors": [record.problem.to_dict()]}])
                elif options.resume and _done_safely(record, done, options, setup):
                    summary.skipped += 1
                    if progress:
                        progress(1)
                else:
                    yield record

        try:
            chunks = _chunks(pending_records(), options.chunk_size)
            if options.dask_scheduler:
                _run_dask(chunks, options, workers, collect, stop)
            else:
                _run_pool(chunks, options, workers, collect, stop)
        finally:
            # Every worker has stopped by now: what they left half-written can go.
            remove_partial_files(options.output)
    stop.check()
    if options.bundle:
        summary.bundles = write_bundles(manifest_path, options.output, options.bundle, stop.check)
    summary.seconds = time.perf_counter() - started


def _done_safely(
    record: Record, done: dict[str, dict[str, Any]], options: BatchOptions, setup: dict[str, str]
) -> bool:
    try:
        return _already_done(record, done, options, setup)
    except (OSError, ValueError, KeyError, TypeError):
        return False  # an unreadable output or odd entry: render the record again


# --- the worker pool -------------------------------------------------------------------------


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    chunk: list[Record] | None = None  # what it is rendering now
    retry: bool = False  # the chunk is one record of a chunk whose worker died
    chunks_done: int = 0
    started: float = 0.0  # when the chunk was handed out
    timed_out: bool = False


def _start_worker(context: SpawnContext, options: BatchOptions) -> _Worker:
    ours, theirs = context.Pipe()
    process = context.Process(
        target=_worker_main,
        args=(theirs, options, os.getpid()),
        name="totudocs-batch-worker",
        daemon=True,  # multiprocessing's exit handler also ends it if the coordinator exits
    )
    # The child inherits the signal mask: blocked, a Ctrl-C during its start-up waits until the
    # worker ignores SIGINT instead of ending it with a KeyboardInterrupt traceback.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    theirs.close()
    return _Worker(process, ours)


def _stop_worker(worker: _Worker, graceful: bool) -> None:
    if graceful and worker.process.is_alive():
        with suppress(OSError):
            worker.conn.send(None)
        worker.process.join(10)
    if worker.process.is_alive():
        worker.process.terminate()
        worker.process.join(5)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.conn.close()


def _death(worker: _Worker) -> str:
    code = worker.process.exitcode
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def record_seconds() -> float:
    """How long one record may take before its worker is stopped (``TOTUDOCS_RECORD_TIMEOUT``;
    a two-page decision takes about 0.1 s)."""
    try:
        return float(os.environ.get("TOTUDOCS_RECORD_TIMEOUT", "") or RECORD_TIMEOUT)
    except ValueError:
        return RECORD_TIMEOUT


def _run_pool(
    chunks: Iterator[list[Record]],
    options: BatchOptions,
    workers: int,
    collect: Callable[[list[dict[str, Any]]], None],
    stop: _StopSignals,
) -> None:
    """One chunk in flight per worker process, so memory does not grow with the input, and the
    coordinator always knows which records a dead worker was holding."""
    # Workers are replaced after RECYCLE_AFTER chunks: WeasyPrint's caches grow slowly with every
    # document (~8 KB), which matters for nightly runs of 100,000 documents.
    context = multiprocessing.get_context("spawn")
    # Work to hand out before new chunks: single records of a chunk whose worker died.
    queue: deque[tuple[list[Record], bool]] = deque()
    slots: list[_Worker | None] = [None] * workers
    exhausted = False

    def next_task() -> tuple[list[Record], bool] | None:
        nonlocal exhausted
        if queue:
            return queue.popleft()
        if not exhausted:
            chunk = next(chunks, None)
            if chunk is not None:
                return chunk, False
            exhausted = True
        return None

    def lost(index: int, worker: _Worker) -> None:
        """The worker died (or its pipe broke) while holding ``worker.chunk``."""
        chunk, retry = worker.chunk or [], worker.retry
        _stop_worker(worker, graceful=False)
        slots[index] = None
        if retry and worker.timed_out:
            message = f"rendering this record took longer than {record_seconds():g} s (stopped)"
            collect([_failure(record, message) for record in chunk])
        elif retry:  # the second death with this record alone: it is the cause
            message = f"the worker rendering this record died ({_death(worker)})"
            collect([_failure(record, message) for record in chunk])
        else:
            # Which record killed it is unknown (maybe none: the OOM killer picks a process):
            # each gets a second chance on its own, before any new chunk is handed out.
            queue.extendleft(([record], True) for record in reversed(chunk))

    def hand_out(index: int, worker: _Worker | None) -> bool:
        task = next_task()
        if task is None:
            return False
        if worker is not None and (
            worker.chunks_done >= RECYCLE_AFTER or not worker.process.is_alive()
        ):
            _stop_worker(worker, graceful=True)
            worker = None
        if worker is None:
            worker = slots[index] = _start_worker(context, options)
        worker.chunk, worker.retry = task
        worker.started, worker.timed_out = time.monotonic(), False
        try:
            worker.conn.send(worker.chunk)
        except OSError:
            lost(index, worker)
        except Exception as exc:  # the records cannot be pickled: nothing was sent
            records, worker.chunk = worker.chunk, None
            if len(records) > 1:
                queue.extendleft(([record], True) for record in reversed(records))
            else:
                message = f"cannot pass the record to a worker: {_exception_text(exc)}"
                collect([_failure(records[0], message)])
        return True

    def run() -> None:
        while True:
            stop.check()
            for index, worker in enumerate(slots):
                if (worker is None or worker.chunk is None) and not hand_out(index, worker):
                    break
            busy = [(i, w) for i, w in enumerate(slots) if w is not None and w.chunk is not None]
            if not busy:
                if exhausted and not queue:
                    return
                continue  # a hand-out failed: its records are queued again
            waiting: list[Any] = [w.conn for _, w in busy] + [w.process.sentinel for _, w in busy]
            ready = set(wait_for(waiting, timeout=_POLL_SECONDS))
            now = time.monotonic()
            for index, worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    # A record that never finishes (a layout loop) must not hang the night's
                    # run: past its time the worker is stopped and the records retried alone.
                    if now - worker.started > record_seconds() * len(worker.chunk or [1]):
                        worker.timed_out = True
                        lost(index, worker)
                    continue
                try:
                    results = worker.conn.recv() if worker.conn.poll() else None
                except (EOFError, OSError, ValueError):
                    results = None  # it died half-way through sending
                if results is None:
                    lost(index, worker)
                else:
                    worker.chunk, worker.chunks_done = None, worker.chunks_done + 1
                    collect(results)

    try:
        run()
    except BaseException:
        # Interrupted (or the manifest could not be written): stop at once, drop pending work.
        for worker in slots:
            if worker is not None:
                _stop_worker(worker, graceful=False)
        raise
    for worker in slots:
        if worker is not None:
            _stop_worker(worker, graceful=True)


def _run_dask(
    chunks: Iterator[list[Record]],
    options: BatchOptions,
    workers: int,
    collect: Callable[[list[dict[str, Any]]], None],
    stop: _StopSignals,
) -> None:
    """The same chunk function on a Dask cluster (optional extra ``totudocs[dask]``).

    Workers must see the output folder (a shared file system) and have totudocs installed.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise RuntimeError("Dask is not installed: pip install 'totudocs[dask]'") from None
    if options.dask_scheduler == "local":
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        cluster, client = None, Client(options.dask_scheduler)
    try:
        in_flight = as_completed()
        limit = 2 * max(len(client.scheduler_info()["workers"]), 1)
        count = 0
        for chunk in chunks:
            in_flight.add(client.submit(render_chunk, chunk, options, pure=False))
            count += 1
            if count >= limit:
                collect(next(in_flight).result())
                count -= 1
            stop.check()
        for future in in_flight:
            collect(future.result())
            stop.check()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_bundles(
    manifest_path: Path, output: Path, size: int, check: Callable[[], None] | None = None
) -> list[Path]:
    """Merge the PDFs into print bundles of ``size`` documents, with a bookmark per case: the
    latest manifest entry per case id only, so a case rendered again is not printed twice."""
    from pypdf import PdfReader, PdfWriter

    entries = [e for e in read_manifest(manifest_path).values() if "pdf" in e["outputs"]]
    entries.sort(key=lambda e: e["record"])
    bundles = []
    for start in range(0, len(entries), size):
        if check:
            check()
        writer = PdfWriter()
        for entry in entries[start : start + size]:
            first_page = len(writer.pages)
            reader = PdfReader(output / entry["outputs"]["pdf"]["path"])
            for page in reader.pages:
                writer.add_page(page)
            writer.add_outline_item(title=entry["case_id"], page_number=first_page)
        path = output / f"bundle-{start // size + 1:04d}.pdf"
        with path.with_name(f".{path.name}.tmp").open("wb") as handle:
            writer.write(handle)
        os.replace(path.with_name(f".{path.name}.tmp"), path)
        bundles.append(path)
    return bundles
