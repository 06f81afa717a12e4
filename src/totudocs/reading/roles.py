"""Section roles from what a heading means: "Jatkotoimet", "Näin toimit jatkossa" and
"Toimintaohjeet" all name the next steps; "Lainkohdat" and "Rättsregler" the provisions.

The vocabulary is data (``data/section_roles.yaml``) that configuration can extend. Finnish
headings are read through Voikko base forms and compound parts, Swedish ones through Snowball
stems; every decision comes with a reason a reader can check (JSON output shows it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "section_roles.yaml"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MIN_COMPOUND_HEAD = 4  # shorter Swedish stems ("lag") only match a whole word


@dataclass(frozen=True)
class RoleMatch:
    role: str
    reason: str
    # named only by part of a compound ("maksu" in "Kausimaksu", "betalning" in
    # "Hyresbetalning"): weaker than a word of its own, so a sub-heading reads as an item
    compound_only: bool = False


@dataclass(frozen=True)
class _Term:
    words: tuple[str, ...]
    language: str  # fi or sv


@dataclass
class SectionRoles:
    """Roles in priority order, each with its Finnish and Swedish terms."""

    terms: dict[str, list[_Term]] = field(default_factory=dict)
    excluded: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_data(
        cls, data: Mapping[str, Mapping[str, Sequence[str]]],
        extra: Mapping[str, Sequence[str]] | None = None,
    ) -> SectionRoles:
        roles = cls()
        for role, entry in data.items():
            terms = []
            for language in ("fi", "sv"):
                for term in entry.get(language, ()):
                    terms.append(_Term(_normalise(term, language), language))
            for term in (extra or {}).get(role, ()):
                terms.extend(_Term(_normalise(term, lang), lang) for lang in ("fi", "sv"))
            roles.terms[role] = terms
            roles.excluded[role] = frozenset(
                word for term in entry.get("not", ()) for lang in ("fi", "sv")
                for word in _normalise(term, lang)
            )
        for role in (extra or {}):
            if role not in roles.terms:
                roles.terms[role] = [
                    _Term(_normalise(term, lang), lang)
                    for term in extra[role] for lang in ("fi", "sv")
                ]
        return roles

    @property
    def names(self) -> list[str]:
        return list(self.terms)

    def classify(self, heading: str) -> RoleMatch | None:
        """The role of a heading and why, or None when no term of any role occurs in it."""
        return _classify(self, heading.strip().rstrip(":").strip())


def _normalise(term: str, language: str) -> tuple[str, ...]:
    words = term.lower().split()
    if language == "sv":
        return tuple(swedish_stem(word) for word in words)
    return tuple(words)


@lru_cache(maxsize=20_000)
def swedish_stem(word: str) -> str:
    """The Snowball stem of a Swedish word ("hyran", "hyror" -> "hyr")."""
    return _stemmer().stemWord(word.lower())


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=20_000)
def _finnish_forms(word: str) -> tuple[str, ...]:
    """Base form and compound parts of a Finnish word; () when Voikko does not know it."""
    forms: list[str] = []
    for reading in _finnish_readings(word):
        forms.append(reading.baseform.lower())
        forms.extend(reading.compound)
    return tuple(dict.fromkeys(forms))


def _finnish_readings(word: str):  # type: ignore[no-untyped-def]
    """Voikko's two likeliest readings of a heading word, as written or in lower case."""
    from totudocs.reading.language import analyse

    return (analyse(word) or analyse(word.lower()))[:2]


@lru_cache(maxsize=20_000)
def _finnish_baseforms(word: str) -> frozenset[str]:
    """The base forms alone: the word itself, not a part of it."""
    return frozenset(r.baseform.lower() for r in _finnish_readings(word))


# "Asiakirjat, joihin päätös perustuu", "Handlingar som beslutet grundar sig på": a relative
# clause describes the head noun; the section is what the head names
_RELATIVE_CLAUSE = re.compile(
    r",?\s+(?:jo(?:ka|nka|tka|ita|ihin|iden|ista|issa|ille|lla|lle|sta|ssa|hon)|som|vilka|"
    r"vilken|vilket|där)\b.*$", re.IGNORECASE)


def _classify(roles: SectionRoles, heading: str) -> RoleMatch | None:
    head = _RELATIVE_CLAUSE.sub("", heading)
    if head.strip() and head != heading:
        match = _classify_words(roles, head)
        if match is not None:
            return match
    return _classify_words(roles, heading)


def _classify_words(roles: SectionRoles, heading: str) -> RoleMatch | None:
    words = [w.lower() for w in _WORD.findall(heading)]
    if not words or len(words) > 12:
        return None
    finnish: dict[str, str] = {}  # form -> the heading word it came from
    whole: set[str] = set()  # forms that are a word itself or its base form, not a part
    for word in words:
        finnish.setdefault(word, word)  # "miksi" is also "mikä" in the translative
        whole.add(word)
        for part in word.split("-"):
            whole.update(_finnish_baseforms(part))
            for form in _finnish_forms(part):
                finnish.setdefault(form, word)
    swedish = {swedish_stem(word): word for word in words}

    def swedish_word(stem: str) -> str | None:
        if stem in swedish:
            whole.add(stem)
            return swedish[stem]
        if len(stem) >= _MIN_COMPOUND_HEAD:
            return next((w for s, w in swedish.items() if s.endswith(stem)), None)
        return None

    for role, terms in roles.terms.items():
        excluded = roles.excluded.get(role, frozenset())
        for term in terms:
            if term.language == "fi":
                found = [finnish.get(word) for word in term.words]
                if excluded & set(finnish):
                    continue
            else:
                found = [swedish_word(word) for word in term.words]
                if any(any(s.startswith(x) for x in excluded) for s in swedish):
                    continue
            if all(found):
                shown = " ".join(term.words)
                source = ", ".join(dict.fromkeys(w for w in found if w))
                via = "stem" if term.language == "sv" else "base form"
                return RoleMatch(role, f"{via} '{shown}' in '{source}' names {role}",
                                 compound_only=not any(word in whole for word in term.words))
    return None


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, dict[str, list[str]]]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _roles(extra_key: tuple[tuple[str, tuple[str, ...]], ...]) -> SectionRoles:
    return SectionRoles.from_data(_vocabulary(), {role: list(t) for role, t in extra_key})


def section_roles(extra: Mapping[str, Sequence[str]] | None = None) -> SectionRoles:
    """The bundled vocabulary, extended by configuration (``section_roles``)."""
    key = tuple(sorted((role, tuple(terms)) for role, terms in (extra or {}).items()))
    return _roles(key)
