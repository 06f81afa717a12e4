"""Which language a document is in: Finnish, Swedish, or another language that is not linted.

A unigram model over word frequencies (wordfreq's lists for Finnish, Swedish and English, which
come with the package: nothing is downloaded), with Voikko's coverage for Finnish, whose
inflected forms are often too rare for any frequency list. Each word votes with the log of its
probability in each language, floored so that one unknown word (a name, a number) cannot decide;
a text in none of the languages ends up as "other" rather than being linted as Finnish.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

SUPPORTED = ("fi", "sv")
CANDIDATES = ("fi", "sv", "en")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_FLOOR = 1e-8  # the probability of a word the language's list does not have
_VOIKKO_KNOWN = 3e-6  # a Finnish form Voikko recognises but the list lacks (inflected forms)
_MAX_WORDS = 400
_MARGIN = 4.0  # nats per word: a supported guess must beat "every word unknown" by this much
_SURE_WORDS = 20
_SURELY_FINNISH = 0.9  # share of words Voikko reads as Finnish


def _voikko_coverage(words: list[str]) -> float:
    from totudocs.reading.language import analyse

    return sum(1 for word in words if analyse(word)) / len(words)


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # "fi", "sv", an unsupported code such as "en", or "und" (no words)
    words: int
    scores: dict[str, float] = field(default_factory=dict)  # mean log-probability per word

    @property
    def supported(self) -> bool:
        return self.language in SUPPORTED


@lru_cache(maxsize=20_000)
def frequency(word: str, language: str) -> float:
    """How often ``word`` (lower case) occurs in ``language`` (wordfreq's small list; 0 when
    the list does not have it)."""
    from wordfreq import word_frequency

    return word_frequency(word, language, wordlist="small")


@lru_cache(maxsize=20_000)
def _probability(word: str, language: str) -> float:
    probability = frequency(word, language)
    if language == "fi" and probability < _VOIKKO_KNOWN:
        from totudocs.reading.language import analyse

        if analyse(word):
            probability = _VOIKKO_KNOWN
    return max(probability, _FLOOR)


def identify(text: str) -> LanguageGuess:
    words = [w.lower() for w in _WORD.findall(text)[:_MAX_WORDS]]
    if not words:
        return LanguageGuess("und", 0)
    if len(words) >= _SURE_WORDS and _voikko_coverage(words) >= _SURELY_FINNISH:
        # nearly every word is a Finnish form: no need to load the frequency lists (a quarter
        # of a second of a cold start)
        return LanguageGuess("fi", len(words))
    scores = {
        language: sum(math.log(_probability(w, language)) for w in words) / len(words)
        for language in CANDIDATES
    }
    best = max(scores, key=lambda language: scores[language])
    if best in SUPPORTED and scores[best] < math.log(_FLOOR) + _MARGIN:
        # barely better than "every word unknown": not Finnish or Swedish in any useful sense
        best = "und"
    return LanguageGuess(best, len(words), {k: round(v, 2) for k, v in scores.items()})
