"""Recognising case-specific facts, provisions and generic formulas in Finnish and Swedish text.

Vagueness is judged by content: a justification passes when it names an amount, a date, or a
concrete expense or circumstance, even if it also contains a generic formula.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "justification.yaml"

AMOUNT = re.compile(
    r"\d[\d\s\u00a0]*(?:,\d{1,2})?\s?(?:€|euroa?\b|euron\b|eurolla\b|e\b)|\b\d+\s?(?:%|prosent)",
    re.IGNORECASE,
)
DATE = re.compile(
    r"\b\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b(?:den\s)?\d{1,2}\s(?:januari|februari|mars|april|maj|juni|juli|augusti|september|"
    r"oktober|november|december)\b|"
    r"\b(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu\w*|"
    r"\b(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
    r"december)\s+\d{4}\b",
    re.IGNORECASE,
)
# an amount in euros as written in Finnish and Swedish, with or without the sign: "1 380,00"
MONEY = re.compile(r"\d{1,3}(?:[ \u00a0]\d{3})*,\d{2}")


def euros(written: str) -> float:
    """The value of an amount written "1 380,00"."""
    return float(re.sub(r"[ \u00a0]", "", written).replace(",", "."))


def euro_amounts(text: str) -> list[float]:
    return [euros(m.group()) for m in MONEY.finditer(text)]


PROVISION = re.compile(
    r"\d+\s?[a-h]?\s?§|§\s?\d+|\b(?:lain|laki|lag(?:en)?)\s(?:om\s)?\w*\s?\d+\s?[a-h]?\s?§",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÜü-]+")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


# Beyond the listed formulas: "because of the overall situation" in any wording, a connective
# of reason whose object is the whole picture rather than a fact.
_OVERALL = re.compile(
    r"\bkokonais(?:tilante|tilanne|harkinna|harkinta|arvio|arvioinni|kuva)\w*\s+"
    r"(?:perusteella|huomioiden|huomioon\s+ottaen|vuoksi|mukaisesti)\b|"
    r"\b(?:med hänsyn till|på grund av|utifrån|med beaktande av|mot bakgrund av)\s+"
    r"(?:en |den |din |er |hela )?(?:helhets\w*|sammantagen bedömning|samlad bedömning|"
    r"totalbedömning)",
    re.IGNORECASE,
)


def generic_formulas(text: str) -> list[str]:
    lowered = text.lower()
    listed = [g for g in lexicon()["generic"] if g in lowered]
    return listed + [m.group().lower() for m in _OVERALL.finditer(text)
                     if not any(m.group().lower() in g or g in m.group().lower()
                                for g in listed)]


def without_formulas(text: str) -> str:
    """The text with its generic formulas cut out: what is left is what the text says."""
    for formula in generic_formulas(text):
        text = re.sub(re.escape(formula), " ", text, flags=re.IGNORECASE)
    return text


def concrete_terms(text: str) -> set[str]:
    """Named expenses and circumstances, matched on Voikko base forms and compound parts
    ("hammashoitolasku" names hammashoito and lasku) or, in Swedish, as the start or the head of
    a word ("hyresskulden" names hyresskuld). A term inside an unrelated word does not count:
    "toimeentulotuki" names no income ("tulo")."""
    from totudocs.reading.language import analyse

    terms = set(lexicon()["expenses"]) | set(lexicon()["circumstances"])
    found: set[str] = set()
    for word in _WORD.findall(text):
        lowered = word.lower()
        if any(prefix in lowered for prefix in _SERVICE_NAMES):
            continue  # "aikuissosiaalityön asiakas" names a service, not the client's work
        readings = analyse(word) or analyse(lowered)
        if readings:
            forms = set()
            for reading in readings[:2]:
                base = reading.baseform.lower()
                forms.add(base)
                forms.update(reading.compound)
                parts = reading.compound
                # adjacent parts together: "hammas|hoito|lasku" names "hammashoito"
                forms.update("".join(parts[i:j]) for i in range(len(parts))
                             for j in range(i + 2, len(parts) + 1))
            found |= terms & forms
            continue
        for term in terms:
            if len(term) < _MIN_AFFIX_TERM:
                if lowered == term:
                    found.add(term)
            elif lowered.startswith(term) or term in lowered[-(len(term) + _SV_INFLECTION):]:
                found.add(term)
    return found


_MIN_AFFIX_TERM = 4
_SERVICE_NAMES = ("sosiaalityö", "sosiaalihuol", "socialarbet", "socialvård", "sosiaalitoim")
_SV_INFLECTION = 4  # "-erna", "-en", "-et" after a Swedish compound's head


def has_fact(text: str) -> bool:
    """An amount, a date or a named expense or circumstance."""
    return bool(AMOUNT.search(text) or DATE.search(text) or concrete_terms(text))


def has_provision(text: str) -> bool:
    return bool(PROVISION.search(text))


def is_vague(text: str) -> bool:
    """No case-specific fact; a generic formula or repeated statute text does not count."""
    return bool(text.strip()) and not has_fact(text)


def mentions(text: str, key: str) -> bool:
    """Whether ``text`` contains one of the signal phrases listed under ``key`` in the data."""
    lowered = text.lower()
    return any(signal in lowered for signal in lexicon()[key])
