"""Claims in sentences: what a sentence says about the outcome, and whether it gives a reason.

The justification checks judge sentences, not sections: a housing-cap requirement applies to
the sentence that caps the rent (not to one that says the rent is within the norm), a statement
is "mentioned" only when a sentence names a social-care statement as such (not a doctor's
"lääkärinlausunto", not "inget utlåtande från socialvården"), and a departure from a statement
needs its reason in the same sentence or the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from totudocs.lint.justification.facts import AMOUNT, DATE, has_fact, mentions
from totudocs.reading.analysis import split_sentences
from totudocs.reading.model import Block


@dataclass(frozen=True)
class Claim:
    """One sentence of a document, with the block it came from."""

    text: str
    block: Block
    start: int  # offset in block.text
    index: int  # position among the document's sentences

    @property
    def section(self) -> str | None:
        return self.block.section

    def evidence(self, why: str) -> dict[str, object]:
        line, column = self.block.position(self.start)
        return {"line": line, "column": column, "text": self.text, "why": why}


def sentences(blocks: Iterable[Block]) -> list[Claim]:
    result: list[Claim] = []
    for block in blocks:
        if block.kind == "heading":
            continue
        for start, end in split_sentences(block.text):
            text = block.text[start:end].strip()
            if text:
                result.append(Claim(text, block, start, len(result)))
    return result


def find(claims: Iterable[Claim], key: str) -> Iterator[Claim]:
    return (c for c in claims if mentions(c.text, key))


# -- housing costs -----------------------------------------------------------------------------
# A rent within the norm is accepted in full; only a sentence that limits the costs caps them.
_WITHIN_NORM = re.compile(
    r"\b(?:alle|alittaa|pienempi kuin|pienemmät kuin|matalampi kuin|enintään kohtuullisen|"
    r"mahtuu|mahtuvat|kokonaan|koko vuokran|täysimääräisesti|lägre än|under den skäliga|"
    r"ryms inom|inom den skäliga|inom de skäliga|hela hyran|hela beloppet|i sin helhet|fullt ut)",
    re.IGNORECASE,
)
_LIMITING = re.compile(
    r"\b(?:vain|ainoastaan|enintään|rajaamme|rajattu|rajoitamme|kohtuulliseen määrään|"
    r"kohtuullisen (?:vuokran|asumismenon) (?:mukaisesti|suuruisena|määrään|verran)|"
    r"ylittää|ylittävää|ylittävältä|yli kohtuullisen|"
    r"endast|bara|högst|begränsa\w*|överstiger|överskjutande|den del som)\b",
    re.IGNORECASE,
)


def caps_housing_costs(claim: Claim) -> bool:
    """The sentence limits housing costs to a norm (not: says they are within it)."""
    if not mentions(claim.text, "housing_cap"):
        return False
    if _LIMITING.search(claim.text):
        return True
    return not _WITHIN_NORM.search(claim.text) and bool(AMOUNT.search(claim.text)) and bool(
        re.search(r"\b(?:otamme huomioon|hyväksymme|huomioimme|vi godkänner|vi beaktar|"
                  r"vi räknar med)\b", claim.text, re.IGNORECASE))


# -- statements --------------------------------------------------------------------------------
# A doctor's or therapist's statement is a certificate, whatever it is called.
_OTHER_STATEMENT = re.compile(
    r"\b\w*(?:lääkärin|lääkäri|terapeutin|psykologin|hammaslääkärin|asiantuntija)lausun\w*|"
    r"\b\w*(?:läkar|psykolog|terapeut|tandläkar)utlåtande\w*",
    re.IGNORECASE,
)
_NOT_A_STATEMENT = re.compile(
    r"\b(?:inget|inte något|ej något) (?:\w+ )?utlåtande|\bei (?:ole|ollut) (?:\w+ )?lausun",
    re.IGNORECASE,
)


def mentions_statement(claim: Claim) -> bool:
    """The sentence names a social-care statement (TTL 15 §) as received or considered."""
    text = _OTHER_STATEMENT.sub(" ", claim.text)
    if _NOT_A_STATEMENT.search(text):
        return False
    return mentions(text, "statement_mentioned")


_EVIDENCE_SOURCE = re.compile(r"\b\w+(?:n|en|in) mukaan\b|\benligt \w+", re.IGNORECASE)
_REASON_WINDOW = 3  # the claim and the sentences right after it, in the same section


def gives_reason(claims: list[Claim], claim: Claim) -> Claim | None:
    """The sentence that gives a reason with a fact for ``claim``: the claim itself or one of
    the next sentences of its section, with a reason marker ("koska", "eftersom") or a named
    source ("hammaslääkärin todistuksen mukaan", "enligt intyget")."""
    for candidate in claims[claim.index : claim.index + _REASON_WINDOW + 1]:
        if candidate.block.section != claim.block.section:
            break
        reasoned = mentions(candidate.text, "reason_markers") or _EVIDENCE_SOURCE.search(
            candidate.text)
        if reasoned and has_fact(candidate.text):
            return candidate
    return None


def has_deadline(text: str) -> bool:
    return bool(DATE.search(text)) or bool(
        re.search(r"\b(?:kolme|kolmen|3) kuukau\w*|\btre månader|\b3 månader", text, re.IGNORECASE)
    )


# -- attachments and evidence ------------------------------------------------------------------
_KEY_WORD = re.compile(r"[^\W\d_]{4,}")
_MIN_KEY = 5
# Words that name who issued a document or the decision itself, not what the document is.
_NOT_CONTENT = frozenset({
    "hyvinvointialue", "hyvinvointialueen", "välfärdsområde", "kela", "fpa", "kaupunki", "kunta",
    "päätös", "beslut", "hakemus", "ansökan", "ansökn", "liite", "bilag", "asiakirja", "handling",
    "selvitys", "utredning", "sosiaali", "huolto", "sosiaalihuolto", "socialvård", "från",
    "grundläggande", "toimeentulotuki", "utkomststöd", "perustoimeentulotuki",
})


def content_keys(text: str) -> set[str]:
    """What a text is about, as comparable keys: Finnish base forms and compound heads,
    Swedish stems (so "Vuokrasopimus 1.6.2025" meets "vuokrasopimuksen mukaan")."""
    from totudocs.reading.language import analyse
    from totudocs.reading.roles import _swedish_stem

    keys: set[str] = set()
    for word in _KEY_WORD.findall(text):
        readings = analyse(word) or analyse(word.lower())
        if readings:
            keys.add(readings[0].baseform.lower())
            if readings[0].compound:
                keys.add(readings[0].compound[-1])
        else:
            keys.add(_swedish_stem(word))
    return {k for k in keys if len(k) >= _MIN_KEY and k not in _NOT_CONTENT}


def names_application_or_decision(text: str) -> bool:
    """An item that is the application or an earlier decision needs no discussion of its own."""
    first = _KEY_WORD.findall(text.lower())[:2]
    return any(w.startswith(("hakemus", "ansökan", "päätös", "beslut", "fpa:s beslut"))
               for w in first) or bool(re.match(r"\w+(?::s|n) (?:beslut|päätös)", text.lower()))


# -- guidance to the client --------------------------------------------------------------------
# Swedish imperatives that open an instruction ("Skicka", "Ansök", "Meddela"); Finnish ones are
# recognised by Voikko's mood.
_SV_IMPERATIVE = frozenset({
    "skicka", "ansök", "meddela", "kom", "kontakta", "lämna", "spara", "boka", "visa", "ta",
    "gör", "fyll", "tänk", "anmäl", "sök", "berätta", "ring", "glöm",
})
_ADDRESSED_DUTY = re.compile(
    r"\b(?:sinun (?:pitää|tulee|täytyy|kannattaa)|muista)\b|^Du (?:ska|bör|måste)\b",
)
_NOT_GUIDANCE = ("review", "contact", "signature", "calculation", "own-share", "payments")


def gives_guidance(claim: Claim) -> bool:
    """The sentence tells the client to do something: an imperative or "sinun pitää…"."""
    if claim.section in _NOT_GUIDANCE or mentions(claim.text, "own_share"):
        return False  # paying one's own bills is the own share, told separately
    if _ADDRESSED_DUTY.search(claim.text):
        return True
    first = re.match(r"[^\W\d_]+", claim.text)
    if not first:
        return False
    word = first.group(0)
    if word.lower() in _SV_IMPERATIVE:
        return True
    from totudocs.reading.language import analyse

    readings = analyse(word) or analyse(word.lower())
    return any(reading.mood == "imperative" for reading in readings)
