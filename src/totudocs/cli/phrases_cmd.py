"""``totudocs phrases check | stats | diff``: the phrase-library quality gate for CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from totudocs.lint.findings import DocumentResult, Severity

CHECK_FORMATS = ("text", "json", "sarif", "junit", "github")


def _default_cache() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("totudocs"))


def _root(directory: Path | None) -> Path:
    from totudocs.resources import phrases_dir

    return directory or phrases_dir()


@click.group()
def phrases() -> None:
    """Check, measure and compare phrase libraries."""


@phrases.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True
)
@click.option(
    "--profile", type=click.Choice(["virkakieli", "selko"]), default="virkakieli", show_default=True
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Templates whose phrase references are checked (default: bundled).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default="error",
    show_default=True,
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where per-phrase lint results are cached (default: the user cache folder).",
)
@click.option("--no-cache", is_flag=True, help="Lint every phrase again.")
@click.option("--no-readability", is_flag=True, help="Skip the plain-language rules.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def check(
    directory: Path | None,
    fmt: str,
    profile: str,
    templates: Path | None,
    fail_on: str,
    cache_dir: Path | None,
    no_cache: bool,
    no_readability: bool,
    output: Path | None,
) -> None:
    """Check a phrase library (default: the bundled one).

    \b
    Schema, unique ids, placeholders against the case schema, the same placeholders in fi
    and sv, both languages (or a reasoned exemption), conditions, template references,
    unused and near-duplicate phrases, blocked wording, and the readability rules per phrase.
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage error.
    """
    from totudocs.phrases.check import check_library
    from totudocs.report import render_report
    from totudocs.report.junit import to_junit

    root = _root(directory)
    if not root.is_dir():
        raise click.UsageError(f"{root}: phrase library folder not found")
    result = check_library(
        root,
        templates=templates,
        profile=profile,
        cache_dir=None if no_cache else (cache_dir or _default_cache()),
        readability=not no_readability,
    )
    level = None if fail_on == "never" else Severity.parse(fail_on)
    if fmt == "junit":
        report = to_junit(result.phrase_ids, result.findings, level, suite="totudocs phrases")
    else:
        documents = {}
        for finding in result.findings:
            documents.setdefault(finding.path, DocumentResult(path=finding.path, language=""))
            documents[finding.path].findings.append(finding)
        report = render_report(list(documents.values()), fmt) if documents or fmt != "text" else ""
        if fmt == "text":
            count = len({(f, i) for f, i in result.phrase_ids})
            report = (report + "\n" if report else "") + (
                f"{root}: {count} phrases checked, {len(result.findings)} finding(s)"
            )
            report = "\n".join(line for line in report.splitlines() if "no prose" not in line)
    if output:
        output.write_text(report + "\n", encoding="utf-8")
    else:
        click.echo(report)
    failing = level is not None and any(f.severity >= level for f in result.findings)
    sys.exit(1 if failing else 0)


@phrases.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write an HTML report with a chart of the readability distribution.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path))
def stats(directory: Path | None, html_path: Path | None, fmt: str, cache_dir: Path | None) -> None:
    """Words, Wiio and findings per phrase and per section."""
    from totudocs.phrases import stats as library_stats
    from totudocs.phrases.check import check_library

    root = _root(directory)
    if not root.is_dir():
        raise click.UsageError(f"{root}: phrase library folder not found")
    result = check_library(root, cache_dir=cache_dir or _default_cache())
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "phrases": [
                        {
                            "id": r.id,
                            "language": r.language,
                            "section": r.section,
                            "words": r.words,
                            "wiio": r.wiio,
                            "findings": len(r.findings),
                        }
                        for r in result.records
                    ],
                    "sections": library_stats.by_section(result),
                    "histogram": library_stats.histogram(result),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        click.echo(library_stats.to_text(result))
    if html_path:
        html_path.write_text(library_stats.to_html(result), encoding="utf-8")
        click.echo(f"wrote {html_path}", err=True)


@phrases.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path))
def diff(old: str, new: str, fmt: str, cache_dir: Path | None) -> None:
    """Compare two libraries: folders, or git refs (HEAD~1, main:phrases)."""
    from dataclasses import asdict

    from totudocs.phrases.diff import DiffError, diff_libraries, to_text
    from totudocs.phrases.library import PhraseError

    try:
        result = diff_libraries(old, new, cache_dir=cache_dir or _default_cache())
    except (DiffError, PhraseError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(
        json.dumps(asdict(result), ensure_ascii=False, indent=2)
        if fmt == "json"
        else to_text(result)
    )
