"""Sentence splitting and token analysis over a Document's blocks.

Sentences are split by rule, not by the statistical parser: a heading or list item is never merged
with the next block, and abbreviations (esim., ks., ko.), amounts ("1 234,50 €"), dates
("12.3.2026") and section signs ("7 a §") do not end a sentence.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from totudocs.reading.language import Analysis, analyse, nlp
from totudocs.reading.model import Block, Document

ABBREVIATIONS = {
    # Finnish
    "esim",
    "ns",
    "mm",
    "ko",
    "ks",
    "klo",
    "n",
    "s",
    "yms",
    "jne",
    "ym",
    "puh",
    "p",
    "os",
    "nro",
    "kpl",
    "t",
    "ao",
    "vrt",
    "huom",
    "tms",
    "em",
    "ed",
    "mom",
    "k",
    "v",
    "tri",
    "prof",
    "yo",
    "milj",
    "mrd",
    "snt",
    "ts",
    "eli",
    "ilm",
    "lk",
    "ma",
    "ti",
    "ke",
    "to",
    "pe",
    "la",
    "su",
    # Swedish
    "t.ex",
    "bl.a",
    "s.k",
    "dvs",
    "osv",
    "ca",
    "kl",
    "tel",
    "nr",
    "st",
    "resp",
    "jfr",
    "fr.o.m",
    "t.o.m",
    "enl",
    "inkl",
    "exkl",
}
_VOIKKO_CLASS = {
    "VERB": "teonsana",
    "AUX": "teonsana",
    "NOUN": "nimisana",
    "ADJ": "laatusana",
    "PROPN": "nimi",
    "ADV": "seikkasana",
    "PRON": "asemosana",
    "NUM": "lukusana",
}
_BOUNDARY = re.compile(r"([.!?]+)([\"'”»)]*)(\s+)(?=[\"'“«(]?[A-ZÅÄÖÜ0-9])")
_WORD = re.compile(r"[\w§€%]+(?:[-–'’:][\w]+)*", re.UNICODE)


@dataclass
class Token:
    text: str
    start: int  # offset in the block's text
    end: int
    pos: str = ""
    morph: dict[str, str] = field(default_factory=dict)
    dep: str = ""
    head: int = -1  # index of the head token in the sentence, -1 for the root
    index: int = 0

    @property
    def is_word(self) -> bool:
        return any(ch.isalnum() for ch in self.text)

    @property
    def analyses(self) -> tuple[Analysis, ...]:
        return analyse(self.text)

    @property
    def lemma(self) -> str:
        """Voikko's base form, choosing the reading that fits spaCy's part of speech."""
        readings = self.analyses
        if not readings:
            return self.text.lower()
        wanted = _VOIKKO_CLASS.get(self.pos)
        for reading in readings:
            if reading.word_class == wanted:
                return reading.baseform.lower()
        return readings[0].baseform.lower()


@dataclass
class Sentence:
    text: str
    block: Block
    start: int  # offset of the sentence in the block's text
    tokens: list[Token] = field(default_factory=list)

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]

    @property
    def section(self) -> str | None:
        return self.block.section


@dataclass
class AnalyzedDocument:
    path: str
    language: str
    blocks: list[Block]
    sentences: list[Sentence]
    source: Document | None = None
    # what the checks required of the document and which sentence met each requirement (or
    # that none did): {"category", "requirement", "met", "line", "text"}; filled by the checks
    requirements: list[dict[str, object]] = field(default_factory=list)


@lru_cache(maxsize=64)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the sentences in one block of prose (cached: the rules, the
    checks and the report all ask for the same blocks)."""
    return tuple(_split_sentences(text))


_DOT_LEADER = 4  # "..." may end a sentence; four dots or more lead the eye to a column


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        before = text[start : match.start(1)]
        last_word = re.split(r"[\s(]", before)[-1] if before else ""
        if match.group(1) == "." and last_word.lower().rstrip(".") in ABBREVIATIONS:
            continue
        if match.group(1) == "." and re.fullmatch(r"[A-ZÅÄÖ]", last_word):
            continue  # an initial: "T. Virtanen"
        if len(match.group(1)) >= _DOT_LEADER and set(match.group(1)) == {"."}:
            continue  # a dot leader between a row's label and its amount: "Vuokra ..... 545,00"
        spans.append((start, end))
        start = match.end(3)
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def analyze_document(document: Document, language: str) -> AnalyzedDocument:
    """Split every block into sentences and analyse them (spaCy for Finnish, regex for Swedish)."""
    sentences: list[Sentence] = []
    for block in document.blocks:
        spans = [(0, len(block.text))] if block.kind == "heading" else list(
            split_sentences(block.text))
        for start, end in _bounded(block.text, spans):
            sentences.append(Sentence(block.text[start:end], block, start))
    if language == "fi":
        _tag_finnish(sentences)
    else:
        for sentence in sentences:
            sentence.tokens = [
                Token(m.group(), sentence.start + m.start(), sentence.start + m.end(), index=i)
                for i, m in enumerate(_WORD.finditer(sentence.text))
            ]
    return AnalyzedDocument(document.path, language, document.blocks, sentences, document)


MAX_SENTENCE_CHARS = 1_000  # ~130 words: longer than any real sentence
_BATCH = 64


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans no longer than MAX_SENTENCE_CHARS, cut at a space: a text without sentence breaks
    (a dump, a list run together) is analysed in linear time, in pieces the parser can hold,
    and each piece still reads as the over-long sentence it is."""
    result = []
    for start, end in spans:
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            result.append((start, cut))
            start = cut + 1 if text[cut : cut + 1] == " " else cut
        result.append((start, end))
    return result


# Analyses per sentence text. Decisions repeat their phrase library's sentences verbatim: in a
# batch, or a folder of one system's letters, most sentences have been analysed before.
_SENTENCE_CACHE: OrderedDict[str, tuple[tuple[Any, ...], ...]] = OrderedDict()
_SENTENCE_CACHE_SIZE = 20_000  # ~100 MB at most


def _tag_finnish(sentences: list[Sentence]) -> None:
    """Tag the sentences, reusing cached analyses (least recently used dropped first). This
    document's analyses are held apart from the cache while it is filled, so that an analysis
    the document needs is never evicted by another of its own sentences."""
    pipeline = nlp()
    analyses: dict[str, tuple[tuple[Any, ...], ...]] = {}
    unique = []  # the texts to tag, each once
    for text in dict.fromkeys(s.text for s in sentences):
        cached = _SENTENCE_CACHE.get(text)
        if cached is None:
            unique.append(text)
        else:
            analyses[text] = cached
            _SENTENCE_CACHE.move_to_end(text)
    # small batches: spaCy's default (1,000 sentences) holds ~500 MB of parser state on a long
    # document; 64 keeps memory flat at the same speed
    for text, doc in zip(unique, pipeline.pipe(unique, batch_size=_BATCH), strict=True):
        analyses[text] = _SENTENCE_CACHE[text] = tuple(_fields(t) for t in doc)
        if len(_SENTENCE_CACHE) > _SENTENCE_CACHE_SIZE:
            _SENTENCE_CACHE.popitem(last=False)
    for sentence in sentences:
        sentence.tokens = [_from_fields(fields, sentence.start)
                           for fields in analyses[sentence.text]]


def _fields(token: Any) -> tuple[Any, ...]:
    # One spaCy Doc per Sentence, so token.i indexes Sentence.tokens directly.
    return (token.text, token.idx, token.pos_, token.morph.to_dict(), token.dep_,
            -1 if token.head.i == token.i else token.head.i, token.i)


def _from_fields(fields: tuple[Any, ...], offset: int) -> Token:
    text, idx, pos, morph, dep, head, index = fields
    return Token(text=text, start=offset + idx, end=offset + idx + len(text), pos=pos,
                 morph=dict(morph), dep=dep, head=head, index=index)
