"""Run-in headings: a section's name set at the start of its first paragraph ("Beslut. Du får…",
"Motivering: …", "PERUSTELUT:<tab>Tuki lasketaan…", "Vad händer nu? Ta med…"), as letters and old
case-management exports write them. Every reader hands its blocks through here, so that such a
paragraph becomes the heading it stands for and the text after it, and the section it opens
runs until the next heading."""

from __future__ import annotations

import re

from totudocs.reading.model import Block
from totudocs.reading.roles import SectionRoles

# a short lead, ended by a full stop, a colon or a question mark, and the text going on after it
_LEAD = re.compile(r"^(?P<lead>[A-ZÅÄÖ][^.:?!\n]{1,48}?)(?P<end>[.:?])\s+(?=\S)")
_LEAD_WORDS = 5
_QUESTION_WORDS = 6


def split_run_in_headings(blocks: list[Block], roles: SectionRoles) -> list[Block]:
    """The blocks with each run-in heading made a heading block of its own; the sections of the
    blocks after it follow the role it names, up to the next heading."""
    result: list[Block] = []
    opened: str | None = None  # the role a run-in heading opened, until the next heading
    for block in blocks:
        if block.kind == "heading":
            opened = None
            result.append(block)
            continue
        lead = _LEAD.match(block.text) if block.kind in ("paragraph", "data") else None
        if lead is not None and not re.search(r"[a-zåäö]{3}", block.text[lead.end():]):
            lead = None  # "HANDLING:<tab>BESLUT OM UTKOMSTSTÖD": a field in capitals
        if lead is not None and block.kind == "data" and (
                not _CAPITALS_LABEL.match(block.text)
                or len(block.text[lead.end():].split()) < _PROSE_WORDS):
            # "Päätöksentekijä: Riikka Honkanen", "ASIAKIRJA:<tab>Päätös toimeentulotuesta":
            # a header field, not a section's label and its text
            lead = None
        match = None
        if lead is not None and _heading_like(lead.group("lead"), lead.group("end")):
            match = roles.classify(lead.group("lead"))
            if match is not None and match.compound_only:
                match = None  # "Vesimaksu. …" names an item, not the payments section
        if lead is None or match is None:
            if opened is not None:
                block.section = opened
            result.append(block)
            continue
        heading, body = _split(block, lead.end(), len(lead.group("lead")))
        heading.section, heading.reason = match.role, f"run-in heading: {match.reason}"
        body.section = opened = match.role
        if body.kind == "data" and len(body.text.split()) >= _PROSE_WORDS:
            body.kind = "paragraph"  # "MITÄ TEET NYT:<tab>Jos löydät…": the label's text
        result.extend([heading, body])
    return result


def _heading_like(lead: str, end: str) -> bool:
    """"Vad händer nu?" (a short question), "PERUSTELUT:" (a label), "Beslut." or "Varför du
    får stöd." (a name, or a heading that starts with a question word) are headings; "Maksamme
    400,00 € suoraan vuokranantajalle." and "Lähetit viisi liitettä." are sentences."""
    from totudocs.reading.text import has_finite_verb

    words = lead.split()
    if _SENTENCE_START.match(lead) or any(_swedish_verb(w) for w in words[1:]):
        return False  # "Vi följde utlåtandet.", "Utlåtandet gavs av:", "Kela päätti."
    if end == "?":
        return len(words) <= _QUESTION_WORDS
    if end == ":":
        return len(words) <= _LEAD_WORDS and not has_finite_verb(lead, all_words=True)
    if _QUESTION_WORD.match(lead):
        return len(words) <= _LEAD_WORDS
    return len(words) <= _NAME_WORDS and not has_finite_verb(lead, all_words=True)


_NAME_WORDS = 3
# a sentence's subject: a pronoun or the authority
_SENTENCE_START = re.compile(
    r"^(?:vi|du|jag|ni|han|hon|de|det|den|detta|me|te|sinä|minä|hän|he|se|tämä|kela|fpa|"
    r"hyvinvointialue|välfärdsområdet|"
    # the Finnish negation verb: "Emme noudattaneet lausuntoa." is a sentence
    r"en|et|ei|emme|ette|eivät)\b", re.IGNORECASE)


def _swedish_verb(word: str) -> bool:
    """A Swedish finite verb Voikko does not know: "följde", "gavs", "beviljades", "är"."""
    from totudocs.reading.text import SWEDISH_FINITE

    lowered = word.lower()
    if lowered in SWEDISH_FINITE:
        return True
    return len(lowered) >= 4 and lowered.endswith(("ade", "des", "tes", "avs", "ades", "jde",
                                                   "lde", "nde", "rde")) \
        and not lowered.endswith(("ande", "ende"))
_PROSE_WORDS = 4
# an old system's label in capitals, its text after a colon and a tab ("PERUSTELUT:<tab>…")
_CAPITALS_LABEL = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ ,-]{2,40}:\t")
_QUESTION_WORD = re.compile(
    r"^(?:mitä|miksi|miten|mihin|kuinka|näin|jos|vad|varför|hur|så här|om du|om ni)\b",
    re.IGNORECASE)


def _split(block: Block, cut: int, lead_length: int) -> tuple[Block, Block]:
    """The heading (the lead without its stop) and the rest, each with its own anchors."""
    heading = Block(block.text[:lead_length], "heading", block.section,
                    [a for a in block.anchors if a[0] < lead_length] or [(0, 1, 1)])
    line, column = block.position(cut)
    rest = [(offset - cut, ln, col) for offset, ln, col in block.anchors if offset > cut]
    body = Block(block.text[cut:], block.kind, block.section, [(0, line, column), *rest],
                 list(block.suppressions))
    return heading, body
