"""Loading phrase libraries and selecting phrases for one case.

A library is a folder of YAML files. ``_library.yaml`` names the library and its version; every
other file holds ``phrases:``, a list of entries::

    - id: review.kela                # stable id, referenced by templates and traces
      section: review                # the document section it belongs to
      when: "issuer.type == 'kela'"  # condition on the case facts (a Jinja expression)
      why: Kela decisions: request for review to Kela (HL 46-49 §)
      params: [item]                 # optional names the template passes in
      fi: "… {{ decision_date | day }} …"
      sv: "…"

Phrase text is rendered in the sandbox (see :mod:`totudocs.phrases.sandbox`), so a placeholder that
names no case field fails loudly, and case values are escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateError, nodes
from markupsafe import Markup

from totudocs.phrases.sandbox import (
    TemplateApi,
    bounded,
    describe_failure,
    environment,
    make_environment,
    render_bounded,
    template_line,
)


class PhraseError(Exception):
    """A phrase library is malformed, or a phrase cannot be rendered for a case."""


@dataclass(frozen=True)
class Phrase:
    id: str
    section: str
    text: dict[str, str]  # language -> Jinja source
    when: str = "true"
    why: str = ""
    params: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    exempt_languages: dict[str, str] = field(default_factory=dict)  # language -> reason
    key_lines: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass
class PhraseBook:
    name: str
    version: str
    root: Path
    phrases: dict[str, Phrase]

    def in_section(self, section: str) -> list[Phrase]:
        return [p for p in self.phrases.values() if p.section == section]

    def ids(self) -> list[str]:
        return list(self.phrases)


@dataclass(frozen=True)
class TraceEntry:
    """Why a phrase was or was not used in one document."""

    id: str
    section: str
    used: bool
    condition: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "used": self.used,
            "condition": self.condition,
            "reason": self.reason,
        }


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that records the line of each mapping, so findings can point into the file."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    # where each value starts (a block scalar's text starts on the line after its indicator)
    mapping["__lines__"] = {
        key.value: value.start_mark.line + 1 + (getattr(value, "style", None) in (">", "|"))
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_phrase_book(root: Path | str) -> PhraseBook:
    """Load every ``*.yaml`` file under ``root``. Raises PhraseError naming file and line."""
    root = Path(root)
    if not root.is_dir():
        raise PhraseError(f"{root}: phrase library folder not found")
    meta_path = root / "_library.yaml"
    meta: dict[str, Any] = {}
    if meta_path.exists():
        meta = _load_yaml(meta_path) or {}
    phrases: dict[str, Phrase] = {}
    for path in sorted(root.rglob("*.yaml")):
        if path.name == "_library.yaml":
            continue
        data = _load_yaml(path) or {}
        entries = data.get("phrases") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise PhraseError(f"{path}: expected a top-level 'phrases:' list")
        for entry in entries:
            phrase = _parse_phrase(entry, path)
            if phrase.id in phrases:
                other = phrases[phrase.id]
                raise PhraseError(
                    f"{path}:{phrase.line}: phrase id {phrase.id!r} already defined at "
                    f"{other.file}:{other.line}"
                )
            phrases[phrase.id] = phrase
    return PhraseBook(
        name=str(meta.get("name", root.name)),
        version=str(meta.get("version", "0")),
        root=root,
        phrases=phrases,
    )


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise PhraseError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None


_KNOWN_KEYS = {
    "id",
    "section",
    "when",
    "why",
    "params",
    "fi",
    "sv",
    "exempt",
    "__line__",
    "__lines__",
}


def _parse_phrase(entry: Any, path: Path) -> Phrase:
    if not isinstance(entry, dict):
        raise PhraseError(f"{path}: each phrase must be a mapping")
    line = entry.get("__line__", 0)
    where = f"{path}:{line}"
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise PhraseError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "section"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise PhraseError(f"{where}: phrase needs a non-empty {key!r}")
    texts = {lang: entry[lang] for lang in ("fi", "sv") if isinstance(entry.get(lang), str)}
    exempt = entry.get("exempt") or {}
    if not isinstance(exempt, dict):
        raise PhraseError(f"{where}: 'exempt' maps a language to the reason it has no text")
    exempt = {k: v for k, v in exempt.items() if not k.startswith("__")}
    if not texts:
        raise PhraseError(f"{where}: phrase {entry['id']!r} has no fi or sv text")
    params = entry.get("params") or []
    return Phrase(
        id=entry["id"].strip(),
        section=entry["section"].strip(),
        text=texts,
        when=str(entry.get("when", "true")).strip() or "true",
        why=str(entry.get("why", "")).strip(),
        params=tuple(params),
        file=str(path),
        line=line,
        exempt_languages={str(k): str(v) for k, v in exempt.items()},
        key_lines=dict(entry.get("__lines__", {})),
    )


def referenced_names(expression_or_template: str, *, is_template: bool) -> set[str]:
    """Dotted names (``issuer.type``, ``calculation.result``) that a condition or text reads."""
    env = make_environment("fi")
    source = expression_or_template if is_template else "{{ (" + expression_or_template + ") }}"
    tree = env.parse(source)
    found: set[str] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Name)):
        parts: list[str] = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr):
            parts.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name) and current.ctx == "load":
            parts.append(current.name)
            found.add(".".join(reversed(parts)))
    # drop prefixes: keep 'issuer.type', not also 'issuer'
    return {n for n in found if not any(o != n and o.startswith(n + ".") for o in found)}


class PhraseSelector(TemplateApi):
    """Selects and renders phrases for one case and one language, and records why.

    Templates see it as ``P`` and can reach only ``text``, ``section`` and ``applies``.
    """

    exposed = frozenset({"text", "section", "applies"})

    def __init__(self, book: PhraseBook, context: dict[str, Any], language: str) -> None:
        self.book = book
        self.language = language
        self._context = context
        self._trace: dict[str, TraceEntry] = {}

    # Template-facing API --------------------------------------------------------------------
    def applies(self, phrase_id: str, **params: Any) -> bool:
        phrase = self._get(phrase_id)
        return self._condition(phrase, params)[0]

    def text(self, phrase_id: str, **params: Any) -> Markup:
        """Render one phrase; empty if its condition does not hold (recorded in the trace)."""
        phrase = self._get(phrase_id)
        holds, reason = self._condition(phrase, params)
        self._record(phrase, holds, reason)
        return self._render(phrase, params) if holds else Markup("")

    def section(self, section: str, **params: Any) -> list[Markup]:
        """Every phrase of ``section`` whose condition holds, in library order."""
        rendered = []
        for phrase in self.book.in_section(section):
            holds, reason = self._condition(phrase, params)
            self._record(phrase, holds, reason)
            if holds:
                rendered.append(self._render(phrase, params))
        return rendered

    @property
    def trace(self) -> list[TraceEntry]:
        return list(self._trace.values())

    @property
    def used_ids(self) -> list[str]:
        return [t.id for t in self._trace.values() if t.used]

    # Internals ------------------------------------------------------------------------------
    def _get(self, phrase_id: str) -> Phrase:
        try:
            return self.book.phrases[phrase_id]
        except KeyError:
            raise PhraseError(
                f"unknown phrase id {phrase_id!r} (library {self.book.name} {self.book.version})"
            ) from None

    def _condition(self, phrase: Phrase, params: dict[str, Any]) -> tuple[bool, str]:
        try:
            expression = _expression(self.language, phrase.when)
            value = bounded(lambda: expression(**self._context, **params))
        except PhraseError:
            raise
        except (TemplateError, Exception) as exc:  # untrusted code: any failure is its own
            raise PhraseError(
                f"{phrase.file}:{phrase.key_lines.get('when', phrase.line)}: "
                f"condition of {phrase.id!r} failed: "
                f"{describe_failure(exc)}"
            ) from None
        reason = phrase.why or phrase.when
        return bool(value), (reason if value else f"condition not met: {phrase.when}")

    def _record(self, phrase: Phrase, used: bool, reason: str) -> None:
        previous = self._trace.get(phrase.id)
        if previous and previous.used:
            return  # once used (e.g. for one of several items), it stays used
        self._trace[phrase.id] = TraceEntry(phrase.id, phrase.section, used, phrase.when, reason)

    def _render(self, phrase: Phrase, params: dict[str, Any]) -> Markup:
        source = phrase.text.get(self.language)
        if source is None:
            raise PhraseError(
                f"{phrase.file}:{phrase.line}: phrase {phrase.id!r} has no {self.language} text"
            )
        try:
            template = _template(self.language, source)
            return Markup(render_bounded(template, {**self._context, **params}).strip())
        except PhraseError:
            raise
        except (TemplateError, Exception) as exc:  # untrusted code: any failure is its own
            line = phrase.key_lines.get(self.language, phrase.line)
            offset = template_line(exc)
            if offset:
                line += offset - 1
            raise PhraseError(
                f"{phrase.file}:{line}: phrase {phrase.id!r} ({self.language}): "
                f"{describe_failure(exc)}"
            ) from None


@lru_cache(maxsize=4096)
def _expression(language: str, source: str) -> Any:
    # Compiling is the expensive part; batches render the same phrases thousands of times.
    return environment(language).compile_expression(source, undefined_to_none=False)


@lru_cache(maxsize=4096)
def _template(language: str, source: str) -> Any:
    return environment(language).from_string(source)
