"""The sandboxed Jinja environment shared by templates and phrase text.

Templates and phrase libraries may come from users, so both run in Jinja's immutable sandbox with
autoescape and StrictUndefined: a placeholder that names no case field is an error, never an empty
string, and text from the case is always escaped.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment

LOCALES = {"fi": "fi_FI", "sv": "sv_FI"}


def format_eur(amount: Decimal | int | float, language: str) -> str:
    """'1 234,50 €' in Finnish and Finland-Swedish (Babel's CLDR data, not by hand)."""
    return format_currency(Decimal(amount), "EUR", locale=LOCALES[language])


def format_day(value: date, language: str) -> str:
    """Finnish '12.3.2026'; Swedish '12 mars 2026' (sv_FI medium)."""
    if language == "fi":
        return format_date(value, "d.M.yyyy", locale=LOCALES[language])
    return format_date(value, "medium", locale=LOCALES[language])


def format_number(value: Decimal | int | float, language: str) -> str:
    return format_decimal(value, locale=LOCALES[language])


def format_share(percent: int | float, language: str) -> str:
    return format_percent(Decimal(percent) / 100, locale=LOCALES[language])


def make_environment(
    language: str, templates_dir: Path | None = None
) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir)) if templates_dir else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["eur"] = lambda v: format_eur(v, language)
    env.filters["day"] = lambda v: format_day(v, language)
    env.filters["number"] = lambda v: format_number(v, language)
    env.filters["percent"] = lambda v: format_share(v, language)
    return env


@lru_cache(maxsize=16)
def environment(language: str, templates_dir: Path | None = None) -> ImmutableSandboxedEnvironment:
    """A shared environment per language and template folder (Jinja caches compiled templates)."""
    return make_environment(language, templates_dir)
