"""HTML from any generator: ours (``data-section``), Word exports, div and table layouts.

Headings are recognised in every typographic form: ``h1``–``h6``, ``role="heading"``, a
paragraph, div or cell whose class names a heading or title (``MsoTitle``, ``Heading2``,
``otsikko``), and a short line that is bold throughout. Table rows, definition-list pairs,
addresses and running headers and footers are data, one block per row; a table cell that holds
sentences (a layout table) stays prose.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from totudocs.reading.model import Block, Document, suppressions
from totudocs.reading.roles import SectionRoles, section_roles
from totudocs.reading.run_in import split_run_in_headings
from totudocs.reading.text import assign_role, has_dot_leader, is_field_line

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "caption", "blockquote", "div",
    "section", "aside", "header", "footer", "main", "article", "ul", "ol", "dl", "br", "tr",
    "td", "th", "table", "body", "html", "title", "pre", "address", "nav", "figure",
    "figcaption",
}
VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base"}
SKIP_TAGS = {"style", "script", "head", "template", "noscript"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD_TAGS = {"b", "strong"}
# class names that other generators give their headings and titles
_HEADING_CLASS = re.compile(r"(?:^|[\s_-])(?:mso)?(?:heading|title|subtitle|otsikko|rubrik)|"
                            # a framework's section header ("card-header", "panel-heading")
                            r"(?:^|\s)(?:card|panel|section|accordion|box)[-_]header\b",
                            re.IGNORECASE)
# containers whose text is the page furniture: letterhead, running header and footer, address
_DATA_CLASS = re.compile(r"(?:^|[\s_-])(?:footer|header|masthead|letterhead|address|osoite|"
                         r"running|sivunumero|page-?number)", re.IGNORECASE)
_SEPARATED_CLASS = re.compile(r"label|value|field|key|term|definition|amount|sum|cell|col",
                              re.IGNORECASE)
# a field's label element ("<span class='field-label'>Lainkohdat</span>"): when it names a
# section of the body, the field is that section with its own heading
_LABEL_CLASS = re.compile(r"(?:^|[\s_-])(?:field-?label|label|term)(?:$|[\s_-])", re.IGNORECASE)
_LABEL_ROLES = {"provisions", "evidence", "attachments", "justification", "review", "next-steps"}
_LABEL_WORDS = 4
_DATA_TAGS = {"header", "footer", "address", "nav"}
_DATA_ROLES = {"banner", "contentinfo", "navigation"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_HEADING_WORDS = 12
# "Menot yhteensä 1 257,20" set in bold is a total row, not a heading
_ENDS_IN_AMOUNT = re.compile(r"\d,\d{2}\s*(?:€|e|eur|euroa)?\s*$", re.IGNORECASE)
_PROSE_CELL_WORDS = 8
_QUESTION_HEADING_WORDS = 5


class _HtmlBlocks(HTMLParser):
    def __init__(self, roles: SectionRoles) -> None:
        super().__init__(convert_charrefs=True)
        self.roles = roles
        self.blocks: list[Block] = []
        self.language: str | None = None
        self._stack: list[tuple[str, str | None, str | None]] = []  # (tag, data-section, kind)
        self._skip = 0
        self._skipping: list[str] = []
        self._heading_section: str | None = None
        self._current: Block | None = None
        self._pending: list[tuple[str, str]] = []
        self._bold = 0
        self._emphasis: list[str] = []  # open <b>, <strong> and <font> tags ("" if not emphasis)
        self._bold_chars = 0  # characters of the current block written in bold
        self._bold_block = False  # the current block sits in an element styled bold
        self._rows: list[int] = []  # index in self.blocks where each open table row starts
        self._cells: list[int] = []  # cells opened in each open table row
        # blocks made headings by bold alone, and data blocks that are whole table rows; keyed by
        # id() and holding the block, so that an id is never reused while it is looked up
        self._bold_headings: dict[int, Block] = {}
        self._row_blocks: dict[int, Block] = {}
        self._label: tuple[str, int] | None = None  # an open label element and where it began
        self._boundary = False  # an inline element just began or ended
        self._term: Block | None = None  # a <dt> just read, waiting for its <dd>
        self.marked_sections = False  # our own HTML names its sections (data-section)
        self._css = ""  # the document's <style> text
        # classes its style sheet sets in bold or in a larger font ("<span class="c6">"): a
        # Google Docs or LibreOffice export marks its headings only so
        self._emphatic_classes: frozenset[str] = frozenset()
        self._spans: list[bool] = []  # open <span>s: whether each set emphasis

    # -- where we are ------------------------------------------------------------------------
    def _section(self) -> str | None:
        for _tag, section, _kind in reversed(self._stack):
            if section:
                return section
        return self._heading_section

    def _forced_kind(self) -> str | None:
        """heading or data when an enclosing element says so (innermost wins)."""
        for _tag, _section, kind in reversed(self._stack):
            if kind:
                return kind
        return None

    def _in(self, tags: set[str]) -> bool:
        return any(tag in tags for tag, _s, _k in self._stack)

    # -- blocks --------------------------------------------------------------------------------
    def _new_block(self, kind: str) -> Block:
        self._bold_chars = 0
        self._bold_block = any(k == "bold" for _t, _s, k in self._stack)
        return Block("", kind, self._section())

    def _flush(self) -> None:
        block = self._current
        self._current = None
        if not block or not block.text.strip():
            return
        stripped = block.text.lstrip()
        shift = len(block.text) - len(stripped)
        bold_throughout = self._bold_block or self._bold_chars >= len(block.text.replace(" ", ""))
        block.text = stripped.rstrip()
        block.anchors = [
            (max(o - shift, 0), ln, col + max(shift - o, 0) if o < shift else col)
            for o, ln, col in block.anchors
        ]
        block.suppressions = self._pending
        self._pending = []
        if block.kind == "paragraph" and bold_throughout and _heading_like(block.text) \
                and not _ENDS_IN_AMOUNT.search(block.text):
            # in a table, only a row of one cell can be a heading (a layout table); a bold cell
            # next to others (a total row) is data: decided when the row ends
            block.kind = "heading"
            if self._rows:
                self._bold_headings[id(block)] = block
        if block.kind == "paragraph" and self._in({"dd"}) and _heading_like(block.text):
            block.kind = "data"  # the value of a "label: value" pair
        elif block.kind == "paragraph" and (is_field_line(block.text)
                                            or has_dot_leader(block.text)):
            # "Hakija Matti Esimerkki" in a div: a header field; "Vuokra ...... 695,00 €" a row
            block.kind = "data"
        if block.kind == "heading" and not _heading_like(block.text):
            block.kind = "paragraph"  # a "title" class on a whole paragraph of prose
        if block.kind == "heading" and id(block) not in self._bold_headings:
            self._heading(block)
        term = self._term
        self._term = None
        if term is not None and self.blocks and self.blocks[-1] is term and self._in({"dd"}):
            prose = _prose_cell(block.text)
            match = self.roles.classify(term.text) if prose else None
            if match is not None and match.role in _LABEL_ROLES:
                # "<dt>Perustelut</dt><dd>Vuokrasi on…</dd>": the term heads its section
                term.kind = "heading"
                self._heading(term)
                block.section = term.section
            else:
                # "<dt>Vuokra</dt><dd>640,00 €</dd>", "<dt>Tiliote 4/2027</dt><dd>Säästöjä ei
                # ole.</dd>": a term and its value are one line, as a field, a calculation row
                # or a listed document with what it showed is printed
                label = term.text.rstrip(":").rstrip()
                offset = len(label) + 2
                term.text = f"{label}: {block.text}"
                term.anchors.extend((o + offset, ln, col) for o, ln, col in block.anchors)
                term.kind = "paragraph" if prose else "data"
                return
        self.blocks.append(block)
        if self._in({"dt"}) and block.kind != "heading" and not self._rows:
            self._term = block

    def _end_label(self) -> None:
        """A label that opens its block and names a section of the body becomes that section's
        heading; the value after it is the section's text. Other labels stay field labels."""
        _tag, start = self._label or ("", 0)
        self._label = None
        block = self._current
        if block is None or block.text[:start].strip():
            return
        label = block.text.strip().rstrip(":")
        if not label or len(label.split()) > _LABEL_WORDS:
            return
        match = self.roles.classify(label)
        if match is None or match.role not in _LABEL_ROLES:
            return
        block.kind = "heading"
        self._flush()

    def _heading(self, block: Block) -> None:
        """Documents from other systems mark sections with headings, not data-section."""
        if block.section is not None and self._section_from_markup():
            block.reason = "data-section attribute"  # our own HTML says so: authoritative
            return
        assign_role(block, self.roles, self._before(block))
        self._heading_section = block.section

    def _emphatic(self, attributes: dict[str, str]) -> bool:
        return bool(self._emphatic_classes) and any(
            name in self._emphatic_classes for name in attributes.get("class", "").split())

    def _before(self, block: Block) -> Block | None:
        """The block read just before ``block`` (which may not be stored yet)."""
        for index in range(len(self.blocks) - 1, -1, -1):
            if self.blocks[index] is block:
                return self.blocks[index - 1] if index else None
        return self.blocks[-1] if self.blocks else None

    def _section_from_markup(self) -> bool:
        return any(section for _tag, section, _kind in self._stack)

    def _end_row(self) -> None:
        """A table row: cells that hold sentences are prose, the rest one data block. A row of one
        bold or large cell is a heading (a layout table); rows of a nested table stay rows."""
        start = self._rows.pop()
        cells_opened = self._cells.pop() if self._cells else 1
        cells = self.blocks[start:]
        if cells_opened == 1 and len(cells) == 1 and cells[0].kind in ("data", "paragraph") \
                and _heading_like(cells[0].text) and not any(ch.isdigit() for ch in cells[0].text) \
                and self.roles.classify(cells[0].text) is not None:
            # a layout table's row of one short cell that names a section ("Näin tuki
            # laskettiin" in <td class="ots">): the section's heading
            cells[0].kind = "heading"
            self._heading(cells[0])
            return
        if cells_opened > 1:
            for block in cells:
                if id(block) in self._bold_headings:
                    block.kind = "paragraph"  # a bold total cell, not a heading
        for block in cells:
            if block.kind == "heading" and id(block) in self._bold_headings:
                self._heading(block)
        data = [b for b in cells if b.kind != "heading" and id(b) not in self._row_blocks
                and not _prose_cell(b.text)]
        if not data:
            return
        row = Block(" | ".join(b.text for b in data), "data", data[0].section)
        offset = 0
        for cell in data:
            row.anchors.extend((offset + o, line, col) for o, line, col in cell.anchors)
            offset += len(cell.text) + 3
            row.suppressions.extend(cell.suppressions)
        self._row_blocks[id(row)] = row
        position = cells.index(data[0])
        kept = [b for b in cells if b not in data]
        self.blocks[start:] = [*kept[:position], row, *kept[position:]]

    # -- parser callbacks ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html" and attributes.get("lang"):
            self.language = attributes["lang"][:2].lower()
        if tag in VOID_TAGS:
            if tag == "br" and not self._skip:
                self._flush()
            return
        if tag in SKIP_TAGS or self._skip or attributes.get("data-lint") == "off" or (
            attributes.get("aria-hidden") == "true" or "hidden" in attributes
        ):
            # data-lint="off" marks layout text that is not prose (masthead, running footer)
            self._skip += 1
            self._skipping.append(tag)
            return
        if tag in BOLD_TAGS or (tag == "font" and _large_font(attributes.get("size", ""))):
            self._bold += 1
            self._emphasis.append(tag)
            return
        if tag == "font":
            self._emphasis.append("")
            return
        if tag == "span":
            emphatic = self._emphatic(attributes)
            self._spans.append(emphatic)
            self._bold += emphatic
        if tag not in BLOCK_TAGS:
            if (self._current is not None and _SEPARATED_CLASS.search(attributes.get("class", ""))
                    and self._current.text and not self._current.text[-1].isspace()):
                # <span class="label">Hakija</span><span class="value">…</span> reads as two
                # words on screen (the classes are styled apart), not "HakijaMatti"
                self._current.text += " "
            if self._label is None and _LABEL_CLASS.search(attributes.get("class", "")):
                start = len(self._current.text) if self._current is not None else 0
                self._label = (tag, start)
            self._boundary = True
            return
        self._flush()
        if tag == "tr":
            self._rows.append(len(self.blocks))
            self._cells.append(0)
        elif tag in ("td", "th") and self._cells:
            self._cells[-1] += 1
        kind = _kind_of(tag, attributes)
        if kind is None and tag in {"p", "div", "td"} and self._emphatic(attributes):
            kind = "bold"
        self._stack.append((tag, attributes.get("data-section"), kind))
        if attributes.get("data-section"):
            self.marked_sections = True
        forced = self._forced_kind()
        if tag in HEADING_TAGS or forced == "heading":
            self._current = self._new_block("heading")
        elif tag == "caption":
            self._current = self._new_block("caption")
        elif tag == "li":
            self._current = self._new_block("item")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                while self._skipping:
                    self._skip -= 1
                    if self._skipping.pop() == tag:
                        break
                if tag == "style":
                    self._emphatic_classes = emphatic_classes(self._css)
            return
        if tag in BOLD_TAGS or tag == "font":
            if self._emphasis and self._emphasis.pop():
                self._bold = max(0, self._bold - 1)
            return
        if tag == "span" and self._spans and self._spans.pop():
            self._bold = max(0, self._bold - 1)
        if self._label is not None and tag == self._label[0]:
            self._end_label()
        if tag not in BLOCK_TAGS:
            self._boundary = True
            return
        self._flush()
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break
        if tag == "tr" and self._rows:
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self._skip:
            if self._skipping and self._skipping[-1] == "style":
                self._css += data
            return
        if not data.strip() and self._current is None:
            return
        if self._current is None:
            kind = self._forced_kind()
            self._current = self._new_block(
                "data" if kind == "data" or self._in({"dt", "th"}) else "paragraph")
        if self._boundary and self._current.text and _glued(self._current.text[-1], data[0]):
            # "<span>Vuokra</span><span>615,00</span>": cells of a styled row, not one word
            self._current.text += " "
        self._boundary = False
        line, column = self.getpos()
        self._current.anchors.append((len(self._current.text), line, column + 1))
        text = re.sub(r"\s+", " ", data)
        self._current.text += text
        if self._bold:
            self._bold_chars += len(text.replace(" ", ""))

    def handle_comment(self, data: str) -> None:
        self._pending.extend(suppressions(data))

    def close(self) -> None:
        super().close()
        self._flush()
        while self._rows:
            self._end_row()


def _glued(before: str, after: str) -> bool:
    """Text of two inline elements that would run together as a letter and a number ("asuva" +
    "598,40", "Menot" + "€/kk"): set apart on screen by the styling, so apart in the text."""
    if before.isspace() or after.isspace():
        return False
    kinds = [("digit" if ch.isdigit() else "letter" if ch.isalpha() else "sign" if ch in "€%"
              else "other") for ch in (before, after)]
    if "other" in kinds:
        return False
    # a letter and a number, or two numbers ("…12.5.2027" + "180,00 €"); two letters may be
    # one word split by markup ("<b>Kela</b>n")
    return kinds[0] != kinds[1] or kinds == ["digit", "digit"]


def _kind_of(tag: str, attributes: dict[str, str]) -> str | None:
    """What an element's markup says about the text inside it."""
    classes = attributes.get("class", "")
    role = attributes.get("role", "")
    if role == "heading" or (tag not in HEADING_TAGS and _HEADING_CLASS.search(classes)
                             and tag in {"p", "div", "td", "th", "span"}):
        return "heading"
    if tag in _DATA_TAGS or role in _DATA_ROLES or _DATA_CLASS.search(classes):
        return "data"
    if tag in {"p", "div", "td"} and _BOLD_STYLE.search(attributes.get("style", "")):
        return "bold"
    return None


# a rule for one class alone (".c6 {…}"); ".row.total" styles only elements with both classes
_CSS_RULE = re.compile(r"(?:^|(?<=[}\s,]))\.([\w-]+)\s*\{([^}]*)\}")
_CSS_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)\s*(pt|px)", re.IGNORECASE)
_BODY_SIZE = re.compile(r"(?:^|[}\s,])(?:p|body)\s*\{[^}]*?font-size\s*:\s*([\d.]+)\s*(pt|px)",
                        re.IGNORECASE)
_LARGER_PT = 2.0  # a heading's font is at least this much larger than the body's


def emphatic_classes(css: str) -> frozenset[str]:
    """The classes a style sheet sets in bold or in a font larger than the body text's."""
    def points(value: str, unit: str) -> float:
        return float(value) * (0.75 if unit.lower() == "px" else 1.0)

    body = _BODY_SIZE.search(css)
    base = points(*body.groups()) if body else 11.0
    classes = set()
    for name, rules in _CSS_RULE.findall(css):
        size = _CSS_SIZE.search(rules)
        if _BOLD_STYLE.search(rules) or (size and points(*size.groups()) >= base + _LARGER_PT):
            classes.add(name)
    return frozenset(classes)


def _large_font(size: str) -> bool:
    """<font size="4"> and up (or "+1"): the old way to set a heading."""
    size = size.strip()
    if size.startswith("+"):
        return size[1:].isdigit() and int(size[1:]) >= 1
    return size.isdigit() and int(size) >= 4


def _heading_like(text: str) -> bool:
    words = len(text.split())
    ending = text.rstrip()[-1:]
    return (
        0 < words <= _HEADING_WORDS
        and sum(ch.isalpha() for ch in text) >= 3
        # "Kysyttävää?", "Mitä seuraavaksi?": a short question is a heading too
        and (ending not in ".!?,;" or (ending == "?" and words <= _QUESTION_HEADING_WORDS))
        # "Du bifogade tre handlingar. Så här har vi beaktat dem:" is two sentences
        and not re.search(r"[.!?]\s+[A-ZÅÄÖ]", text)
    )


def _prose_cell(text: str) -> bool:
    return len(text.split()) >= _PROSE_CELL_WORDS and text.rstrip().endswith((".", "!", "?"))


def parse_html(html: str, path: str, roles: SectionRoles | None = None) -> Document:
    parser = _HtmlBlocks(roles or section_roles())
    parser.feed(html)
    parser.close()
    return Document(path=path, blocks=_run_in(parser), language=parser.language)


class _TreeBlocks(_HtmlBlocks):
    """The same reading of a document that is already parsed: elements are replayed as the
    parser's events. A tree keeps no source positions, so every anchor is line 1, column 1."""

    def getpos(self) -> tuple[int, int]:
        return 1, 0

    def replay(self, root: Element) -> None:
        from xml.etree.ElementTree import Comment

        # (element, entered): an explicit stack, as a tree from any source may be very deep
        stack: list[tuple[Element, bool]] = [(root, False)]
        while stack:
            element, entered = stack.pop()
            tag = element.tag
            name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
            if entered:
                if name and name not in VOID_TAGS:
                    self.handle_endtag(name)
                if element.tail and element is not root:
                    self.handle_data(element.tail)
                continue
            if tag is Comment:
                self.handle_comment(element.text or "")
                if element.tail:
                    self.handle_data(element.tail)
                continue
            self.handle_starttag(name, list(element.attrib.items()))
            if element.text:
                self.handle_data(element.text)
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))
        self.close()


def read_tree(root: Element, path: str, roles: SectionRoles | None = None) -> Document:
    """The document model of HTML that another component has already parsed into an element tree
    (WeasyPrint's ``etree_element``): the batch reads what it laid out, without parsing the HTML
    a second time. Blocks, kinds and sections are those :func:`parse_html` gives; lines are not
    known."""
    reader = _TreeBlocks(roles or section_roles())
    reader.replay(root)
    return Document(path=path, blocks=_run_in(reader), language=reader.language)


def _run_in(parser: _HtmlBlocks) -> list[Block]:
    """Run-in headings split off, except in our own HTML, whose sections its markup names."""
    if parser.marked_sections:
        return parser.blocks
    return split_run_in_headings(parser.blocks, parser.roles)
