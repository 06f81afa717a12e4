"""``totudocs statement new | check``: drafting statements from the command line."""

from __future__ import annotations

from pathlib import Path

import click

CATEGORIES = ("other_basic_expenses", "basic_amount_reduction", "urgency")


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
    "--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text"
)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default="error",
    show_default=True,
)
@click.pass_context
def check(ctx: click.Context, draft: Path, fmt: str, fail_on: str) -> None:
    """Completeness (what Kela needs) and plain-language checks of a statement draft."""
    from totudocs.cli.lint_cmd import lint

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
        output=None,
    )
