"""The one document model every reader produces: blocks of text with a layout role, the section
they belong to, and where each piece came from in the source.

Kinds of block: ``heading`` (any typographic form), ``paragraph``, ``item`` (a list item),
``caption`` and ``data`` (header fields, table rows, addresses, running headers and footers:
text a reader looks up rather than reads). Only prose kinds are linted as prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

# Block kinds that are not running prose: readability rules and metrics leave them alone.
NOT_PROSE = frozenset({"heading", "caption", "data"})


@dataclass
class Block:
    """A run of text with one layout role."""

    text: str
    kind: str  # heading, paragraph, item, caption, data
    section: str | None
    # (offset in text, line, column) at each source segment start, for mapping offsets back
    anchors: list[tuple[int, int, int]] = field(default_factory=list)
    suppressions: list[tuple[str, str]] = field(default_factory=list)  # (code, reason)
    reason: str = ""  # for a heading: why its section got its role

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source of the character at ``offset`` in ``text``."""
        if not self.anchors:
            return 1, 1
        index = bisect_right([a[0] for a in self.anchors], offset) - 1
        start, line, column = self.anchors[max(index, 0)]
        return line, column + (offset - start)


@dataclass
class Document:
    path: str
    blocks: list[Block]
    language: str | None = None  # from <html lang> when known

    def headings(self) -> list[dict[str, object]]:
        """Each heading with the role its section got and why (for JSON output)."""
        from totudocs.model.hetu import mask_hetu

        return [
            {"line": b.position(0)[0], "text": mask_hetu(b.text), "role": b.section,
             "reason": mask_hetu(b.reason)}
            for b in self.blocks
            if b.kind == "heading"
        ]


SUPPRESSION = re.compile(
    r"totudocs:\s*ignore\s+(?P<codes>[A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)\s*(?:--\s*(?P<reason>.*?))?\s*(?:-->|$)"
)


def suppressions(comment: str) -> list[tuple[str, str]]:
    match = SUPPRESSION.search(comment)
    if not match:
        return []
    reason = (match.group("reason") or "").strip()
    return [(code.strip(), reason) for code in match.group("codes").split(",")]


class InputError(Exception):
    """An input file cannot be read (missing, not text, broken PDF).

    ``reason`` says what is wrong without the path, for reports that show the path already;
    ``str()`` gives both.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"
