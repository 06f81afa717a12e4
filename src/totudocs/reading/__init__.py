"""Reading: documents of any origin into one model.

Format readers (``html``, ``markdown``, ``text``, ``pdf``) turn a file into a
:class:`~totudocs.reading.model.Document` of blocks with layout roles (heading, paragraph, item,
data…) and section roles recognised by meaning (``roles``); ``language_id`` tells the language,
``analysis`` adds sentences, tokens and Voikko readings. The checks read this model and never
the file again.
"""

from __future__ import annotations

from pathlib import Path

from totudocs.reading.html import parse_html
from totudocs.reading.markdown import parse_markdown
from totudocs.reading.model import NOT_PROSE, Block, Document, InputError, os_reason
from totudocs.reading.pdf import parse_pdf
from totudocs.reading.roles import SectionRoles, section_roles
from totudocs.reading.text import parse_text

__all__ = [
    "MAX_INPUT_BYTES",
    "NOT_PROSE",
    "Block",
    "Document",
    "InputError",
    "SectionRoles",
    "load_document",
    "parse_html",
    "parse_markdown",
    "parse_pdf",
    "parse_text",
    "read_input",
    "section_roles",
]

MAX_INPUT_BYTES = 50 * 1024 * 1024  # far beyond any decision; protects a CI gate from a dump


def read_input(path: Path) -> str:
    """The text of an input file, or an :class:`InputError` that says plainly what is wrong."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(path, f"too large to be a document ({size // 2**20} MiB; "
                                   f"the limit is {MAX_INPUT_BYTES // 2**20} MiB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, os_reason(exc)) from None
    if b"\0" in data[:8192]:
        raise InputError(path, "a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None


def load_document(path: Path, roles: SectionRoles | None = None) -> Document:
    """Read any supported format into the document model (the one place a path is opened)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return parse_pdf(path, roles)
    text = read_input(path)
    if suffix in {".html", ".htm", ".xhtml"}:
        return parse_html(text, str(path), roles)
    if suffix in {".md", ".markdown"}:
        return parse_markdown(text, str(path), roles)
    return parse_text(text, str(path), roles)
