"""Plain text as other systems print it: paragraphs between blank lines, headings in capitals,
as a label line ("Perustelut:") or as a short line whose words name a section; header fields,
calculation rows and columns as data, one block per line."""

from __future__ import annotations

import itertools
import re

from totudocs.reading.model import SUPPRESSION, Block, Document, suppressions
from totudocs.reading.roles import SectionRoles, section_roles
from totudocs.reading.run_in import split_run_in_headings

# A line of a calculation or a header printed as text: it ends in an amount ("Vuokra 860,00 €"),
# it is laid out in columns, or it is a short "Label: value" field ("Hakija: Matti Esimerkki").
_AMOUNT_AT_END = re.compile(
    r"[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*,\d{2}\s*(?:€|e|eur|euroa|euro)?\s*$", re.IGNORECASE
)
_COLUMNS = re.compile(r"\S {3,}\S|\S ?\.{4,} ?\S|\S \| \S")  # gaps, dot leaders or bars
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")
_DOT_LEADER = re.compile(r"\S ?\.{4,} ?\S")
_RULE = re.compile(r"^[-=_*~]{4,}$")
# "[ Päätös ]", "== Perustelut ==", "== Perustelut" and "= Otsikko" (AsciiDoc, wiki),
# "3. Perustelut"; not "[cols=…]" (an attribute line) nor "= menot 1 157,40 €" (a result row)
_DECORATED = re.compile(
    r"^(?:\[\s*([^\]=\"]{2,60}?)\s*\]|(?!.*\d,\d{2})={1,6}\s*([^=\s][^=]{1,79}?)\s*(?:={1,6})?"
    r"|\d{1,2}\.\s+([^\d].{1,60})|[▶►■●▪◆]\s*([^\W\d].{1,60}))$"
)
_FRAME_LINE = re.compile(r"^[\s─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬│║]+$")
_BOX_BARS = str.maketrans({"│": "|", "║": "|"})
_FIELD = re.compile(r"^[A-ZÅÄÖ][^.:!?]{0,40}:\s+(\S.*)$")
_LIST_ITEM = re.compile(r"^(\s*(?:[-*•]|\d+[.)]|[a-zåäö]\))\s+)(.*)$")
_LABEL_LINE = re.compile(r"^[^\W\d_][^.:!?;]{0,60}:$")
_HEADING_WORDS = 8  # a heading is short
_LABEL_WORDS = 6
_CLOSE_HEADING_WORDS = 5  # a heading with text right below it, without a blank line
_FIELD_VALUE_WORDS = 12  # "Hakija: Maija Esimerkki, Esimerkkitie 1 A 2, 00100 Helsinki"


def parse_text(
    text: str,
    path: str,
    roles: SectionRoles | None = None,
    data_lines: set[int] | None = None,
    heading_lines: set[int] | None = None,
) -> Document:
    """Paragraphs separated by blank lines; headings and data lines as described above.
    ``data_lines`` and ``heading_lines`` are line numbers a reader already knows from the layout
    (a PDF's running footer and table rows; a line set large or bold)."""
    roles = roles or section_roles()
    blocks: list[Block] = []
    section: str | None = None
    pending: list[tuple[str, str]] = []
    current: Block | None = None

    hanging = False  # the current block is a label's text with a hanging indent

    def flush() -> None:
        nonlocal current, hanging
        hanging = False
        if current and len(current.anchors) == 1 and is_field_line(current.text):
            current.kind = "data"  # a header field on a line of its own
        if current and current.text.strip():
            current.suppressions = pending.copy()
            pending.clear()
            blocks.extend(field_lines(current, roles))
        current = None

    def heading(title: str, number: int, column: int) -> None:
        nonlocal section
        block = Block(title, "heading", section, [(0, number, column)])
        assign_role(block, roles, blocks[-1] if blocks else None)
        section = block.section
        blocks.append(block)

    # a mainframe print draws its boxes: a frame line separates, a vertical bar is a column
    # edge ("│ Vuokra │ 640,00 │" reads as "| Vuokra | 640,00 |", same length, same columns)
    lines = [("" if _FRAME_LINE.match(raw) else raw.translate(_BOX_BARS))
             for raw in text.splitlines()]
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        stands_alone = number >= len(lines) or not lines[number].strip()
        if "totudocs:" in line and SUPPRESSION.search(line):
            flush()
            pending.extend(suppressions(line))
            continue
        if not line.strip():
            flush()
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        # "PERUSTELUT:<tab>Tuki lasketaan…" and its lines indented below it: one paragraph,
        # whatever a single line looks like (an amount, a column gap)
        if hanging and indent and current is not None:
            current.anchors.append((len(current.text) + 1, number, indent + 1))
            current.text += " " + stripped
            continue
        if not indent and _HANGING_LABEL.match(stripped) and number < len(lines) \
                and lines[number][:1] in "\t " and lines[number].strip():
            flush()
            current = Block(stripped, "paragraph", section, [(0, number, 1)])
            hanging = True
            continue
        if _RULE.match(stripped):
            flush()  # a line of dashes or equals signs only separates
            continue
        decorated = _DECORATED.match(stripped)
        if decorated:  # "[ Päätös ]", "== Perustelut ==", "3. Perustelut"
            title = next(group for group in decorated.groups() if group).strip().rstrip(":")
            if not decorated.group(3) or _numbered_heading(title, roles, stands_alone):
                flush()
                heading(title, number, indent + stripped.index(title) + 1)
                continue
        if data_lines and number in data_lines:
            flush()
            blocks.append(Block(stripped, "data", section, [(0, number, indent + 1)]))
            continue
        if (heading_lines and number in heading_lines) or is_heading_line(
            stripped, current is None, roles, stands_alone
        ):
            flush()
            heading(stripped.rstrip(":").strip(), number, indent + 1)
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            prefix = len(item.group(1))
            kind = "data" if is_data_line(item.group(2).strip()) else "item"
            current = Block(item.group(2), kind, section, [(0, number, prefix + 1)])
            continue
        # the next line goes on in lower case: prose wrapped at the margin, unless it is a row
        # of its own ("säng och bord 250,00 e" under "hyresgaranti 1 100,00 e")
        following = lines[number].strip() if number < len(lines) else ""
        wraps_on = following[:1].islower() and not _AMOUNT_AT_END.search(following)
        if is_data_line(stripped) and not (wraps_on and _AMOUNT_AT_END.search(stripped)):
            # one block per line: rows and fields never merge into a 60-word "sentence"; a
            # line that ends in a number and goes on in lower case ("… 1 380,00" / "euroa.")
            # is prose wrapped at the margin
            flush()
            blocks.append(Block(stripped, "data", section, [(0, number, indent + 1)]))
            continue
        if current is None:
            current = Block(stripped, "paragraph", section, [(0, number, indent + 1)])
        else:
            current.anchors.append((len(current.text) + 1, number, indent + 1))
            current.text += " " + stripped
    flush()
    return Document(path=path, blocks=split_run_in_headings(blocks, roles))


_HANGING_LABEL = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ ,-]{2,40}:\t+\S")


def _numbered_heading(title: str, roles: SectionRoles, stands_alone: bool = False) -> bool:
    """"3. Perustelut" is a heading; "1. Lähetä tiliote." is a list item. A short numbered line
    set apart by a blank line is a heading whatever it says ("4. Muistilista", "5. Kysyttävää
    päätöksestä?"); inside a list, only one whose words name a section ("1. Vuokrasopimus" in
    a list is an item)."""
    if len(title.split()) > _LABEL_WORDS or title.endswith((".", "!", ",", ";")):
        return False
    if stands_alone:
        return True
    return not title.endswith("?") and roles.classify(title) is not None


# sections whose sub-headings name the items they reason about ("Perustelut" / "Kausimaksu")
_ITEM_PARENTS = frozenset({"justification", "discretion"})


def assign_role(block: Block, roles: SectionRoles, above: Block | None = None) -> None:
    """A heading whose words name a role starts that section; any other heading (a sub-heading
    such as "Vuokra" under the justification) stays in the section it is in.

    ``above`` is the block right before, when the heading follows it with nothing between. A
    heading straight under the justification's own that names a role only by part of a
    compound ("Kausimaksu", "Hyresbetalning") names an item reasoned about, not a section."""
    match = roles.classify(block.text)
    if (match and match.compound_only and above is not None and above.kind == "heading"
            and above.section in _ITEM_PARENTS):
        block.section = above.section
        block.reason = (f"sub-heading of '{above.text}' ({match.reason}, but only by part of "
                        "a compound)")
        return
    if match:
        block.section = match.role
        block.reason = match.reason
    elif block.section:
        block.reason = "no role named; stays in the section above"


def is_heading_line(
    line: str, starts_block: bool, roles: SectionRoles, stands_alone: bool = True
) -> bool:
    """A heading printed as text: a label line ("Perustelut:", "Mitä päätimme:"), a short line
    in capitals, or a short line at the start of a block whose words name a section. A line of
    prose wrapped at the margin can look the same, so a line followed by more text must be
    short and without a clause ("Kerro seuralle, että kausimaksu…" is not a heading)."""
    words = len(line.split())
    if _LABEL_LINE.match(line) and words <= _LABEL_WORDS:
        # "Otimme huomioon seuraavat tulot:" introduces a list; it is a sentence, not a label;
        # "Miksi päätimme näin:" names a section, verb or not, but "Saimme nämä asiakirjat:"
        # announces the list that follows (a determiner pointing ahead)
        if words <= 2 or not has_finite_verb(line):
            return True
        if not stands_alone and not _QUESTION.match(line):
            return False  # "Päätöstä tehdessämme käytössä olivat:" and its list right below
        return roles.classify(line) is not None and not _ANNOUNCES_LIST.search(line)
    if starts_block and is_capitalised_heading(line):
        return True
    return (
        starts_block
        and words <= _HEADING_WORDS
        and not line.endswith((".", "!", "?", ",", ";"))
        and not is_data_line(line)
        and line[:1].isupper()
        # "Päätöspäivä 12.3.2026" in a header is a field; "Laskelma joulukuu 2026" alone a heading
        and (stands_alone or not any(ch.isdigit() for ch in line))
        and (stands_alone or (words <= _CLOSE_HEADING_WORDS and "," not in line))
        and not _MONEY.search(line)  # "Myönnämme sinulle 248,50 euroa:" states an outcome
        and roles.classify(line) is not None
    )


SWEDISH_FINITE = frozenset({
    "är", "var", "har", "hade", "kan", "kunde", "ska", "skall", "skulle", "får", "fick", "måste",
    "bör", "vill", "blir", "blev", "gäller", "beviljar", "betalar", "ger", "gav", "finns",
})
_FIELD_WORDS = 8
_SHORT_FIELD_WORDS = 4
# "Sökande: Dödsboet efter Ragnar Holm, företrätt av dottern Annika Holm": a label of one to
# three words and a colon may carry a longer value (a name with who represents it, an address)
_LABELLED = re.compile(r"^([^\W\d_][^\W\d_-]*(?:[ -][^\W\d_]+){0,2}):\s+(\S.*)$")
_LABELLED_FIELD_WORDS = 14
# a heading may ask what its section answers: "Miksi päätimme näin:", "Vad gör jag nu:"
_QUESTION = re.compile(r"^(?:miksi|mitä|miten|mihin|mistä|kuka|keneltä|milloin|näin|jos|vad|"
                       r"varför|hur|vem|när|så här|om)\b", re.IGNORECASE)
_MONEY = re.compile(r"\d,\d{2}\s*(?:€|e\b|eur|euro)", re.IGNORECASE)
# words that point ahead to a list: "seuraavat tulot:", "nämä asiakirjat:", "följande handlingar:"
_ANNOUNCES_LIST = re.compile(r"\b(?:seuraava\w*|nämä|näitä|näistä|alla olev\w*|följande|dessa|"
                             r"nedanstående)\b", re.IGNORECASE)
_SV_VERB_ENDINGS = ("ar", "er", "ir", "as", "es", "ade", "ades", "de", "te")


def has_dot_leader(line: str) -> bool:
    """"Vuokrarästi helmikuu .......... 695,00 €": a label led by dots to its value."""
    return _DOT_LEADER.search(line) is not None


def is_field_line(line: str) -> bool:
    """"Hakija Matti Esimerkki", "Beslutsdatum 4.5.2026": a label and its value on one short
    line, with no verb and no full stop; a header field, not a sentence addressed to anyone."""
    words = re.findall(r"[^\W\d_]+", line)
    if not words or line.rstrip().endswith((".", "!", "?")):
        return False
    labelled = _LABELLED.match(line)
    if labelled and len(line.split()) <= _LABELLED_FIELD_WORDS and line[:1].isupper():
        value = [w for w in re.findall(r"[^\W\d_]+", labelled.group(2)) if w.islower()]
        return not any(w in SWEDISH_FINITE for w in value) and not has_finite_verb(" ".join(value))
    if len(line.split()) > _FIELD_WORDS:
        return False
    if not line[:1].isupper():
        return False
    if len(line.split()) <= _SHORT_FIELD_WORDS and re.search(r"\d[\d.\-/]*\s*$", line):
        return True  # "Hakemus saapui 28.11.2026": a label ending in its value, verb or not
    # a verb is looked for in the first word and the lower-case ones: capitalised words inside
    # a line are names ("Anna" is a name here, not Finnish "give!")
    candidates = [words[0]] + [word for word in words[1:] if word.islower()]
    if any(word.lower() in SWEDISH_FINITE for word in candidates):
        return False
    if any(word.endswith(_SV_VERB_ENDINGS) for word in candidates[1:]):
        return False  # "Stödet betalas till ditt konto": a Swedish sentence without its stop
    return not has_finite_verb(" ".join(candidates), all_words=True)


def has_finite_verb(line: str, all_words: bool = False) -> bool:
    from totudocs.reading.language import analyse

    return any(
        reading.word_class == "teonsana"
        and reading.mood in ("indicative", "imperative", "conditional")
        for word in re.findall(r"[^\W\d_]+", line)
        for reading in (analyse(word) if all_words else analyse(word)[:1])
    )


def field_lines(block: Block, roles: SectionRoles) -> list[Block]:
    """A run of two or more short lines none of which ends a sentence ("Hakija Matti Esimerkki",
    "Hakemus saapui 5.3.2026") is a header printed as label and value: one data block per line.
    Anything else is the paragraph it was."""
    if block.kind != "paragraph" or len(block.anchors) < 2:
        return [block]
    bounds = [a[0] for a in block.anchors] + [len(block.text) + 1]
    lines = [block.text[start : end - 1 if end <= len(block.text) else end].strip()
             for start, end in itertools.pairwise(bounds)]
    if not all(_header_line(line) for line in lines):
        return [block]
    result = []
    section = block.section
    for line, (_offset, number, column) in zip(lines, block.anchors, strict=True):
        if is_capitalised_heading(line):
            heading = Block(line.rstrip(":"), "heading", section, [(0, number, column)])
            assign_role(heading, roles, result[-1] if result else None)
            section = heading.section
            result.append(heading)
        else:
            result.append(Block(line, "data", section, [(0, number, column)], block.suppressions))
    return result


def _header_line(line: str) -> bool:
    """A line of a header: short and not a sentence, or a "Label: value" field (which may end
    in an abbreviation's full stop: "Lapset: Oona 14 v. ja Veeti 9 v.")."""
    field = _FIELD.match(line.rstrip(".")) if line.count(":") == 1 else None
    if line.endswith((".", "!", "?", ",", ";")) and not (
            field and len(field.group(1).split()) <= _FIELD_VALUE_WORDS and line.endswith(".")):
        return False
    return len(line.split()) <= _LABEL_WORDS or (
        field is not None and len(field.group(1).split()) <= _FIELD_VALUE_WORDS)


def is_capitalised_heading(line: str) -> bool:
    """"PERUSTELUT", "BESLUT OM UTKOMSTSTÖD": a short line typed in capitals is a heading."""
    return (
        line.isupper()
        and len(line.split()) <= _HEADING_WORDS
        and sum(ch.isalpha() for ch in line) >= 4
        and not is_data_line(line)
    )


def is_data_line(line: str) -> bool:
    ends_in_amount = _AMOUNT_AT_END.search(line) is not None
    if line.endswith((".", "!", "?")) and not ends_in_amount:
        return False
    if ends_in_amount and len(line.split()) <= 10:
        return True
    if _COLUMNS.search(line) and any(ch.isdigit() for ch in line):
        return True
    if _DOT_LEADER.search(line):
        return True  # "Hakija ........ Niko Esimerkki"
    field = _FIELD.match(line)
    # "Hakija: Maija Esimerkki, Esimerkkitie 1 B 2, 00100 Helsinki" is a field, address and all
    return (bool(field) and len(field.group(1).split()) <= _FIELD_VALUE_WORDS
            and not line.endswith(".")
            and not _SENTENCE_INSIDE.search(field.group(1)))  # a value with sentences is prose
