"""PDF through pypdf's layout mode: text laid out by position, so table columns stay apart and
become data lines; lines that repeat at the top or bottom of every page (running headers and
footers, page numbers) are data, not prose. Then the plain-text reader does the rest."""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from totudocs.reading.model import Document, InputError, os_reason
from totudocs.reading.roles import SectionRoles
from totudocs.reading.text import parse_text

_EDGE_LINES = 3  # a running header or footer sits within this many lines of the page edge
_GAP = re.compile(r" {2,}")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^\s*(?:sivu|sida|page|s\.)?\s*\d+\s*(?:\(|/|of|av|\s)\s*\d*\)?\s*$",
                          re.IGNORECASE)


def parse_pdf(path: Path, roles: SectionRoles | None = None) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    # pypdf logs its repair attempts on a broken file; the InputError below says it once
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _try_empty_password(reader):
            raise InputError(path, "encrypted PDF: its text cannot be read without the password")
        pages = [_page_lines(page) for page in reader.pages]
    except InputError:
        raise
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise InputError(path, os_reason(exc)) from None
    except FileNotDecryptedError:
        raise InputError(path, "encrypted PDF: its text cannot be read without the password") \
            from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise InputError(path, f"cannot read PDF ({type(exc).__name__})") from None
    finally:
        log.setLevel(level)
    running = _running_lines(pages)
    lines: list[str] = []
    furniture: set[int] = set()
    for page in pages:
        if lines:
            lines.append("")
        for line in page:
            lines.append(line)
            if line.strip() and (_key(line) in running or _PAGE_NUMBER.match(line)):
                furniture.add(len(lines))  # 1-based line number
    return parse_text("\n".join(lines), str(path), roles, data_lines=furniture)


def _try_empty_password(reader) -> bool:  # type: ignore[no-untyped-def]
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _page_lines(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The page's lines by position, with blank lines where the layout leaves vertical space,
    each line's leading indentation removed (it is the page margin, not structure)."""
    text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False) or ""
    lines = [line.rstrip() for line in text.splitlines()]
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return [line[margin:] for line in lines]


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split())).lower()


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines near the top or bottom edge that recur on most pages, page numbers aside."""
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line for line in lines if line.strip()]
        edges = content[:_EDGE_LINES] + content[-_EDGE_LINES:]
        counts.update({_key(line) for line in edges})
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= needed} if len(pages) > 1 else set()
