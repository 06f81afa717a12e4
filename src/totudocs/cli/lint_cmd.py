"""``totudocs lint``, ``totudocs rules`` and ``totudocs eval``."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from totudocs.config import ConfigError, load_config
from totudocs.lint.document import InputError
from totudocs.lint.findings import DocumentResult, Severity

if TYPE_CHECKING:
    from totudocs.lint.registry import Rule

LINT_FORMATS = ("text", "json", "sarif", "github")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True)
@click.option("--profile", type=click.Choice(["virkakieli", "selko"]), help="Default: virkakieli.")
@click.option("--lang", type=click.Choice(["fi", "sv"]), help="Language (default: detected).")
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this level is found.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: totudocs.toml or [tool.totudocs] found upwards).",
)
@click.option("--select", help="Only these rule codes, comma-separated.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ignore findings recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings as the baseline and exit 0.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file instead of standard output.",
)
def lint(
    paths: tuple[Path, ...],
    fmt: str,
    profile: str | None,
    lang: str | None,
    fail_on: str,
    config_path: Path | None,
    select: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    output: Path | None,
) -> None:
    """Lint decisions and statements for plain Finnish and Swedish.

    PATHS are documents (.html, .txt, .md, .pdf) or case files (.yaml, .json), which are rendered
    first; findings in case files point at the case field or phrase the text came from.

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it, or
    invalid case data; 2 usage or runtime error (an input or baseline file that is
    missing or cannot be read). Every readable input is still linted and reported.
    """
    from totudocs.lint.cases import CaseLintError
    from totudocs.lint.engine import LintContext, fingerprint, lint_path, read_baseline
    from totudocs.lint.engine import write_baseline as save_baseline
    from totudocs.report import render_report

    try:
        config = load_config(config_path)
        context = LintContext.from_config(config, profile)
    except (ConfigError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    if select:
        context.rules = [code.strip() for code in select.split(",")]
    try:
        ignored = read_baseline(baseline) if baseline else set()
    except InputError as exc:
        _fail(f"baseline {exc}")
    # The text report shows a document's error next to its path; other formats and -o files may
    # not reach the terminal, so errors also go to standard error there.
    errors_to_stderr = fmt != "text" or output is not None

    results: list[DocumentResult] = []
    unreadable = invalid = 0
    for path in paths:
        try:
            result = lint_path(path, context, lang)
        except InputError as exc:  # missing or unreadable: a runtime error (exit 2)
            unreadable += 1
            result = DocumentResult(path=str(path), language=lang or "", error=exc.reason)
            if errors_to_stderr:
                click.echo(f"error: {exc}", err=True)
        except CaseLintError as exc:  # readable but invalid case data (exit 1)
            invalid += 1
            result = DocumentResult(path=str(path), language=lang or "", error="invalid case data")
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
        if ignored:
            result.findings = [f for f in result.findings if fingerprint(f) not in ignored]
        results.append(result)

    if write_baseline:
        try:
            count = save_baseline(write_baseline, [f for r in results for f in r.findings])
        except OSError as exc:
            _fail(f"{write_baseline}: cannot write the baseline ({exc.strerror or exc})")
        click.echo(f"wrote {count} fingerprint(s) to {write_baseline}", err=True)
        sys.exit(2 if unreadable else 0)

    report = render_report(results, fmt)
    if output:
        try:
            output.write_text(report + "\n", encoding="utf-8")
        except OSError as exc:
            _fail(f"{output}: cannot write the report ({exc.strerror or exc})")
    else:
        click.echo(report)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    failing = threshold is not None and any(
        f.severity >= threshold for r in results for f in r.findings
    )
    if unreadable:
        sys.exit(2)
    sys.exit(1 if failing or invalid else 0)


def _fail(message: str) -> NoReturn:
    """A runtime error: one line on standard error, exit 2, no traceback."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="Print the full rule documentation as Markdown.")
def rules(code: str | None, markdown: bool) -> None:
    """List the rules, or explain one (by code, name or category)."""
    from totudocs.lint.registry import all_rules, get_rule

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    if code:
        try:
            rule = get_rule(code)
        except KeyError:
            raise click.UsageError(f"no rule {code!r}; see `totudocs rules`") from None
        click.echo(_explain(rule))
        return
    click.echo(rules_listing(all_rules()))


def rules_listing(rules_list: Iterable[Rule]) -> str:
    """One line per rule; columns as wide as their longest entry plus two spaces, so a long name
    never runs into the severity."""
    rows = [(r.code, r.name, str(r.severity), r.summary) for r in rules_list]
    widths = [max((len(row[i]) for row in rows), default=0) + 2 for i in range(3)]
    return "\n".join(
        "".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + row[3]
        for row in rows
    )


def _explain(rule) -> str:
    lines = [
        f"{rule.code} {rule.name} ({rule.category}, default {rule.severity}, "
        f"languages: {', '.join(rule.languages)})",
        "",
        rule.summary,
        "",
        f"Why: {rule.rationale}",
        f"Source: {rule.source}",
    ]
    if rule.suggestion:
        lines.append(f"Fix: {rule.suggestion}")
    for label, examples in (("Bad", rule.bad), ("Good", rule.good)):
        for example in examples:
            lines.append(f"{label}: {example.text}")
    return "\n".join(lines)


def rules_markdown() -> str:
    from totudocs.lint.registry import all_rules

    parts = [
        "# Rules",
        "",
        "Generated from the rule registry by `totudocs rules --markdown`; do not edit by hand.",
        "",
        "| code | name | category | default | summary |",
        "|---|---|---|---|---|",
    ]
    rules_list = all_rules()
    for r in rules_list:
        parts.append(f"| {r.code} | {r.name} | `{r.category}` | {r.severity} | {r.summary} |")
    for r in rules_list:
        parts += ["", f"## {r.code} {r.name}", "", r.summary, "", f"**Why.** {r.rationale}", ""]
        parts.append(f"**Source.** {r.source}")
        if r.suggestion:
            parts += ["", f"**Fix.** {r.suggestion}"]
        for label, examples in (("Bad", r.bad), ("Good", r.good)):
            for example in examples:
                parts += ["", f"{label} ({example.language}):", "", f"> {example.text}"]
    return "\n".join(parts) + "\n"


@click.command(name="eval")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    help="Corpus folder (default: the bundled corpus).",
)
@click.option("--profile", type=click.Choice(["virkakieli", "selko"]), default="virkakieli")
@click.option("-v", "--verbose", is_flag=True, help="List every false positive and negative.")
def evaluate(corpus: Path | None, profile: str, verbose: bool) -> None:
    """Measure the rules and metrics on the labelled corpora."""
    from totudocs.lint.evaluate import evaluate_registers, evaluate_rules, format_report
    from totudocs.resources import corpus_dir

    root = corpus or corpus_dir()
    readability = root / "readability"
    rule_scores = evaluate_rules(readability, profile)
    register_scores = evaluate_registers(readability)
    click.echo(format_report(rule_scores, register_scores, verbose))
    hook = _justification_eval()
    if hook is not None:
        click.echo("")
        click.echo(hook(root, verbose))


def _justification_eval():
    """The justification suite, when its module is present."""
    try:
        from totudocs.lint.justification.evaluate import report as justification_report
    except ImportError:
        return None
    return justification_report
