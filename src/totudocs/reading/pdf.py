"""PDF by layout analysis (pdfplumber, on pdfminer.six): words with their font, size and
position become lines; a vertical gap larger than the line spacing ends a paragraph; a short
line set larger or in bold is a heading; words far apart on one line are table columns (a data
line); lines that repeat at the top or bottom of most pages, and page numbers, are running
headers and footers (data). The plain-text reader then builds the document model, so a PDF from
any engine reads like the HTML it was printed from."""

from __future__ import annotations

import itertools
import logging
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from totudocs.reading.model import Document, InputError, os_reason
from totudocs.reading.roles import SectionRoles, section_roles
from totudocs.reading.text import is_data_line, parse_text

_EDGE = 0.1  # running headers and footers sit in the top or bottom tenth of the page
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:sivu|sida|page|s\.)?\s*\d+\s*(?:\(\s*\d+\s*\)|/\s*\d+|of\s+\d+|av\s+\d+)?\s*$",
    re.IGNORECASE,
)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_COLUMN_GAP = 1.5  # a gap wider than this many font sizes separates table columns
_PARAGRAPH_GAP = 0.5  # extra vertical space (in font sizes) that ends a paragraph
_HEADING_SIZE = 1.12  # a line this much larger than the body text is a heading
_HEADING_WORDS = 14
_PLAIN_HEADING_WORDS = 6
_ENCRYPTED = "encrypted PDF: its text cannot be read without the password"


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    size: float
    bold: bool
    columns: bool  # words far apart: a table row or a two-column header

    @property
    def key(self) -> str:
        return _DIGITS.sub("#", " ".join(self.text.split())).lower()


def parse_pdf(path: Path, roles: SectionRoles | None = None) -> Document:
    roles = roles or section_roles()
    pages = _read_pages(path)
    sizes: Counter[float] = Counter()
    for lines, _height in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    running = _running_lines(pages)

    text: list[str] = []
    headings: set[int] = set()
    furniture: set[int] = set()
    for lines, height in pages:
        if text:
            text.append("")
        previous: _Line | None = None
        for line in lines:
            edge = line.top < height * _EDGE or line.bottom > height * (1 - _EDGE)
            if (edge and line.key in running) or _PAGE_NUMBER.match(line.text):
                text.append(line.text)
                furniture.add(len(text))
                continue
            heading = _is_heading(line, body) or _names_section(line, previous, roles)
            if previous is not None and (
                heading
                or _is_heading(previous, body)
                or line.top - previous.bottom > _PARAGRAPH_GAP * line.size
            ):
                text.append("")
            text.append(line.text)
            if heading:
                headings.add(len(text))
            elif line.columns:
                furniture.add(len(text))  # a table row: data, whatever its words
            previous = line
    return parse_text("\n".join(text), str(path), roles, data_lines=furniture,
                      heading_lines=headings)


def _names_section(line: _Line, previous: _Line | None, roles: SectionRoles) -> bool:
    """A heading set like body text (a page printed without its stylesheet): a short line
    after a finished sentence, whose words name a section ("Päätös lyhyesti", "Tuen määrä")."""
    stripped = line.text.strip()
    return (
        not line.columns
        and 0 < len(stripped.split()) <= _PLAIN_HEADING_WORDS
        and stripped[:1].isupper()
        and not stripped.endswith((".", "!", "?", ",", ";"))
        and not any(ch.isdigit() for ch in stripped)
        and ":" not in stripped.rstrip(":")  # "Päätöksen tekijä: Sari …" is a field
        # "Utlåtandet ges av Tove Björklund, socialhandledare": a name or a list is no heading
        and "," not in stripped
        and not any(word[:1].isupper() for word in stripped.split()[1:])
        and (previous is None or previous.text.rstrip().endswith((".", "!", "?", ":"))
             or previous.columns)
        and roles.classify(stripped) is not None
    )


def _is_heading(line: _Line, body: float) -> bool:
    stripped = line.text.strip()
    return (
        not line.columns
        and 0 < len(stripped.split()) <= _HEADING_WORDS
        and not stripped.endswith((".", "!", "?", ",", ";"))
        and sum(ch.isalpha() for ch in stripped) >= 3
        and not is_data_line(stripped)  # "Tuen määrä: 629,60 €" in bold is a result row
        and (line.size >= body * _HEADING_SIZE or line.bold)
    )


def _read_pages(path: Path) -> list[tuple[list[_Line], float]]:
    _check_readable(path)
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with _quiet("pdfminer"), pdfplumber.open(path) as pdf:
            return [(_page_lines(page), float(page.height)) for page in pdf.pages]
    except PDFPasswordIncorrect:
        raise InputError(path, _ENCRYPTED) from None
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise InputError(path, os_reason(exc)) from None
    except Exception as exc:  # pdfminer raises many kinds of error on a broken file
        raise InputError(path, f"cannot read PDF ({type(exc).__name__})") from None


def _check_readable(path: Path) -> None:
    """One clear message for a missing, broken or encrypted file before layout analysis."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with _quiet("pypdf"):
            reader = PdfReader(path)
            if reader.is_encrypted:
                try:
                    readable = bool(reader.decrypt(""))
                except Exception:  # any failure means: not readable without a password
                    readable = False
                if not readable:
                    raise InputError(path, _ENCRYPTED)
    except InputError:
        raise
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise InputError(path, os_reason(exc)) from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise InputError(path, f"cannot read PDF ({type(exc).__name__})") from None


@contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """The PDF libraries log their repair attempts on a broken file; the InputError says it once."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _page_lines(page) -> list[_Line]:  # type: ignore[no-untyped-def]
    words = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False)
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= word["size"] * 0.3:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = median(w["size"] for w in row)
        # runs of words, split where a gap is wide enough to separate table columns
        segments = [[row[0]]]
        for before, word in itertools.pairwise(row):
            if word["x0"] - before["x1"] > _COLUMN_GAP * size:
                segments.append([word])
            else:
                segments[-1].append(word)
        # a label beside a paragraph ("Utlåtandet gäller | Andra grundutgifter: …") is a layout
        # of two columns, not a table row: the text is prose and may wrap on
        columns = len(segments) > 1 and max(len(segment) for segment in segments) < 8
        text = ("    " if columns else " ").join(
            " ".join(w["text"] for w in segment) for segment in segments)
        bold_chars = sum(len(w["text"]) for w in row if _BOLD_FONT.search(w["fontname"]))
        lines.append(_Line(
            text=text,
            top=min(w["top"] for w in row),
            bottom=max(w["bottom"] for w in row),
            size=size,
            bold=bold_chars >= 0.9 * sum(len(w["text"]) for w in row),
            columns=columns,
        ))
    return lines


def _running_lines(pages: list[tuple[list[_Line], float]]) -> set[str]:
    """Lines near the top or bottom edge that recur on most pages, page numbers aside."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines, height in pages:
        counts.update({line.key for line in lines
                       if line.top < height * _EDGE or line.bottom > height * (1 - _EDGE)})
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= needed}
