"""The batch run: records are streamed to worker processes in chunks, each worker keeps one
renderer, one font configuration and the compiled stylesheets for its whole life, and every
output is written atomically (temporary file, then rename).

Nothing is lost: a record that fails validation goes to ``errors.jsonl`` (record number, case id,
field path, message) and every other record is still rendered; ``manifest.jsonl`` lists what was
written with its sha256, so ``resume`` skips records whose outputs exist and match.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from totudocs.batch.reader import Record, iter_records
from totudocs.files import remove_partial_files, write_atomic

RECYCLE_AFTER = 150  # chunks per worker process before it is replaced


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
    """Validate, render and write one chunk of records. Also usable as a Dask task."""
    from totudocs.model import Decision, Statement
    from totudocs.model.loading import CaseDataError, validate_record

    state = _worker_state(options)
    results = []
    for record in chunk:
        if record.problem is not None:
            results.append({"record": record.number, "errors": [record.problem.to_dict()]})
            continue
        try:
            case = validate_record(
                record.data, _model(record.data, Decision, Statement), record.source, record.number
            )
        except CaseDataError as exc:
            results.append({"record": record.number, "errors": [p.to_dict() for p in exc.problems]})
            continue
        document = state["renderer"].render(case)
        stem = options.output / case.case_id.replace("/", "_")
        outputs: dict[str, dict[str, Any]] = {}
        if "html" in options.formats:
            data = document.html.encode("utf-8")
            write_atomic(stem.with_suffix(".html"), data)
            outputs["html"] = {
                "path": stem.with_suffix(".html").name,
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        pages = None
        if "pdf" in options.formats:
            pdf = state["pdf"].render(document)
            data, pages = pdf.data, pdf.pages
            write_atomic(stem.with_suffix(".pdf"), data)
            outputs["pdf"] = {
                "path": stem.with_suffix(".pdf").name,
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        results.append(
            {
                "record": record.number,
                "case_id": case.case_id,
                "input_sha256": record_hash(record.data),
                "outputs": outputs,
                "pages": pages,
                "lint": _lint_summary(document, case, record.source) if options.lint else None,
            }
        )
    return results


def _lint_summary(document: Any, case: Any, source: str) -> dict[str, int]:
    from totudocs.lint.engine import LintContext, lint_html

    result = lint_html(
        document.html, source, LintContext(case=case, case_path=source), case.language
    )
    summary = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        summary[str(finding.severity)] += 1
    return summary


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


def _previous(manifest: Path) -> dict[str, dict[str, Any]]:
    done: dict[str, dict[str, Any]] = {}
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line cut by a kill: ignore it, the record renders again
            done[entry["case_id"]] = entry
    return done


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
    if record.problem is not None or not isinstance(record.data, dict):
        return False
    entry = done.get(str(record.data.get("case_id")))
    if not entry or entry.get("input_sha256") != record_hash(record.data):
        return False
    if entry.get("setup") != setup or not set(options.formats) <= set(entry["outputs"]):
        return False
    output = options.output
    for item in entry["outputs"].values():
        path = output / item["path"]
        if not path.exists() or file_hash(path) != item["sha256"]:
            return False
    return True


def run_batch(
    source: Path,
    options: BatchOptions,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    options.output.mkdir(parents=True, exist_ok=True)
    remove_partial_files(options.output)
    manifest_path = options.output / "manifest.jsonl"
    errors_path = options.output / "errors.jsonl"
    done = _previous(manifest_path) if options.resume else {}
    setup = render_setup(options)
    options = replace(options, setup=setup)
    summary = BatchSummary(errors_path=errors_path, manifest_path=manifest_path)
    started = time.perf_counter()
    workers = options.workers or os.cpu_count() or 1

    def pending_records() -> Iterator[Record]:
        for record in iter_records(source):
            summary.records += 1
            if options.resume and _already_done(record, done, options, setup):
                summary.skipped += 1
                if progress:
                    progress(1)
                continue
            yield record

    mode = "a" if options.resume else "w"
    with (
        manifest_path.open(mode, encoding="utf-8") as manifest,
        errors_path.open(mode, encoding="utf-8") as errors,
    ):

        def collect(results: list[dict[str, Any]]) -> None:
            for result in results:
                if "errors" in result:
                    summary.failed += 1
                    for problem in result["errors"]:
                        errors.write(json.dumps(problem, ensure_ascii=False) + "\n")
                else:
                    summary.rendered += 1
                    result["setup"] = setup
                    manifest.write(json.dumps(result, ensure_ascii=False) + "\n")
            manifest.flush()
            errors.flush()
            if progress:
                progress(len(results))

        chunks = _chunks(pending_records(), options.chunk_size)
        if options.dask_scheduler:
            _run_dask(chunks, options, workers, collect)
        elif workers == 1:
            for chunk in chunks:
                collect(render_chunk(chunk, options))
        else:
            _run_pool(chunks, options, workers, collect)
    if options.bundle:
        summary.bundles = write_bundles(manifest_path, options.output, options.bundle)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_pool(
    chunks: Iterator[list[Record]],
    options: BatchOptions,
    workers: int,
    collect: Callable[[list[dict[str, Any]]], None],
) -> None:
    """At most two chunks in flight per worker, so memory does not grow with the input."""
    # Workers are replaced after RECYCLE_AFTER chunks: WeasyPrint's caches grow slowly with every
    # document (~8 KB), which matters for nightly runs of 100,000 documents.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, max_tasks_per_child=RECYCLE_AFTER
    ) as pool:
        in_flight: set[Future[list[dict[str, Any]]]] = set()
        try:
            for chunk in chunks:
                in_flight.add(pool.submit(render_chunk, chunk, options))
                if len(in_flight) >= 2 * workers:
                    finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in finished:
                        collect(future.result())
            for future in in_flight:
                collect(future.result())
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            remove_partial_files(options.output)
            raise


def _run_dask(
    chunks: Iterator[list[Record]],
    options: BatchOptions,
    workers: int,
    collect: Callable[[list[dict[str, Any]]], None],
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
        for future in in_flight:
            collect(future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_bundles(manifest_path: Path, output: Path, size: int) -> list[Path]:
    """Merge the PDFs into print bundles of ``size`` documents, with a bookmark per case."""
    from pypdf import PdfReader, PdfWriter

    entries = [json.loads(line) for line in manifest_path.read_text("utf-8").splitlines() if line]
    entries = [e for e in entries if "pdf" in e["outputs"]]
    entries.sort(key=lambda e: e["record"])
    bundles = []
    for start in range(0, len(entries), size):
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
