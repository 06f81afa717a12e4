"""The Finnish language layer: spaCy's Finnish pipeline plus Voikko morphology, loaded once.

spaCy (``spacy_fi_experimental_web_md``, loaded without its lemmatizer, which needs the native
libvoikko) gives parts of speech, morphology and dependencies. Voikko gives base forms and compound
structure: the native libvoikko when present (~60k words/s), else the pure-Python ``pyvoikko``
(~1k words/s). Analyses are cached per word form, so a warm linter rarely calls Voikko at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SPACY_MODEL = "spacy_fi_experimental_web_md"


@dataclass(frozen=True)
class Analysis:
    """One Voikko reading of a word form, reduced to what the rules need."""

    baseform: str
    word_class: str  # Voikko CLASS: nimisana, teonsana, laatusana, ...
    case: str | None  # Voikko SIJAMUOTO: nimento, omanto, seuranto, vajanto, ...
    participle: str | None
    mood: str | None
    parts: int  # compound parts (1 for a simple word)
    possessive: str | None = None  # possessive suffix: 1s, 2s, 2p, 3 ...
    # base forms of a compound's parts, head last ("oikaisu", "vaatimus", "ohje"); () if simple
    compound: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy Finnish pipeline (about 2 s to load; loaded once per process)."""
    import spacy

    # no rule uses named entities; leaving the recogniser out makes tagging ~40 % faster.
    # "lookups" (lexeme probabilities, 500,000 entries) feed no component we run: leaving them
    # out cuts loading from about 1.0 s to 0.3 s with identical tags, morphology and parses
    # (checked token by token on the held-out dev split).
    return spacy.load(SPACY_MODEL, exclude=["lemmatizer", "ner", "lookups"])


@lru_cache(maxsize=1)
def _backend() -> tuple[str, Any]:
    import ctypes.util
    import os

    # Probe for the native library first: the libvoikko binding fails noisily without it.
    # TOTUDOCS_VOIKKO=pyvoikko forces the pure-Python backend (for comparisons and tests).
    wanted = os.environ.get("TOTUDOCS_VOIKKO", "auto")
    if wanted != "pyvoikko" and ctypes.util.find_library("voikko"):
        try:
            import libvoikko

            return "libvoikko", libvoikko.Voikko("fi")
        except Exception:  # Finnish dictionary missing: fall back to pure Python
            pass
    import pyvoikko

    return "pyvoikko", pyvoikko


def voikko_backend() -> str:
    return _backend()[0]


_ANALYSES: dict[str, tuple[Analysis, ...]] = {}
_MAX_CACHED = 500_000


def analyse(word: str) -> tuple[Analysis, ...]:
    """All Voikko readings of ``word`` (empty for unknown words, numbers, punctuation).

    Cached per word form; the cache can be saved and preloaded (see :func:`export_analyses`),
    so a short run on known words never loads Voikko at all.
    """
    cached = _ANALYSES.get(word)
    if cached is None:
        cached = _analyse(word)
        if len(_ANALYSES) < _MAX_CACHED:
            _ANALYSES[word] = cached
    return cached


def export_analyses(words: set[str] | None = None) -> dict[str, list[list[object]]]:
    """The cached analyses as JSON-ready lists (optionally only for ``words``)."""
    return {
        word: [list(vars(a).values()) for a in readings]
        for word, readings in _ANALYSES.items()
        if words is None or word in words
    }


def preload_analyses(data: dict[str, list[list[object]]]) -> None:
    for word, readings in data.items():
        _ANALYSES.setdefault(
            word, tuple(Analysis(*reading[:7], tuple(reading[7]) if len(reading) > 7 else ())
                        for reading in readings))


def _analyse(word: str) -> tuple[Analysis, ...]:
    if not word or not any(ch.isalpha() for ch in word):
        return ()
    name, backend = _backend()
    if name == "libvoikko":
        return tuple(_from_native(a) for a in backend.analyze(word))
    readings = backend.analyse(word)
    if not readings and word[:1].isupper():
        readings = backend.analyse(word.lower())
    return tuple(
        Analysis(
            baseform=r.BASEFORM.replace("=", ""),
            word_class=r.CLASS or "",
            case=r.SIJAMUOTO,
            participle=r.PARTICIPLE,
            mood=r.MOOD,
            parts=max(1, len(r.COMPOUND_PARTS or [])),
            possessive=r.POSSESSIVE,
            compound=tuple(p.BASEFORM.lower() for p in r.COMPOUND_PARTS or () if p.BASEFORM),
        )
        for r in readings
    )


def _from_native(reading: dict[str, str]) -> Analysis:
    structure = reading.get("STRUCTURE", "")
    return Analysis(
        baseform=reading.get("BASEFORM", ""),
        word_class=reading.get("CLASS", ""),
        case=reading.get("SIJAMUOTO"),
        participle=reading.get("PARTICIPLE"),
        mood=reading.get("MOOD"),
        parts=max(1, structure.count("=")),
        possessive=reading.get("POSSESSIVE"),
        compound=_word_bases(reading.get("WORDBASES", "")),
    )


_WORDBASE = re.compile(r"\+([^+(]*)\(([^)]*)\)")


def _word_bases(wordbases: str) -> tuple[str, ...]:
    """libvoikko's WORDBASES "+oikais(oikaista)+u(+u)+vaatimus(vaatimus)+ohje(ohje)" as the
    parts' base forms, head last: ("oikaisu", "vaatimus", "ohje"). A piece whose base starts
    with "+" is a derivational suffix of the piece before it, not a part of its own."""
    parts: list[tuple[str, str | None]] = []
    for surface, base in _WORDBASE.findall(wordbases):
        if base.startswith("+") and parts:
            previous, _ = parts[-1]
            parts[-1] = (previous + surface, None)
        else:
            parts.append((surface, base or None))
    words = tuple((base or surface).lower() for surface, base in parts if surface or base)
    return words if len(words) > 1 else ()


def baseform(word: str) -> str:
    """The most likely base form (Voikko's first reading), or the word itself in lower case."""
    readings = analyse(word)
    return readings[0].baseform.lower() if readings else word.lower()


# Finnish syllabification is regular: one syllable per vowel nucleus, where a long vowel or a
# diphthong is one nucleus. ie, uo and yö are diphthongs only in the first syllable.
_VOWELS = "aeiouyäöå"
_DIPHTHONGS = {
    "ai",
    "ei",
    "oi",
    "ui",
    "yi",
    "äi",
    "öi",
    "au",
    "eu",
    "iu",
    "ou",
    "ey",
    "äy",
    "öy",
    "iy",
}
_FIRST_SYLLABLE_DIPHTHONGS = {"ie", "uo", "yö"}


def syllables(word: str) -> int:
    """Number of syllables in a Finnish word (0 for words without vowels, e.g. numbers)."""
    word = word.lower()
    count = 0
    for match in re.finditer(f"[{_VOWELS}]+", word):
        run = match.group()
        index = 0
        while index < len(run):
            pair = run[index : index + 2]
            is_long = len(pair) == 2 and pair[0] == pair[1]
            first = count == 0
            if len(pair) == 2 and (
                is_long or pair in _DIPHTHONGS or (first and pair in _FIRST_SYLLABLE_DIPHTHONGS)
            ):
                index += 2
            else:
                index += 1
            count += 1
    return count
