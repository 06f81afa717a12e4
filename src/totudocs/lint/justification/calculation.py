"""``calculation.inconsistent``: calculation rows that do not add up to their totals, and an
outcome amount that differs from the calculation's result.

Rows come from the document model, whatever the layout: table rows (HTML, Markdown), lines with
an amount at the end or in a column (plain text, PDF). Amounts are read in Finnish and Swedish
form ("1 313,40 €", "−695,20 €", "1.313,40 e"). Row roles are recognised by their labels:
a total ("Menot yhteensä", "Utgifter sammanlagt"), the result ("Perustoimeentulotuki",
"Alijäämä", "Utkomststöd"), income ("Tulot", "Inkomster": subtracted when printed without a
minus), and anything else is an item of the running group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from totudocs.reading.model import Block

AMOUNT = re.compile(
    r"(?P<sign>[-−–]\s?)?(?<![\d.,])(?P<int>\d{1,3}(?:[ \u00a0\u202f.]\d{3})*|\d+)"
    r"(?:,(?P<dec>\d{1,2}))?\s?(?:€|e\b|eur\b|euroa\b|euro\b)",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\b(?:yhteensä|yht\.|summa|totalt|sammanlagt|sammanräknat|total)\b",
                    re.IGNORECASE)
_RESULT = re.compile(
    r"^(?:\W*)(?:perustoimeentulotuki|toimeentulotuki|tuki|tukea|(?:täydentävä|ehkäisevä)\w* "
    r"toimeentulotu\w*|(?:kompletterande|förebyggande) utkomststöd|myönnettävä\w*|maksettava\w*|"
    r"alijäämä|erotus|tuen määrä|grundläggande utkomststöd|utkomststöd|stöd|underskott|"
    r"skillnad|beviljas|att betala|stödbelopp|"
    # "Menot − tulot", "Utgifter minus inkomster": the row that subtracts one side from the other
    r"menot\s*(?:[−–-]|miinus)\s*tulot|utgifter\s*(?:[−–-]|minus)\s*inkomster)\b|"
    # "Hyvinvointialue maksaa", "Kela maksaa", "Välfärdsområdet betalar": what the payer pays
    r"^[\w-]+ (?:maksaa|betalar)\s*(?:\.{2,}|$)",
    re.IGNORECASE,
)
_INCOME = re.compile(
    r"\b(?:tulo\w*|inkomst\w*|vähennetään|avdrag\w*)|\w*etuu\w*|\w*förmån\w*|"
    # benefits and pay, by name, wherever they stand ("Sairauspäiväraha", "Allmänt bostadsbidrag")
    r"(?:asumis|työmarkkina|kotoutumis|elatus|opinto)tu(?:ki|en|kea)\b|päivära\w*|lapsilis\w*|"
    r"eläke\w*|\bpalkka\w*|bostadsbidrag\w*|barnbidrag\w*|\blön\b|\bnettolön\w*|"
    r"pension\w*|dagpenning\w*|arbetsmarknadsstöd\w*|underhållsstöd\w*|"
    # the client's own part, taken off what the support pays ("josta maksat itse …")
    r"\bmaksat itse\b|\boma osuu\w*|\bomavastuu\w*|\bbetalar du själv\b|\begen andel\w*",
    re.IGNORECASE)
_GRANT = re.compile(
    r"\b(?:myön\w+|maksamme|saat\b|beviljar|beviljas|betalar vi|du får|får du)\b",
    re.IGNORECASE,
)
CENT = Decimal("0.01")


@dataclass
class Row:
    label: str
    value: Decimal
    block: Block
    explicit_sign: bool
    under_income: bool = False  # the row stands under an income heading ("Tulot", "Inkomster")

    @property
    def is_total(self) -> bool:
        return bool(_TOTAL.search(self.label))

    @property
    def is_result(self) -> bool:
        return bool(_RESULT.search(self.label)) and not self.is_total

    @property
    def is_income(self) -> bool:
        return self.under_income or bool(_INCOME.search(self.label))

    def signed(self) -> Decimal:
        """Income printed without a minus is still subtracted."""
        if self.is_income and not self.explicit_sign and self.value > 0:
            return -self.value
        return self.value


@dataclass
class Inconsistency:
    message: str
    block: Block
    found: Decimal
    expected: Decimal


def parse_amount(match: re.Match[str]) -> Decimal:
    whole = re.sub(r"[ \u00a0\u202f.]", "", match.group("int"))
    value = Decimal(f"{whole}.{match.group('dec') or '0'}")
    return -value if match.group("sign") else value


# a row the table marks as not granted ("Fiolhyra | 140,00 € | beviljas inte"): not in the sum
_NOT_GRANTED = re.compile(r"\b(?:ei myönnetä|ei myönnetty|emme myönnä|hylätään|hylätty|"
                          r"ei hyväksytä|emme hyväksy|beviljas inte|vi beviljar inte|avslås|"
                          r"avslaget|godkänns inte|vi godkänner inte)\b", re.IGNORECASE)


_BARE_AMOUNT = re.compile(
    r"(?P<sign>[-−–]\s?)?(?P<int>\d{1,3}(?:[ \u00a0\u202f.]\d{3})*|\d+),(?P<dec>\d{2})\s*$")
_EURO_COLUMN = re.compile(r"(?:^|\|)\s*(?:€|€/kk|eur|euro|euroa)\s*(?:\||$)|"
                          r"\s(?:€|eur|euroa)(?:\s*/\s*(?:kk|kuukausi|mån|månad))?\s*$",
                          re.IGNORECASE)
_COLUMN_GAP = re.compile(r"\S\s{3,}\S")  # columns of a PDF's text, set apart by spaces
_EXPENSES = re.compile(r"\b(?:meno\w*|kulu\w*|utgift\w*|kostnad\w*)", re.IGNORECASE)


# "1 157,40 € − 790,15 € = 367,25 €": the result written as the subtraction that gives it
_EQUATION = re.compile(rf"^\W*{AMOUNT.pattern}\s*[−–-]\s*{AMOUNT.pattern}\s*=\s*"
                       .replace("(?P<sign>", "(?:").replace("(?P<int>", "(?:")
                       .replace("(?P<dec>", "(?:") + r"(?=\d)", re.IGNORECASE)


# "598,40 € | Perusosa": the amount in the left column, the label after it
_AMOUNT_FIRST = re.compile(
    r"^\s*(?P<sign>[-−–]\s?)?(?P<int>\d{1,3}(?:[ \u00a0\u202f.]\d{3})*|\d+),(?P<dec>\d{2})\s*"
    r"(?:€|e|eur|euroa)?\s*\|\s*(?P<label>.*\S)\s*$", re.IGNORECASE)


def _row(block: Block, euro_column: bool = False) -> Row | None:
    first = _AMOUNT_FIRST.match(block.text)
    if first is not None and sum(ch.isalpha() for ch in first.group("label")) >= 2 \
            and not AMOUNT.search(first.group("label")):
        return Row(first.group("label"), parse_amount(first), block, bool(first.group("sign")))
    text = block.text.replace("|", " ").strip()
    equation = _EQUATION.match(text)
    if equation is not None:
        result = AMOUNT.match(text, equation.end())
        if result is not None and not text[result.end():].strip(" ."):
            return Row("erotus", parse_amount(result), block, bool(result.group("sign")))
    if euro_column:
        # "Vuokra | 650,00 | todellinen vuokra 895,00": the amount column, then a remark
        cells = _cells(block.text)
        amount = next((c for c in cells[1:] if _CELL_AMOUNT.match(c)), None)
        if amount is not None and sum(ch.isalpha() for ch in cells[0]) >= 2 \
                and not AMOUNT.search(cells[0]):
            value = _cell_value(amount)
            return Row(cells[0], value, block, value < 0)
    bare = _BARE_AMOUNT.search(text) if euro_column else None
    # under a header "Menot | €", the last column holds the row's amount, even where the label
    # quotes other amounts ("Palkka 812,40 € miinus 150,00 € | 662,40")
    matches = [bare] if bare else list(AMOUNT.finditer(text))
    if not matches:
        return None
    last = matches[-1]
    plus = text.find("+", matches[0].end())
    if len(matches) >= 3 and plus != -1 and "=" not in text:
        # "Beviljat sammanlagt | 215,00 € | 59,00 € + 156,00 €": the sum, then how it is made
        before = [m for m in matches if m.end() <= plus]
        if len(before) >= 2:
            last = before[-2]
    label = text[: last.start()].strip(" :*")
    # a row's label is words; "1.12.–31.12.2026" or a bare amount is not a calculation row
    if sum(ch.isalpha() for ch in label) < 2:  # "El 27,30 €" is a row
        return None
    label = AMOUNT.sub(" ", label).strip()  # "Hyra (faktisk 780,00 €)": the label is "Hyra"
    return Row(label, parse_amount(last), block, bool(last.group("sign")))


_BARE_IN_ROW = re.compile(r"(?:^|\s|\|)[-−–]?\d{1,3}(?:[ \u00a0]\d{3})*,\d{2}(?:\s|\||$)")
_BARE_ROWS = 3
_APPLIED = re.compile(r"\b(?:haettu|haettiin|haetut|ansökt|ansökta|sökt|begärt)\b", re.IGNORECASE)
_GRANTED_HEADER = re.compile(r"\b(?:myönnetty|myönnetyt|hyväksytty|hyväksytyt|beviljat|beviljade|"
                             r"godkänt|godkända)\b", re.IGNORECASE)
_CELLS = re.compile(r"\t+|\s{2,}|\s*\|\s*")


def _names_applied_and_granted(text: str) -> bool:
    """A header naming an applied and a granted column ("Kostnad | Ansökt | Beviljat")."""
    return bool(_APPLIED.search(text) and _GRANTED_HEADER.search(text))


def _cells(text: str) -> list[str]:
    """A row's cells, split at tabs, runs of spaces or bars, without bold markers ("*1 316,20*")."""
    return [c.strip(" *_") for c in _CELLS.split(text.strip()) if c.strip(" *_")]


_NOTHING = {"-", "–", "—", "0", "0,00", "0,00 €", "ei", "nej"}


def _granted_cell(block: Block) -> Row | None:
    """A row under "Haettu | Myönnetty": its label, and the amount in its last cell ("-" is
    nothing granted)."""
    cells = _cells(block.text)
    if len(cells) < 2 or sum(ch.isalpha() for ch in cells[0]) < 2:
        return None
    last = cells[-1]
    if last.lower() in _NOTHING:
        return Row(cells[0], Decimal(0), block, False)
    amount = AMOUNT.fullmatch(last) or _BARE_AMOUNT.fullmatch(last)
    if amount is None:
        return None
    return Row(cells[0], parse_amount(amount), block, bool(amount.group("sign")))


_CELL_AMOUNT = re.compile(
    r"^(?:[-−–]\s?)?\d{1,3}(?:[ \u00a0\u202f.]\d{3})*,\d{2}\s*(?:€|e|eur|euroa)?$", re.IGNORECASE)


def partly_granted_rows(blocks: list[Block]) -> list[Block]:
    """Rows of a table with an applied and a granted column ("Meno | Haettu € | Myönnetty €")
    that grant less than was applied for: each is a partial grant or a denial, which needs its
    reason like any other."""
    found: list[Block] = []
    columns: tuple[int, int] | None = None
    for block in blocks:
        cells = _cells(block.text)
        if block.kind == "heading" or (not AMOUNT.search(block.text)
                                       and not any(_CELL_AMOUNT.match(c) for c in cells)):
            # the first column names the rows ("Haettu meno"); the amounts stand after it
            applied = next((i for i, c in enumerate(cells) if i and _APPLIED.search(c)), None)
            granted = next((i for i, c in enumerate(cells) if i and _GRANTED_HEADER.search(c)),
                           None)
            columns = (applied, granted) if applied is not None and granted is not None \
                and applied != granted else None
            continue
        if columns is None or block.kind != "data" or len(cells) <= max(columns) \
                or _TOTAL.search(cells[0]):
            continue  # the total row sums the others; their reasons answer it
        asked, given = cells[columns[0]], cells[columns[1]]
        if not _CELL_AMOUNT.match(asked):
            continue
        value = Decimal(0) if given.lower() in _NOTHING else (
            _cell_value(given) if _CELL_AMOUNT.match(given) else None)
        if value is not None and value < _cell_value(asked):
            found.append(block)
    return found


def _cell_value(cell: str) -> Decimal:
    match = AMOUNT.search(cell) or _BARE_AMOUNT.search(cell)
    return parse_amount(match) if match else Decimal(0)


def _calculation_blocks(blocks: list[Block]) -> list[Block]:
    """The calculation section, and a table set under a heading of its own columns
    ("ANSÖKT STÖD<tab>ANSÖKT<tab>BEVILJAT", which names the application) up to the next
    heading."""
    result: list[Block] = []
    in_table = False
    for block in blocks:
        if block.kind == "heading":
            in_table = bool(_COLUMN_GAP.search(block.text)) and (
                _names_applied_and_granted(block.text) or bool(_EURO_COLUMN.search(block.text)))
        if block.section == "calculation" or in_table:
            result.append(block)
    return result


def calculation_rows(blocks: list[Block]) -> list[Row]:
    """Rows of the calculation section; without one, the data lines that carry amounts.

    A heading, caption or short line above rows ("Tulot", "Inkomster") says what they are."""
    section = _calculation_blocks(blocks)
    candidates = section or [b for b in blocks if b.kind in ("data", "heading", "caption")]
    rows: list[Row] = []
    under_income = granted_column = False
    # a calculation printed without a euro sign on its rows ("Vuokra    735,00"): the amounts
    # are euros whether or not a header says so
    euro_column = sum(1 for b in section if b.kind == "data" and "€" not in b.text
                      and _BARE_IN_ROW.search(b.text)) >= _BARE_ROWS
    for block in candidates:
        if block.kind == "data" and _NOT_GRANTED.search(block.text):
            continue
        if block.kind != "paragraph" and _names_applied_and_granted(block.text) \
                and not AMOUNT.search(block.text):
            # "Kostnad | Ansökt | Beviljat": the last column is what the decision grants
            granted_column = True
            continue
        row = None
        if block.kind != "heading":
            row = _granted_cell(block) if granted_column else _row(block, euro_column)
        if row is None:
            columns = "|" in block.text or _COLUMN_GAP.search(block.text)
            if block.kind in ("data", "paragraph") and not AMOUNT.search(block.text) and (
                    columns or (block.kind == "data" and len(block.text.split()) <= 3)):
                # a table's header row: its unit column ("Menot | €", "Menot €/kk"), and what
                # the rows are when it names one side only ("Inkomster | €")
                # one unit column only: "Menot € | Tulot €" puts amounts in two columns
                euro_column = bool(_EURO_COLUMN.search(block.text)) and block.text.count("€") < 2
                first = block.text.split("|")[0]
                income, expenses = bool(_INCOME.search(first)), bool(_EXPENSES.search(first))
                if income != expenses:
                    under_income = income
            # a table's header row ("Mistä | Summa") is data without amounts: no new context
            if block.kind in ("heading", "caption") or (
                    block.kind != "data" and len(block.text.split()) <= 4):
                # "Tulot" says the rows are income; "Menot ja tulot" says nothing of the kind
                under_income = (bool(_INCOME.search(block.text)) and not _TOTAL.search(block.text)
                                and not _EXPENSES.search(block.text))
            continue
        row.under_income = under_income and not row.is_total and not row.is_result
        rows.append(row)
    if not section and not any(r.is_total or r.is_result for r in rows):
        return []  # amounts in a header or a list, not a calculation
    return rows


def check_calculation(blocks: list[Block]) -> list[Inconsistency]:
    rows = calculation_rows(blocks)
    problems: list[Inconsistency] = []
    group: list[Row] = []
    # the totals so far, and items outside any total, in order: as printed, and as the rows
    # themselves add up (they differ only after a wrong total, which is reported once)
    printed: list[Decimal] = []
    computed: list[Decimal] = []
    result: Row | None = None
    subtotals: list[Row] = []  # rows that stand for the rows above them
    for row in rows:
        if row.is_total and len(group) >= 3 and group[0] in subtotals \
                and _adds_up(group[1:], row.value):
            # "Hyväksytyt menot 2 993,26 €", then the income rows and "Tulot yhteensä": the
            # total sums the rows after the subtotal, which stands on its own
            printed.append(group[0].value)
            computed.append(group[0].value)
            group = group[1:]
        if row.is_total:
            total = row.value
            rows_sum = _sum(group) if len(group) >= 2 else None
            if rows_sum is not None and abs(abs(rows_sum) - abs(total)) >= CENT and abs(
                    sum((abs(r.value) for r in group), Decimal(0)) - abs(total)) < CENT:
                # the rows add up as printed; only some of them were recognised as income
                # ("Työttömyysetuus" beside "Yleinen asumistuki"): one side, all of them
                rows_sum = -abs(total) if any(r.is_income for r in group) else abs(total)
            if rows_sum is not None and abs(abs(rows_sum) - abs(total)) >= CENT:
                problems.append(Inconsistency(
                    f"the rows above '{row.label}' add up to {_euros(abs(rows_sum))}, "
                    f"but the total says {_euros(abs(total))}", row.block, total, rows_sum))
            negative = (group and all(r.is_income for r in group)) or row.is_income or (
                rows_sum is not None and rows_sum < 0 and any(r.is_income for r in group))
            printed.append(-abs(total) if negative else total)
            own = abs(rows_sum) if rows_sum is not None else abs(total)
            computed.append(-own if negative else own)
            group = []
        elif row.is_result and (printed or group):
            result = row
            rest = _sum(group)
            candidates = {sum(printed, Decimal(0)) + rest, sum(computed, Decimal(0)) + rest}
            surplus = all(value < 0 for value in candidates) and row.value == 0
            if not surplus and all(abs(abs(v) - abs(row.value)) >= CENT for v in candidates):
                expected = sum(printed, Decimal(0)) + rest
                problems.append(Inconsistency(
                    f"the calculation gives {_euros(expected)}, but '{row.label}' says "
                    f"{_euros(row.value)}", row.block, row.value, expected))
            group, printed, computed = [], [], []
        elif len(group) >= 2 and abs(_sum(group) - row.value) < CENT:
            group = [row]  # a subtotal ("Perusosa alennuksen jälkeen", a bold "Utgifter" row)
            subtotals.append(row)
        elif subtotal := _trailing_subtotal(group, row):
            # the last rows add up to this one ("Huomioidut tulot" after the benefits counted
            # as income): they are its parts, and it stands in their place with its own sign
            group = [*group[:-subtotal], row]
        else:
            group.append(row)
    if result is not None:
        problems.extend(_outcome_differs(blocks, result, rows))
    return problems


def _trailing_subtotal(group: list[Row], row: Row) -> int:
    """How many of the last rows (two or more, not all) ``row`` is the sum of; 0 if none."""
    for count in range(2, len(group)):
        # "Työttömyysetuus" beside "Yleinen asumistuki" under "Tulot": the parts add up as
        # printed even where only some of them were recognised as income
        if _adds_up(group[-count:], row.value):
            return count
    return 0


def _outcome_differs(blocks: list[Block], result: Row, rows: list[Row]) -> list[Inconsistency]:
    """The amount the outcome grants must be the calculation's result."""
    outcome = [b for b in blocks if b.section == "outcome" and b.kind in ("paragraph", "item")]
    for block in outcome or blocks[:8]:
        for sentence in re.split(r"(?<=[.!?])\s+", block.text):
            if not _GRANT.search(sentence):
                continue
            match = AMOUNT.search(sentence)
            if match is None:
                continue
            granted = parse_amount(match)
            if granted == result.value or any(granted == r.value for r in rows):
                return []
            return [Inconsistency(
                f"the decision grants {_euros(granted)}, but the calculation's result "
                f"('{result.label}') is {_euros(result.value)}", block, granted, result.value)]
    return []


def _adds_up(rows: list[Row], total: Decimal) -> bool:
    """The rows make ``total``, with their signs or as printed (income not recognised)."""
    return min(abs(abs(_sum(rows)) - abs(total)),
               abs(sum((abs(r.value) for r in rows), Decimal(0)) - abs(total))) < CENT


def _sum(rows: list[Row]) -> Decimal:
    return sum((r.signed() for r in rows), Decimal(0))


def _euros(value: Decimal) -> str:
    sign = "−" if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", "\u00a0")
    return f"{sign}{groups},{cents} €"
