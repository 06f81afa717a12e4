"""``totudocs render`` and ``totudocs schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from totudocs.files import OutputNameError, OutputNames, write_atomic
from totudocs.model import CaseDataError, Decision, Statement
from totudocs.model import load_case as load_any_case
from totudocs.render.fonts import MissingGlyphs
from totudocs.render.html import Renderer, RenderError, standalone_html

FORMATS = ("html", "pdf", "trace")
SCHEMAS = {"decision": Decision, "statement": Statement}


def _parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated)")
    return formats


def library_from_config(
    config_path: Path | None, templates: Path | None, phrases: Path | None
) -> tuple[Path | None, Path | None]:
    """Command-line options win; otherwise ``[render] templates/phrases`` from the config."""
    from totudocs.config import load_config

    config = load_config(config_path)
    section = config.section("render")
    if templates is None and section.get("templates"):
        templates = config.resolve(section["templates"])
    if phrases is None and section.get("phrases"):
        phrases = config.resolve(section["phrases"])
    return templates, phrases


def load_case(path: Path) -> Decision | Statement:
    """A decision, or a statement when the file says ``document: statement``."""
    return load_any_case(path)


@click.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the rendered files.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default="html,pdf",
    show_default=True,
    help="Comma-separated outputs: html, pdf, trace (the phrase provenance as JSON).",
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    envvar="TOTUDOCS_TEMPLATES",
    help="Template folder (default: the bundled templates).",
)
@click.option(
    "--phrases",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    envvar="TOTUDOCS_PHRASES",
    help="Phrase library folder (default: the bundled library).",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: totudocs.toml or [tool.totudocs] found upwards).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def render(
    cases: tuple[Path, ...],
    output_dir: Path,
    formats: str,
    templates: Path | None,
    phrases: Path | None,
    config_path: Path | None,
    quiet: bool,
) -> None:
    """Render case files (YAML or JSON) to accessible HTML and archival PDF.

    Every valid case is rendered even when others are invalid; each problem is reported with
    the file and field. Output files are named after the case id.

    \b
    Exit codes: 0 all rendered; 1 some input invalid; 2 usage or template error, or an
    input that is missing.
    \b
    Example:
      totudocs render corpus/examples/*.yaml -o out/ --format html,pdf,trace
    """
    wanted = _parse_formats(formats)
    try:
        templates, phrases = library_from_config(config_path, templates, phrases)
        renderer = Renderer.create(templates=templates, phrases=phrases)
    except Exception as exc:  # a broken template/phrase folder is a usage error, not a crash
        raise click.ClickException(str(exc)) from None

    failed = broken = 0
    names = OutputNames()
    for path in cases:
        if not path.is_file():
            # A missing input is a runtime error (exit 2), as in every other command.
            broken += 1
            reason = "is a folder, not a case file" if path.is_dir() else "file not found"
            click.echo(f"error: {path}: {reason}", err=True)
            continue
        try:
            case = load_case(path)
            stem = names.claim(case.case_id)
        except CaseDataError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            continue
        except OutputNameError as exc:
            failed += 1
            click.echo(f"error: {path}: field case_id: {exc}", err=True)
            continue
        try:
            document = renderer.render(case)
            outputs = _write_outputs(renderer, document, output_dir / stem, wanted)
        except MissingGlyphs as exc:
            failed += 1
            click.echo(f"error: {path} (case {case.case_id}): {exc}", err=True)
            continue
        except RenderError as exc:
            # A template or phrase problem: the other cases may not meet it, so go on.
            broken += 1
            click.echo(f"error: {path}: {exc}", err=True)
            continue
        if not quiet:
            click.echo(f"{path} -> {', '.join(str(o) for o in outputs)}")
    if failed:
        click.echo(
            f"{failed} of {len(cases)} case file(s) invalid; the others were rendered.", err=True
        )
    if broken:
        sys.exit(2)
    if failed:
        sys.exit(1)


def _write_outputs(
    renderer: Renderer, document, stem: Path, wanted: tuple[str, ...]
) -> list[Path]:
    """Write the outputs next to ``stem`` (from :func:`totudocs.files.output_name`): suffixes
    are appended, never substituted, so ids that differ after a dot keep their own files."""
    from totudocs.render.pdf import ForbiddenResource, pdf_bytes

    def named(suffix: str) -> Path:
        return stem.with_name(stem.name + suffix)

    outputs = []
    if "html" in wanted:
        outputs.append(named(".html"))
        write_atomic(outputs[-1], standalone_html(document).encode("utf-8"))
    if "pdf" in wanted:
        try:
            data = pdf_bytes(document, renderer.templates)
        except ForbiddenResource as exc:
            raise RenderError(str(exc)) from None
        outputs.append(named(".pdf"))
        write_atomic(outputs[-1], data)
    if "trace" in wanted:
        outputs.append(named(".trace.json"))
        trace = json.dumps(document.trace_dict(), ensure_ascii=False, indent=2)
        write_atomic(outputs[-1], trace.encode("utf-8"))
    return outputs


@click.command()
@click.argument("name", type=click.Choice(sorted(SCHEMAS)), default="decision")
def schema(name: str) -> None:
    """Print the JSON Schema of a case file (decision or statement)."""
    from totudocs.model.schema import json_schema

    click.echo(json.dumps(json_schema(SCHEMAS[name]), ensure_ascii=False, indent=2))
