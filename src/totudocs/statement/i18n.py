"""The user interface's language: gettext catalogs (managed with Babel), negotiation and formats.

The catalogs live in ``totudocs/locale/<lang>/LC_MESSAGES/messages.po`` with the compiled ``.mo``
beside them, so an installed package needs no build step (``docs/serve.md`` tells how to extract,
update and compile them). English is the source language: its messages are the msgids.

The language of the *interface* (labels, advice, messages) is not the language of the *document*:
a Swedish-speaking social worker may write a Finnish statement, and the statement's text keeps
the case's own language.

Which language is in effect is held in a context variable, so a web request or a CLI command sets
it once (``use_language``) and every ``gettext`` call below it follows, templates included.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
UI_LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "en"  # the msgids; used when nothing the user prefers is available
# Babel locales for formats: Finland's conventions, in each language.
BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_FI"}
# Each language's name in that language, for the language switch.
LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}

_current: ContextVar[str] = ContextVar("totudocs_ui_language", default=DEFAULT_LANGUAGE)


@lru_cache(maxsize=len(UI_LANGUAGES))
def translations(language: str) -> NullTranslations:
    """The compiled catalog of ``language`` (English: the msgids themselves)."""
    from babel.support import Translations

    if language not in UI_LANGUAGES or language == DEFAULT_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


def current_language() -> str:
    return _current.get()


def set_language(language: str) -> None:
    """Make ``language`` the interface language of the current context (a request, a command)."""
    _current.set(language if language in UI_LANGUAGES else DEFAULT_LANGUAGE)


@contextlib.contextmanager
def use_language(language: str) -> Iterator[None]:
    token = _current.set(language if language in UI_LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark a message for extraction without translating it (translated where it is shown)."""
    return message


# --- choosing the language --------------------------------------------------------------------

_ACCEPT = re.compile(r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?")


def parse_accept_language(header: str | None) -> list[str]:
    """The language tags of an Accept-Language header, most preferred first (q=0 dropped)."""
    weighted = []
    for position, part in enumerate((header or "").split(",")[:32]):
        match = _ACCEPT.match(part)
        if not match:
            continue
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if quality > 0 and match.group(1) != "*":
            weighted.append((-quality, position, match.group(1).replace("-", "_")))
    return [tag for _q, _p, tag in sorted(weighted)]


def negotiate(preferred: list[str], default: str = DEFAULT_LANGUAGE) -> str:
    """The first interface language the user prefers (``fi_FI`` and ``sv-FI`` count as fi, sv)."""
    from babel.core import negotiate_locale

    for tag in preferred:
        # One tag at a time, so that a less preferred exact match cannot beat a more preferred
        # language given with a region (negotiate_locale tries exact matches first).
        found = negotiate_locale([tag], list(UI_LANGUAGES), sep="_") or negotiate_locale(
            [tag.split("_")[0].lower()], list(UI_LANGUAGES), sep="_"
        )
        if found:
            return found
    return default


def negotiate_accept_language(header: str | None) -> str:
    return negotiate(parse_accept_language(header))


def environment_language(environ: dict[str, str] | None = None) -> str:
    """The interface language from the usual locale variables, as gettext reads them: LANGUAGE
    (a colon-separated list), then LC_ALL, LC_MESSAGES and LANG. "C" and "POSIX" mean English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        tags = [t.split(".")[0].split("@")[0] for t in value.split(":") if t]
        if name != "LANGUAGE" and tags and tags[0] in ("C", "POSIX"):
            return DEFAULT_LANGUAGE
        found = negotiate([t for t in tags if t not in ("C", "POSIX")], default="")
        if found:
            return found
    return DEFAULT_LANGUAGE


# --- formats ----------------------------------------------------------------------------------


def babel_locale(language: str | None = None) -> str:
    return BABEL_LOCALES.get(language or _current.get(), BABEL_LOCALES[DEFAULT_LANGUAGE])


def format_date(value: date | str | None, language: str | None = None) -> str:
    """A date as people of the interface language write it (5.11.2026, 2026-11-05, 05/11/2026);
    a value that is not a date is returned as it is (a half-typed date stays in its field)."""
    from babel.dates import format_date as babel_format_date

    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return babel_format_date(value, "short", locale=babel_locale(language))


def format_datetime(value: datetime | str, language: str | None = None) -> str:
    from babel.dates import format_datetime as babel_format_datetime

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return babel_format_datetime(value, "short", locale=babel_locale(language))


def format_number(value: float | int, language: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(language))


def format_amount(value: float | int, language: str | None = None) -> str:
    from babel.numbers import format_currency

    return format_currency(value, "EUR", locale=babel_locale(language))


def date_pattern(language: str | None = None) -> str:
    """How to type a date, for the hint next to a date field."""
    return {"fi": "pp.kk.vvvv", "sv": "åååå-mm-dd", "en": "dd/mm/yyyy"}[language or _current.get()]


_DMY = re.compile(r"^\s*(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})\s*$")
_YMD = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> date | None:
    """A date typed in any of the interface's formats (5.11.2026, 05/11/2026, 2026-11-05);
    None when it is not one (incomplete, impossible, or another format)."""
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        match = pattern.match(text or "")
        if match:
            parts = [int(g) for g in match.groups()]
            try:
                return date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    return None
