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
    """Return the normalised code or raise ValueError with a message that does not echo it.

    python-stdnum does the validation (all century signs of the 2023 reform, temporary numbers
    900-999 allowed); the ASCII pattern first, because the law's digits are 0-9 and Python's
    ``isdigit`` would also take other scripts' digits."""
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError
    from stdnum.fi import hetu

    code = value.strip().upper()
    if not _PATTERN.match(code):
        # No example code here: messages are masked, and an example would read as a mask.
        raise ValueError(
            "not a henkilötunnus: expected DDMMYYCZZZQ, the birth date as six digits, a century "
            "sign (- or a letter), three digits and a check character"
        )
    try:
        return str(hetu.validate(code, allow_temporary=True))
    except InvalidChecksum:
        raise ValueError("henkilötunnus check character does not match") from None
    except InvalidComponent:
        raise ValueError("henkilötunnus has an impossible date of birth") from None
    except ValidationError:
        raise ValueError("not a henkilötunnus: expected the form DDMMYYCZZZQ") from None


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
