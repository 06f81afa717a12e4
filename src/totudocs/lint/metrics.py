"""Readability metrics per document, section and sentence.

Wiio (1968) for Finnish: grade = 2.7 + 0.3 × (words of four or more syllables *in base form* per
100 words); refined: 0.7 + 0.3 × PS + 0.05 × 100 × (adjectives + adverbs) / (verbs + nouns).
LIX counts as textstat's LIX does (its syllable-based scores fail for Finnish, LIX counts
letters); it is computed here because importing textstat loads NLTK's pronouncing dictionary,
a quarter of a second of every cold start, and a test checks the two agree on the corpus. Below
about 100 words a grade is noise, so ``sample_too_small`` is set and reports say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from totudocs.reading.analysis import Sentence, Token
from totudocs.reading.language import syllables

MIN_WORDS_FOR_GRADE = 100
LIX_BANDS_SV = [(30, "very easy"), (40, "easy"), (50, "medium"), (60, "difficult")]


def lix_band_swedish(lix: float) -> str:
    for limit, name in LIX_BANDS_SV:
        if lix < limit:
            return name
    return "very difficult"


def _is_long(token: Token, language: str) -> bool:
    if not token.text.replace("-", "").isalpha():
        return False
    if language == "fi":
        return syllables(wiio_base_form(token)) >= 4
    return len(token.text) > 6


_MINEN = re.compile(r"^(.+?)mi(?:nen|se|s)", re.IGNORECASE)


def wiio_base_form(token: Token) -> str:
    """The base form Wiio counts, as the word is used: a '-minen' noun is counted as the noun
    ('myöntämisestä' -> 'myöntäminen', not the verb 'myöntää'), an '-sti' adverb as itself
    ('tarkasti', not 'tarkka'), a compound with a hyphen as the whole compound
    ('hallinto-oikeuteen' -> 'hallinto-oikeus'); participles keep their own base form."""
    readings = token.analyses
    if readings and readings[0].mood == "MINEN-infinitive":
        match = _MINEN.match(token.text)
        if match:
            return match.group(1).lower() + "minen"
    if token.text.lower().endswith("sti") and (
        token.pos == "ADV" or any(r.word_class == "laatusana" for r in readings)
    ):
        return token.text.lower()
    return token.lemma.replace("--", "-")


def is_counted_word(token: Token) -> bool:
    """Words, not numbers, amounts or symbols ('306,38', '€', '§', '1.12.2026')."""
    return any(character.isalpha() for character in token.text)


def is_passive_finite(token: Token) -> bool:
    return token.morph.get("Voice") == "Pass" and token.morph.get("VerbForm") == "Fin"


def is_verbal_noun(token: Token) -> bool:
    """A noun derived from a verb (-minen, -us/-ys, -nti, -nta): nominal style when frequent."""
    if token.pos != "NOUN":
        return False
    lemma = token.lemma
    return lemma.endswith(("minen", "nti", "ntä", "nta")) or (
        len(lemma) > 6 and lemma.endswith(("tus", "tys", "us", "ys")) and not lemma.endswith("uus")
    )


# textstat's counting: punctuation removed (an apostrophe kept only before an English
# contraction ending), words split at white space; long words have more than six letters; a
# "sentence" of two words or fewer is not counted
_KEEP_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")
_ALL_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_LONG_WORD = 6


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _KEEP_APOSTROPHE.sub("", text)).split()


def lix(text: str) -> float:
    """LIX = words per sentence + 100 × words longer than six letters / words."""
    words = len(_words(text))
    if not words:
        return 0.0
    long_words = sum(len(w) > _LONG_WORD for w in _ALL_PUNCTUATION.sub("", text).split())
    pieces = _SENTENCE.findall(text)
    sentences = max(1, len(pieces) - sum(len(_words(piece)) <= 2 for piece in pieces)) if text \
        else 0
    return words / sentences + 100 * long_words / words


def compute(sentences: Iterable[Sentence], language: str) -> dict[str, Any]:
    sentences = list(sentences)
    words = [t for s in sentences for t in s.words if is_counted_word(t)]
    count = len(words)
    result: dict[str, Any] = {
        "words": count,
        "sentences": len(sentences),
        "mean_sentence_length": round(count / len(sentences), 1) if sentences else 0.0,
        "sample_too_small": count < MIN_WORDS_FOR_GRADE,
    }
    if not count or result["sample_too_small"]:
        # Below the sample limit a grade is noise: none is given anywhere (reports say why).
        result.update(wiio=None, wiio_refined=None, lix=None)
        return result
    long_share = 100 * sum(_is_long(t, language) for t in words) / count
    text = " ".join(_terminated(s.text) for s in sentences)
    result["lix"] = round(lix(text), 1)
    if language == "fi":
        pos = [t.pos for t in words]
        verbs_nouns = sum(p in ("VERB", "NOUN") for p in pos) or 1
        modifiers = sum(p in ("ADJ", "ADV") for p in pos)
        result["wiio"] = round(2.7 + 0.3 * long_share, 1)
        result["wiio_refined"] = round(0.7 + 0.3 * long_share + 5 * modifiers / verbs_nouns, 1)
        compounds = [t for t in words if t.analyses and t.analyses[0].parts >= 3]
        result["long_compound_share"] = round(len(compounds) / count, 3)
        result["passive_finite_verbs"] = sum(
            is_passive_finite(t) for s in sentences for t in s.tokens
        )
        result["verbal_nouns_per_sentence"] = round(
            sum(is_verbal_noun(t) for t in words) / len(sentences), 2
        )
    else:
        result["wiio"] = None
        result["wiio_refined"] = None
        result["lix_band"] = lix_band_swedish(result["lix"])
    return result


def _terminated(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?", ":")) else text.rstrip() + "."
