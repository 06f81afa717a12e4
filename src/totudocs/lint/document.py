"""Inputs -> a Document of prose blocks, each mapped back to line and column in the source.

HTML keeps its block structure (headings, paragraphs, list items are separate blocks; tables are
data, not prose, except their captions) and its ``data-section`` roles. Plain text and Markdown are
split into paragraphs, and Finnish/Swedish headings name the sections. PDFs are read with pypdf.
"""

from __future__ import annotations

import itertools
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BLOCK_TAGS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dd",
    "dt",
    "caption",
    "blockquote",
    "div",
    "section",
    "aside",
    "header",
    "footer",
    "main",
    "article",
    "ul",
    "ol",
    "dl",
    "br",
    "tr",
    "td",
    "th",
    "table",
    "body",
    "html",
    "title",
    "pre",
}
VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base"}
SKIP_TAGS = {"style", "script", "head", "template", "noscript"}

# Section headings as other systems print them (lower-case, without trailing colon).
HEADING_SECTIONS = {
    "päätös": "outcome",
    "mitä päätimme": "outcome",
    "beslut": "outcome",
    "vad vi beslutade": "outcome",
    "perustelut": "justification",
    "motivering": "justification",
    "päätöksen perustelut": "justification",
    "laskelma": "calculation",
    "beräkning": "calculation",
    "laskelma tuesta": "calculation",
    "miten haet oikaisua": "review",
    "oikaisuvaatimusohje": "review",
    "oikaisuvaatimusohjeet": "review",
    "valitusosoitus": "review",
    "besvärsanvisning": "review",
    "muutoksenhaku": "review",
    "seuraavat vaiheet": "next-steps",
    "nästa steg": "next-steps",
    "jos olet eri mieltä päätöksestä": "review",
    "anvisning om begäran om omprövning": "review",
    "om du inte är nöjd med beslutet": "review",
    "lisätietoja": "contact",
    "mer information": "contact",
    "yhteystiedot": "contact",
    "kontaktuppgifter": "contact",
    "lausunto": "statements",
    "sosiaalihuollon lausunto": "statements",
    "utlåtande": "statements",
    "socialvårdens utlåtande": "statements",
    "liitteet": "attachments",
    "bilagor": "attachments",
    "maksut": "payments",
    "utbetalningar": "payments",
    "mitä sinun pitää tehdä seuraavaksi": "next-steps",
    "seuraavaksi": "next-steps",
    "vad du ska göra härnäst": "next-steps",
    "nämä laskut maksat itse": "own-share",
    "dessa räkningar betalar du själv": "own-share",
}


@dataclass
class Block:
    """A run of prose: a paragraph, heading or list item."""

    text: str
    kind: str  # heading, paragraph, item
    section: str | None
    # (offset in text, line, column) at each source segment start, for mapping offsets back
    anchors: list[tuple[int, int, int]] = field(default_factory=list)
    suppressions: list[tuple[str, str]] = field(default_factory=list)  # (code, reason)

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


SUPPRESSION = re.compile(
    r"totudocs:\s*ignore\s+(?P<codes>[A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)\s*(?:--\s*(?P<reason>.*?))?\s*(?:-->|$)"
)


def _suppressions(comment: str) -> list[tuple[str, str]]:
    match = SUPPRESSION.search(comment)
    if not match:
        return []
    reason = (match.group("reason") or "").strip()
    return [(code.strip(), reason) for code in match.group("codes").split(",")]


class _HtmlBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.language: str | None = None
        self._sections: list[tuple[str, str | None]] = []  # (tag, section) stack
        self._skip = 0
        self._skipping: list[str] = []
        self._heading_section: str | None = None
        self._table = 0
        self._caption = False
        self._current: Block | None = None
        self._pending: list[tuple[str, str]] = []

    def _section(self) -> str | None:
        for _tag, section in reversed(self._sections):
            if section:
                return section
        return self._heading_section

    def _heading(self, block: Block) -> None:
        """Documents from other systems mark sections with headings, not data-section."""
        known = HEADING_SECTIONS.get(block.text.strip().rstrip(":").lower())
        if known or block.section is None:
            self._heading_section = known
            if known and block.section is None:
                block.section = known

    def _flush(self) -> None:
        block = self._current
        self._current = None
        if block and block.text.strip():
            stripped = block.text.lstrip()
            shift = len(block.text) - len(stripped)
            block.text = stripped.rstrip()
            block.anchors = [
                (max(o - shift, 0), ln, col + max(shift - o, 0) if o < shift else col)
                for o, ln, col in block.anchors
            ]
            block.suppressions = self._pending
            self._pending = []
            if block.kind == "heading":
                self._heading(block)
            self.blocks.append(block)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html" and attributes.get("lang"):
            self.language = (attributes["lang"] or "")[:2]
        if tag in VOID_TAGS:
            if tag == "br" and not self._skip:
                self._flush()
            return
        if tag in SKIP_TAGS or self._skip or attributes.get("data-lint") == "off":
            # data-lint="off" marks layout text that is not prose (masthead, running footer)
            self._skip += 1
            self._skipping.append(tag)
            return
        if tag == "table":
            self._table += 1
        if tag == "caption":
            self._caption = True
            self._flush()
            self._current = Block("", "caption", self._section())
        if tag in BLOCK_TAGS:
            self._flush()
        self._sections.append((tag, attributes.get("data-section")))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._current = Block("", "heading", self._section())
        elif tag == "li":
            self._current = Block("", "item", self._section())

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                while self._skipping:
                    self._skip -= 1
                    if self._skipping.pop() == tag:
                        break
            return
        if tag == "table":
            self._table = max(0, self._table - 1)
        if tag == "caption":
            self._caption = False
        if tag in BLOCK_TAGS:
            self._flush()
        for index in range(len(self._sections) - 1, -1, -1):
            if self._sections[index][0] == tag:
                del self._sections[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._skip or (self._table and not self._caption):
            return
        if not data.strip() and self._current is None:
            return
        if self._current is None:
            self._current = Block("", "paragraph", self._section())
        line, column = self.getpos()
        self._current.anchors.append((len(self._current.text), line, column + 1))
        self._current.text += re.sub(r"\s+", " ", data)

    def handle_comment(self, data: str) -> None:
        self._pending.extend(_suppressions(data))

    def close(self) -> None:
        super().close()
        self._flush()


def parse_html(html: str, path: str) -> Document:
    parser = _HtmlBlocks()
    parser.feed(html)
    parser.close()
    return Document(path=path, blocks=parser.blocks, language=parser.language)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# Block kinds that are not running prose: readability rules and metrics leave them alone.
NOT_PROSE = frozenset({"heading", "caption", "data"})
# A line of a calculation or a header printed as text: it ends in an amount ("Vuokra 860,00 €"),
# it is laid out in columns, or it is a short "Label: value" field ("Hakija: Matti Esimerkki").
_AMOUNT_AT_END = re.compile(
    r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*,\d{2}\s*(?:€|e|eur|euroa|euro)?\s*$", re.IGNORECASE
)
_COLUMNS = re.compile(r"\S {3,}\S")
_FIELD = re.compile(r"^[A-ZÅÄÖ][^.:!?]{0,40}:\s+(\S.*)$")
_LIST_ITEM = re.compile(r"^(\s*(?:[-*•]|\d+[.)])\s+)(.*)$")


def parse_text(text: str, path: str, markdown: bool = False) -> Document:
    """Paragraphs separated by blank lines; headings by a known section title or a line in
    capitals; rows and fields as data. ``markdown=True`` reads Markdown (see parse_markdown)."""
    if markdown:
        return parse_markdown(text, path)
    blocks: list[Block] = []
    section: str | None = None
    pending: list[tuple[str, str]] = []
    current: Block | None = None

    def flush() -> None:
        nonlocal current
        if current and current.text.strip():
            current.suppressions = pending.copy()
            pending.clear()
            blocks.extend(_field_lines(current))
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if "totudocs:" in line and SUPPRESSION.search(line):
            flush()
            pending.extend(_suppressions(line))
            continue
        if not line.strip():
            flush()
            continue
        heading = _MD_HEADING.match(line) if markdown else None
        title = (heading.group(2) if heading else line).strip().rstrip(":").strip()
        known = HEADING_SECTIONS.get(title.lower().strip("*_ "))
        if heading or (known and len(title) < 60):
            flush()
            section = known or section
            start = line.index(title) if title in line else 0
            blocks.append(Block(title, "heading", section, [(0, number, start + 1)]))
            continue
        capitals = line.strip()
        if current is None and _is_capitalised_heading(capitals):
            title = capitals.rstrip(":").strip()
            section = HEADING_SECTIONS.get(title.lower(), section)
            blocks.append(Block(title, "heading", section, [(0, number, line.index(title) + 1)]))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            prefix = len(item.group(1))
            current = Block(item.group(2), "item", section, [(0, number, prefix + 1)])
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if markdown and stripped.startswith("|"):
            continue  # Markdown tables are data, not prose
        if _is_data_line(stripped):
            # one block per line: rows and fields never merge into a 60-word "sentence"
            flush()
            blocks.append(Block(stripped, "data", section, [(0, number, indent + 1)]))
            continue
        if current is None:
            current = Block(stripped, "paragraph", section, [(0, number, indent + 1)])
        else:
            current.anchors.append((len(current.text) + 1, number, indent + 1))
            current.text += " " + stripped
    flush()
    return Document(path=path, blocks=blocks)


def _field_lines(block: Block) -> list[Block]:
    """A run of two or more short lines none of which ends a sentence ("Hakija Matti Esimerkki",
    "Hakemus saapui 5.3.2026") is a header printed as label and value: one data block per line.
    Anything else is the paragraph it was."""
    if block.kind != "paragraph" or len(block.anchors) < 2:
        return [block]
    bounds = [a[0] for a in block.anchors] + [len(block.text) + 1]
    lines = [block.text[start : end - 1 if end <= len(block.text) else end].strip()
             for start, end in itertools.pairwise(bounds)]
    if any(len(line.split()) > 6 or line.endswith((".", "!", "?", ",", ";")) for line in lines):
        return [block]
    result = []
    section = block.section
    for line, (_offset, number, column) in zip(lines, block.anchors, strict=True):
        if _is_capitalised_heading(line):
            section = HEADING_SECTIONS.get(line.rstrip(":").lower(), section)
            result.append(Block(line, "heading", section, [(0, number, column)]))
        else:
            result.append(Block(line, "data", section, [(0, number, column)], block.suppressions))
    return result


def _is_capitalised_heading(line: str) -> bool:
    """"PERUSTELUT", "BESLUT OM UTKOMSTSTÖD": a short line typed in capitals is a heading."""
    return (
        line.isupper()
        and len(line.split()) <= 8
        and sum(ch.isalpha() for ch in line) >= 4
        and not _is_data_line(line)
    )


def _is_data_line(line: str) -> bool:
    ends_in_amount = _AMOUNT_AT_END.search(line) is not None
    if line.endswith((".", "!", "?")) and not ends_in_amount:
        return False
    if ends_in_amount and len(line.split()) <= 10:
        return True
    if _COLUMNS.search(line) and any(ch.isdigit() for ch in line):
        return True
    field = _FIELD.match(line)
    return bool(field) and len(field.group(1).split()) <= 6 and not line.endswith(".")


class InputError(Exception):
    """An input file cannot be read (missing, not text, broken PDF).

    ``reason`` says what is wrong without the path, for reports that show the path already;
    ``str()`` gives both.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def read_input(path: Path) -> str:
    """The text of an input file, or an :class:`InputError` that says plainly what is wrong."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise InputError(path, _os_reason(exc)) from None


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def load_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return parse_pdf(path)
    text = read_input(path)
    if suffix in {".html", ".htm", ".xhtml"}:
        return parse_html(text, str(path))
    if suffix in {".md", ".markdown"}:
        return parse_markdown(text, str(path))
    return parse_text(text, str(path))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


def parse_markdown(text: str, path: str) -> Document:
    """Markdown through a CommonMark parser (markdown-it-py): front matter, code, HTML and link
    targets are not prose; a table's rows are data; a paragraph that is only bold text is a
    heading, as many systems write them; link text and emphasis stay in the sentence."""
    from markdown_it import MarkdownIt

    front = _FRONT_MATTER.match(text)
    skipped_lines = front.group(0).count("\n") if front else 0
    body = text[front.end():] if front else text
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    source_lines = body.splitlines()  # once: a block's column is looked up on its line
    blocks: list[Block] = []
    section: str | None = None
    pending: list[tuple[str, str]] = []
    in_item = 0
    in_table = 0
    heading_level = 0
    for token in tokens:
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "table_open":
            in_table += 1
        elif token.type == "table_close":
            in_table -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type in ("html_block", "html_inline") and SUPPRESSION.search(token.content):
            pending.extend(_suppressions(token.content))
        elif token.type == "inline":
            content, breaks = _inline_text(token)
            if not content.strip():
                continue
            line = (token.map[0] if token.map else 0) + 1 + skipped_lines
            if content.lstrip().startswith("totudocs:") and SUPPRESSION.search(content):
                # a suppression line, maybe with the paragraph it is about right below it
                first_end = breaks[0][1] if breaks else len(content)
                pending.extend(_suppressions(content[:first_end]))
                content = content[first_end:]
                breaks = [(n - 1, offset - first_end) for n, offset in breaks[1:]]
                line += 1
                if not content.strip():
                    continue
            children = [c for c in (token.children or []) if c.type not in ("softbreak",)]
            bold_only = bool(children) and children[0].type == "strong_open" and (
                children[-1].type == "strong_close"
            ) and len(content) < 80
            title = content.strip().rstrip(":").strip()
            known = HEADING_SECTIONS.get(title.lower())
            if in_table:
                kind = "data"
            elif heading_level or bold_only or (known and len(title) < 60):
                kind = "heading"
                section = known or section
            elif in_item:
                kind = "item"
            else:
                kind = "paragraph"
            column = _source_column(source_lines, token, content)
            anchors = [(0, line, column)] + [(offset, line + n, 1) for n, offset in breaks]
            block = Block(content if kind != "heading" else title, kind, section,
                          anchors if kind != "heading" else [(0, line, column)])
            block.suppressions = pending.copy()
            pending.clear()
            blocks.append(block)
    return Document(path=path, blocks=blocks)


def _inline_text(token: object) -> tuple[str, list[tuple[int, int]]]:
    """The words a reader reads: text, emphasis and link text; not code, HTML or link targets.
    Also where each source line after the first starts: (line number from 1, text offset)."""
    text = ""
    breaks: list[tuple[int, int]] = []
    for child in getattr(token, "children", None) or []:
        if child.type == "text":
            text += child.content
        elif child.type in ("softbreak", "hardbreak"):
            text += " "
            breaks.append((len(breaks) + 1, len(text)))
        elif child.type == "image":
            text += child.content  # the alt text
    return text, breaks


def _source_column(source_lines: list[str], token: object, content: str) -> int:
    """1-based column of the block's first word on its source line (best effort)."""
    mapping = getattr(token, "map", None)
    if not mapping or not content:
        return 1
    source_line = source_lines[mapping[0]] if mapping[0] < len(source_lines) else ""
    position = source_line.find(content.split()[0])
    return position + 1 if position >= 0 else 1


def parse_pdf(path: Path) -> Document:
    """Text from each page; lines are counted through the whole extracted text."""
    from pypdf import PdfReader

    # pypdf logs its repair attempts on a broken file; the InputError below says it once
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise InputError(path, _os_reason(exc)) from None
    except Exception as exc:  # pypdf raises many kinds of error on a broken file
        raise InputError(path, f"cannot read PDF ({exc})") from None
    finally:
        log.setLevel(level)
    document = parse_text("\n\n".join(pages), str(path))
    return document
