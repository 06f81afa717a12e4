"""Finnish personal identity code (henkilötunnus) validation.

Format DDMMYYCZZZQ: date of birth, century sign (+ 1800s; - Y X W V U 1900s; A B C D E F 2000s),
individual number ZZZ (002-899 in real codes, 900-999 temporary) and a check character Q chosen from
0123456789ABCDEFHJKLMNPRSTUVWXY by (DDMMYYZZZ mod 31).
"""

from __future__ import annotations

import re
from datetime import date

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_CENTURY = {"+": 1800, **dict.fromkeys("-YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}
_PATTERN = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{2})([-+YXWVUABCDEF])([0-9]{3})([0-9A-Y])$")


def check_character(digits: str) -> str:
    """The check character for the nine digits DDMMYYZZZ."""
    return CHECK_CHARACTERS[int(digits) % 31]


def validate_hetu(value: str) -> str:
    """Return the normalised code or raise ValueError with a message that does not echo it."""
    code = value.strip().upper()
    match = _PATTERN.match(code)
    if not match:
        raise ValueError("not a henkilötunnus: expected the form DDMMYYCZZZQ (e.g. 010190-123A)")
    day, month, year, sign, individual, check = match.groups()
    try:
        date(_CENTURY[sign] + int(year), int(month), int(day))
    except ValueError:
        raise ValueError("henkilötunnus has an impossible date of birth") from None
    if check != check_character(day + month + year + individual):
        raise ValueError("henkilötunnus check character does not match")
    return code


def birth_date(code: str) -> date:
    match = _PATTERN.match(code)
    if not match:
        raise ValueError("not a henkilötunnus")
    day, month, year, sign, _individual, _check = match.groups()
    return date(_CENTURY[sign] + int(year), int(month), int(day))


def make_hetu(born: date, individual: int) -> str:
    """Build a valid code (used by the synthetic-case generator and tests)."""
    century = born.year // 100 * 100
    sign = {1800: "+", 1900: "-", 2000: "A"}[century]
    digits = f"{born.day:02d}{born.month:02d}{born.year % 100:02d}{individual:03d}"
    return f"{digits[:6]}{sign}{digits[6:]}{check_character(digits)}"


# Anything shaped like a henkilötunnus, valid or not, with or without a check character that fits:
# masking must not depend on the code being valid (a mistyped code is still personal data).
_HETU_SHAPE = re.compile(
    r"(?<![0-9])([0-3][0-9][01][0-9][0-9]{2})\s?([-+A-FU-Ya-fu-y])\s?([0-9]{3}[0-9A-Za-z])(?![0-9A-Za-z])"
)
HETU_MASK = "******-****"


def mask_hetu(text: str) -> str:
    """Replace every henkilötunnus-shaped string in ``text`` with a mask (for messages, logs,
    file names and snippets: anywhere text from a case is echoed outside the document)."""
    return _HETU_SHAPE.sub(HETU_MASK, text)


def contains_hetu(text: str) -> bool:
    return _HETU_SHAPE.search(text) is not None
