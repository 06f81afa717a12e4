"""``totudocs statement new | check``: drafting statements from the command line."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import click

CATEGORIES = ("other_basic_expenses", "basic_amount_reduction", "urgency")
CHECK_FORMATS = ("text", "json", "sarif", "github", "junit")
UI_LANGUAGES = ("fi", "sv", "en")


@click.group()
def statement() -> None:
    """Draft and check social-care statements to Kela (TTL 15 §)."""


@statement.command()
@click.option("--category", type=click.Choice(CATEGORIES), required=True)
@click.option("--lang", "language", type=click.Choice(["fi", "sv"]), default="fi")
def new(category: str, language: str) -> None:
    """Print a commented skeleton: totudocs statement new --category urgency > draft.yaml"""
    from totudocs.statement.skeleton import skeleton

    click.echo(skeleton(category, language), nl=False)


@statement.command()
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default="error",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file instead of standard output.",
)
@click.option(
    "--ui-lang",
    type=click.Choice(UI_LANGUAGES),
    help="Language of the messages (default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG; "
    "else English). The statement's own text keeps its language.",
)
@click.pass_context
def check(
    ctx: click.Context,
    draft: Path,
    fmt: str,
    fail_on: str,
    output: Path | None,
    ui_lang: str | None,
) -> None:
    """Completeness (what Kela needs) and plain-language checks of a statement draft.

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it, or invalid
    case data; 2 usage or runtime error.
    """
    from totudocs.report.junit import passing_check
    from totudocs.statement.i18n import environment_language, use_language

    data = _statement_data(draft)
    if data is None:
        # Not a readable statement (a missing file, broken YAML, a decision): `lint` does the
        # reading, reporting and exit codes, so both commands behave alike.
        _lint(ctx, draft, fmt, fail_on, output)
        return
    with use_language(ui_lang or environment_language()), passing_check("completeness"):
        report, invalid, failing = _check(draft, data, fmt, fail_on)
        if output is None:
            click.echo(report)
        else:
            try:
                output.write_text(report + "\n", encoding="utf-8")
            except OSError as exc:
                click.echo(f"error: {output}: {exc.strerror or exc}", err=True)
                sys.exit(2)
    sys.exit(1 if failing or invalid else 0)


def _lint(ctx: click.Context, draft: Path, fmt: str, fail_on: str, output: Path | None) -> None:
    from totudocs.cli.lint_cmd import lint
    from totudocs.report.junit import passing_check

    # Its --format choice is not consulted by ctx.invoke, and "junit" is a registered report
    # format; a complete statement is reported as a passing "completeness" case rather than
    # lint's "readability".
    with passing_check("completeness"):
        ctx.invoke(
            lint,
            paths=(draft,),
            fmt=fmt,
            profile=None,
            lang=None,
            fail_on=fail_on,
            config_path=None,
            select=None,
            baseline=None,
            write_baseline=None,
            output=output,
        )


def _statement_data(path: Path) -> dict[str, Any] | None:
    """The draft as data when it is a readable statement, else None."""
    from totudocs.model.loading import CaseDataError, parse_text, read_text

    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return None
    try:
        data = parse_text(read_text(path), str(path))
    except CaseDataError:
        return None
    if isinstance(data, dict) and data.get("document") == "statement":
        return data
    return None


def _check(draft: Path, data: dict[str, Any], fmt: str, fail_on: str) -> tuple[str, bool, bool]:
    """(report, invalid data?, findings at or above --fail-on?) in the interface language."""
    from totudocs.lint.findings import DocumentResult, Finding, Severity
    from totudocs.lint.justification.case_checks import FieldLocator
    from totudocs.report import render_report
    from totudocs.statement.i18n import gettext as _
    from totudocs.statement.messages import check_draft, translate_finding

    items = check_draft(data)
    invalid = [i for i in items if i.kind == "invalid"]
    where = FieldLocator(str(draft))
    categories = {"J016": "statement.incomplete", "J017": "statement.vague",
                  "J018": "statement.excess-data"}
    findings: list[Finding] = []
    for item in items:
        if item.kind == "invalid":
            continue
        line, column = where(item.field)
        findings.append(Finding(
            path=str(draft), rule=item.rule, category=categories[item.rule],
            severity=Severity.parse(item.severity), message=item.message, line=line,
            column=column, end_line=line, end_column=column, section=item.field,
            suggestion=item.advice or None,
        ))
    result = DocumentResult(path=str(draft), language=str(data.get("language") or ""))
    if invalid or any(i.blocking for i in items):
        # Kela cannot act on it yet, and it cannot be rendered: only the completeness checks.
        result.findings = findings
    else:
        result = _lint_valid(draft, findings, translate_finding, str(data.get("language")))
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    failing = threshold is not None and any(f.severity >= threshold for f in result.findings)
    if fmt == "text":
        return _text(draft, items, result.findings), bool(invalid), failing
    for item in invalid:
        click.echo(f"error: {draft}: {item.field}: {item.message}", err=True)
    if invalid:
        result.error = _("invalid case data")
    return render_report([result], fmt), bool(invalid), failing


def _lint_valid(draft: Path, ours: list[Any], translate: Any, language: str) -> Any:
    """The plain-language checks of a complete, valid statement; the statement checks are ours
    (translated), the rules' findings re-worded in the interface language."""
    from totudocs.config import load_config
    from totudocs.lint.engine import LintContext, lint_path

    result = lint_path(draft, LintContext.from_config(load_config(None), None))
    findings = list(ours)
    for finding in result.findings:
        if finding.category.startswith("statement."):
            continue
        if finding.category.startswith("readability."):
            message, advice = translate(finding.rule, finding.message, finding.suggestion,
                                        language)
            finding = dataclasses.replace(finding, message=message, suggestion=advice or None)
        findings.append(finding)
    result.findings = findings
    return result


def _text(draft: Path, items: list[Any], findings: list[Any]) -> str:
    """The human report: what is missing or wrong, field by field, then the suggestions."""
    from totudocs.lint.justification.case_checks import FieldLocator
    from totudocs.statement.i18n import gettext as _
    from totudocs.statement.i18n import ngettext
    from totudocs.statement.messages import label

    where = FieldLocator(str(draft))
    blocking = [i for i in items if i.blocking]
    lines: list[str] = []
    if blocking:
        lines.append(
            f"{draft}: "
            + ngettext(
                "%(num)d thing is still missing or wrong:",
                "%(num)d things are still missing or wrong:",
                len(blocking),
            )
            % {"num": len(blocking)}
        )
        for item in sorted(blocking, key=lambda i: where(i.field)):
            line, column = where(item.field)
            lines.append(f"  {draft}:{line}:{column}: {item.field} ({label(item.target)}): "
                         f"{item.message}")
    else:
        lines.append(f"{draft}: " + _("Nothing is missing: the statement has what Kela needs."))
    advice = [f for f in findings if f.rule != "J016"]
    if advice:
        lines.append(
            f"{draft}: "
            + ngettext("%(num)d suggestion on wording and content:",
                       "%(num)d suggestions on wording and content:", len(advice))
            % {"num": len(advice)}
        )
        for finding in advice:
            field = finding.section or ""
            shown = f"{field} ({label(field)})" if field else ""
            help_text = f" {finding.suggestion}" if finding.suggestion else ""
            lines.append(f"  {finding.path}:{finding.line}:{finding.column}: {finding.rule} "
                         f"{shown}: {finding.message}{help_text}")
    return "\n".join(lines)
