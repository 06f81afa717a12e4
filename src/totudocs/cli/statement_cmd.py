"""``totudocs statement new | check``: drafting statements from the command line."""

from __future__ import annotations

from pathlib import Path

import click

CATEGORIES = ("other_basic_expenses", "basic_amount_reduction", "urgency")
CHECK_FORMATS = ("text", "json", "sarif", "github", "junit")


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
@click.pass_context
def check(ctx: click.Context, draft: Path, fmt: str, fail_on: str, output: Path | None) -> None:
    """Completeness (what Kela needs) and plain-language checks of a statement draft.

    \b
    Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it, or invalid
    case data; 2 usage or runtime error.
    """
    from totudocs.cli.lint_cmd import lint
    from totudocs.report.junit import passing_check

    # `lint` does the reading, reporting and exit codes, so both commands behave alike. Its
    # --format choice is not consulted by ctx.invoke, and "junit" is a registered report format;
    # a complete statement is reported as a passing "completeness" case rather than lint's
    # "readability".
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
