"""``totudocs batch`` and ``totudocs synth``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from totudocs.batch import BatchOptions, BatchSummary


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Documents per second (rich's own speed columns are for bytes)."""

        def render(self, task):  # type: ignore[no-untyped-def]
            return Text(f"{task.speed or 0:.1f} docs/s")

    return RateColumn()


def _run(source: Path, options: BatchOptions) -> BatchSummary:
    from totudocs.batch import count_records, run_batch

    if not sys.stderr.isatty():
        return run_batch(source, options)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        _rate_column(),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("batch", total=count_records(source))
        return run_batch(source, options, lambda n: bar.advance(task, n))


@click.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Output folder (PDF/HTML files, manifest.jsonl, errors.jsonl).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    help="Comma-separated: pdf, html.",
)
@click.option("-j", "--workers", type=int, default=0, help="Worker processes (default: cores).")
@click.option("--chunk-size", type=int, default=20, show_default=True)
@click.option(
    "--resume", is_flag=True, help="Skip records whose outputs exist and match the manifest."
)
@click.option("--lint", is_flag=True, help="Add a lint summary per document to the manifest.")
@click.option("--bundle", type=int, help="Also write print bundles of N documents each.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--phrases", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--dask-scheduler",
    metavar="ADDRESS",
    help="Run the chunks on a Dask cluster (extra totudocs[dask]); 'local' starts a "
    "LocalCluster with --workers processes.",
)
def batch(
    source: Path,
    output: Path,
    formats: str,
    workers: int,
    chunk_size: int,
    resume: bool,
    lint: bool,
    bundle: int | None,
    templates: Path | None,
    phrases: Path | None,
    dask_scheduler: str | None,
) -> None:
    """Render many cases: SOURCE is JSONL, CSV (dotted column names) or a folder of case files.

    \b
    Every valid record is rendered; every invalid one is listed in errors.jsonl with its
    record number, case id and field. Exit codes: 0 all rendered; 1 some records invalid;
    2 usage or runtime error. Interrupt and rerun with --resume to continue.
    """
    from totudocs.batch import BatchInterrupted, BatchOptions

    wanted = tuple(f.strip() for f in formats.split(",") if f.strip())
    if not wanted or set(wanted) - {"pdf", "html"}:
        raise click.BadParameter("choose from pdf, html", param_hint="--format")
    options = BatchOptions(
        output=output,
        formats=wanted,
        workers=workers,
        chunk_size=max(1, chunk_size),
        resume=resume,
        lint=lint,
        bundle=bundle,
        templates=templates,
        phrases=phrases,
        dask_scheduler=dask_scheduler,
    )
    try:
        summary = _run(source, options)
    except BatchInterrupted as exc:
        # One line instead of click's bare "Aborted!": the manifest is intact and says what is done.
        click.echo(
            f"interrupted: {exc.done} records done; run the same command with --resume to continue",
            err=True,
        )
        sys.exit(exc.exit_code)
    except RuntimeError as exc:  # another run holds the output folder, Dask is missing, …
        click.echo(f"error: {exc}", err=True)  # stderr masks any henkilötunnus (cli/__init__)
        sys.exit(2)
    rate = summary.rendered / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"{summary.records} records: {summary.rendered} rendered, {summary.skipped} skipped "
        f"(already done), {summary.failed} failed, in {summary.seconds:.1f} s "
        f"({rate:.1f} documents/s). Manifest: {summary.manifest_path}",
        err=True,
    )
    if summary.records == 0:
        click.echo(f"warning: no records found in {source}", err=True)
    if summary.failed:
        click.echo(f"failed records are listed in {summary.errors_path}", err=True)
    for path in summary.bundles:
        click.echo(f"print bundle: {path}", err=True)
    if "pdf" in wanted and summary.rendered:
        from totudocs.render.fonts import native_subsetter

        if not native_subsetter():
            click.echo(
                "hint: without HarfBuzz's font subsetter (Debian: libharfbuzz-subset0) PDFs "
                "embed whole fonts: install it for faster rendering and PDFs a third "
                "the size",
                err=True,
            )
    sys.exit(1 if summary.failed else 0)


@click.command()
@click.argument("count", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSONL file (default: standard output).",
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--invalid-rate",
    type=float,
    default=0.0,
    show_default=True,
    help="Share of records broken on purpose (bad henkilötunnus, negative amount…).",
)
def synth(count: int, output: Path | None, seed: int, invalid_rate: float) -> None:
    """Generate COUNT realistic synthetic cases (fi and sv, all kinds) as JSONL."""
    from totudocs.synth import synth_cases

    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for case in synth_cases(count, seed=seed, invalid_rate=invalid_rate):
            handle.write(json.dumps(case, ensure_ascii=False) + "\n")
    finally:
        if output:
            handle.close()
