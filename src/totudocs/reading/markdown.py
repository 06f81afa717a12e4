"""Markdown through a CommonMark parser (markdown-it-py): the same model as any other format."""

from __future__ import annotations

import re

from totudocs.reading.model import SUPPRESSION, Block, Document, suppressions
from totudocs.reading.roles import SectionRoles, section_roles
from totudocs.reading.run_in import split_run_in_headings
from totudocs.reading.text import assign_role, field_lines, is_data_line, is_heading_line

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


_TITLE_FIELD = re.compile(r"^title:[ \t]*(['\"]?)(.+?)\1[ \t]*$", re.M)


def _front_matter_title(front: str) -> tuple[str, int] | None:
    """The ``title:`` of YAML front matter and its line (read as text, not run as YAML)."""
    match = _TITLE_FIELD.search(front)
    if match is None:
        return None
    return match.group(2).strip(), front.count("\n", 0, match.start()) + 1


def parse_markdown(text: str, path: str, roles: SectionRoles | None = None) -> Document:
    """Markdown through a CommonMark parser (markdown-it-py): front matter, code, HTML and link
    targets are not prose; a table's rows are data; a paragraph that is only bold text is a
    heading, as many systems write them; link text and emphasis stay in the sentence."""
    from markdown_it import MarkdownIt

    roles = roles or section_roles()
    front = _FRONT_MATTER.match(text)
    skipped_lines = front.group(0).count("\n") if front else 0
    body = text[front.end():] if front else text
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    source_lines = body.splitlines()  # once: a block's column is looked up on its line
    blocks: list[Block] = []
    section: str | None = None
    title = _front_matter_title(front.group(0)) if front else None
    if title is not None:
        # the document's title, kept in its front matter: a heading, as a printed title is
        text_of_title, line = title
        heading = Block(text_of_title, "heading", None, [(0, line, 1)])
        assign_role(heading, roles)
        section = heading.section
        blocks.append(heading)
    pending: list[tuple[str, str]] = []
    in_item = 0
    in_table = 0
    heading_level = 0
    row_start = 0
    for token in tokens:
        if token.type == "tr_open":
            row_start = len(blocks)
        elif token.type == "tr_close":
            _merge_row(blocks, row_start)
        elif token.type == "list_item_open":
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
            pending.extend(suppressions(token.content))
        elif token.type == "inline":
            content, breaks = _inline_text(token)
            if not content.strip():
                continue
            line = (token.map[0] if token.map else 0) + 1 + skipped_lines
            if content.lstrip().startswith("totudocs:") and SUPPRESSION.search(content):
                # a suppression line, maybe with the paragraph it is about right below it
                first_end = breaks[0][1] if breaks else len(content)
                pending.extend(suppressions(content[:first_end]))
                content = content[first_end:]
                breaks = [(n - 1, offset - first_end) for n, offset in breaks[1:]]
                line += 1
                if not content.strip():
                    continue
            children = [c for c in (token.children or []) if c.type not in ("softbreak",)]
            bold_only = bool(children) and children[0].type == "strong_open" and (
                children[-1].type == "strong_close"
            ) and len(content) < 80 and not content.rstrip().endswith((".", "!", "?"))
            title = content.strip().rstrip(":").strip()
            if in_table:
                kind = "data"
            elif heading_level or bold_only or (
                not in_item and not breaks and is_heading_line(content.strip(), True, roles)
            ):
                kind = "heading"
            elif in_item:
                # "- Hakija: Maija Esimerkki, …" in a header list is a field, not prose
                kind = "data" if is_data_line(content.strip()) else "item"
            else:
                kind = "paragraph"
            column = _source_column(source_lines, token, content)
            anchors = [(0, line, column)] + [(offset, line + n, 1) for n, offset in breaks]
            block = Block(content if kind != "heading" else title, kind, section,
                          anchors if kind != "heading" else [(0, line, column)])
            if kind == "heading":
                assign_role(block, roles, blocks[-1] if blocks else None)
                section = block.section
            block.suppressions = pending.copy()
            pending.clear()
            # a header printed as short "Label: value" lines is data, as in plain text
            blocks.extend(field_lines(block, roles) if breaks else [block])
    return Document(path=path, blocks=split_run_in_headings(blocks, roles))


def _merge_row(blocks: list[Block], start: int) -> None:
    """A table row is one data block ("Vuokra | 695,00 €"), as in every other format."""
    cells = blocks[start:]
    if len(cells) < 2:
        return
    row = Block(" | ".join(c.text for c in cells), "data", cells[0].section)
    offset = 0
    for cell in cells:
        row.anchors.extend((offset + o, line, column) for o, line, column in cell.anchors)
        row.suppressions.extend(cell.suppressions)
        offset += len(cell.text) + 3
    blocks[start:] = [row]


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


