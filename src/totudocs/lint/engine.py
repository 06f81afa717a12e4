"""The lint engine: documents in, findings and metrics out.

Rule interface (used by readability and justification rules alike): a :class:`Rule` in the
registry has ``check(document: AnalyzedDocument, context: LintContext) -> Iterable[Hit]``. A
``Hit`` points at a span of one block (``block``, ``start``, ``end`` offsets in ``block.text``);
the engine turns it into a :class:`Finding` with the file's line and column, the section, the
rule's code, category and configured severity, then applies inline suppressions and the baseline.
Rules that need case data read ``context.case`` (a validated model, or None for plain documents)
and may return Hits with ``block=None`` and an explicit ``line``/``column`` (e.g. a YAML field).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from totudocs.config import Config
from totudocs.lint.findings import DocumentResult, Finding, Severity
from totudocs.lint.metrics import compute
from totudocs.lint.registry import Rule, all_rules, matching_codes, selected_codes
from totudocs.reading import (
    NOT_PROSE,
    Block,
    Document,
    InputError,
    SectionRoles,
    load_document,
    parse_html,
    read_input,
    section_roles,
)
from totudocs.reading.analysis import AnalyzedDocument, analyze_document, split_sentences

PROFILES: dict[str, dict[str, float]] = {
    # Clear standard Finnish (Kotus: "hyvä virkakieli").
    "virkakieli": {
        "sentence_words": 25,
        "sentence_words_sv": 25,
        "constructions": 2,
        "genitive_chain": 3,
        "compound_parts": 4,
    },
    # Plain Finnish (Selkokeskus): shorter sentences, fewer constructions, shorter compounds.
    "selko": {
        "sentence_words": 15,
        "sentence_words_sv": 15,
        "constructions": 1,
        "genitive_chain": 2,
        "compound_parts": 3,
    },
}
LEVELS = {"off": None, "info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}
DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class Hit:
    message: str
    block: Block | None = None
    start: int = 0
    end: int = 0
    suggestion: str | None = None
    line: int | None = None  # for hits outside any block (case-data fields)
    column: int | None = None
    section: str | None = None
    path: str | None = None  # when the hit belongs to another file (the case file)
    category: str | None = None  # overrides the rule's category (rules with several categories)
    # what was judged: requirements with the sentence that met each one, or that none did
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class LintContext:
    profile: str = "virkakieli"
    thresholds: dict[str, float] = field(default_factory=dict)
    levels: dict[str, Severity | None] = field(default_factory=dict)
    lexicon_files: list[Path] = field(default_factory=list)
    case: Any = None  # a validated Decision/Statement when linting case data
    case_path: str | None = None
    trace: list[Any] | None = None  # phrase provenance when linting our own rendering
    rules: list[str] | None = None  # restrict to these codes (tests, --select)
    templates_dir: Path | None = None  # for case files: render with these instead of the bundled
    phrases_dir: Path | None = None
    roles: SectionRoles = field(default_factory=section_roles)  # heading vocabulary

    def threshold(self, name: str) -> float:
        return self.thresholds.get(name, PROFILES[self.profile][name])

    @classmethod
    def from_config(
        cls, config: Config, profile: str | None = None, **overrides: Any
    ) -> LintContext:
        section = config.section("lint")
        chosen = profile or section.get("profile", "virkakieli")
        if chosen not in PROFILES:
            raise ValueError(f"unknown profile {chosen!r} (choose {', '.join(PROFILES)})")
        levels: dict[str, Severity | None] = {}
        for code, level in section.get("rules", {}).items():
            if str(level).lower() not in LEVELS:
                raise ValueError(f"{config.path}: rule {code}: level must be one of {list(LEVELS)}")
            try:
                matched = matching_codes([code])
            except ValueError as exc:
                raise ValueError(f"{config.path}: [lint.rules]: {exc}") from None
            for matched_code in matched:
                levels[matched_code] = LEVELS[str(level).lower()]
        unknown = set(section.get("thresholds", {})) - set(PROFILES["virkakieli"])
        if unknown:
            raise ValueError(
                f"{config.path}: [lint.thresholds]: unknown threshold(s) "
                f"{', '.join(sorted(unknown))} (known: {', '.join(PROFILES['virkakieli'])})"
            )
        if "rules" not in overrides:
            try:
                overrides["rules"] = selected_codes(
                    section.get("select"), section.get("extend_select", ()),
                    section.get("ignore", ()),
                )
            except ValueError as exc:
                raise ValueError(f"{config.path}: {exc}") from None
        lexicons = [config.resolve(p) for p in section.get("lexicons", [])]
        render = config.section("render")
        extra_roles = section.get("section_roles") or {}
        unknown_roles = set(extra_roles) - set(section_roles().names)
        if unknown_roles:
            raise ValueError(
                f"{config.path}: [lint.section_roles]: unknown role(s) "
                f"{', '.join(sorted(unknown_roles))} (known: {', '.join(section_roles().names)})"
            )
        if extra_roles:
            overrides.setdefault("roles", section_roles(extra_roles))
        for key in ("templates", "phrases"):
            if render.get(key) and f"{key}_dir" not in overrides:
                overrides[f"{key}_dir"] = config.resolve(render[key])
        return cls(
            profile=chosen,
            thresholds=dict(section.get("thresholds", {})),
            levels=levels,
            lexicon_files=lexicons,
            **overrides,
        )


def load_lexicon(name: str, context: LintContext) -> dict[str, dict[str, Any]]:
    """The bundled lexicon ``name`` (YAML) merged with the organisation's extra lexicons."""
    merged = dict(_bundled_lexicon(name))
    for path in context.lexicon_files:
        extra = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        merged.update(extra.get(name, {}))
    return merged


_LEXICON_CACHE: dict[str, dict[str, dict[str, Any]]] = {}


def _bundled_lexicon(name: str) -> dict[str, dict[str, Any]]:
    if name not in _LEXICON_CACHE:
        _LEXICON_CACHE[name] = yaml.safe_load((DATA_DIR / f"{name}.yaml").read_text("utf-8")) or {}
    return _LEXICON_CACHE[name]


def detect_language(document: Document, hint: str | None = None) -> str:
    """``--lang``, else the document's own declaration (HTML ``lang``), else identified from the
    text: "fi", "sv", or the code of a language that is not linted ("en", "und")."""
    if hint:
        return hint
    if document.language in ("fi", "sv"):
        return document.language
    from totudocs.reading.language_id import identify

    return identify(" ".join(b.text for b in document.blocks[:60])).language


def run_rules(analyzed: AnalyzedDocument, context: LintContext) -> list[Finding]:
    findings: list[Finding] = []
    for rule in all_rules():
        if rule.check is None or analyzed.language not in rule.languages:
            continue
        if context.rules is not None and rule.code not in context.rules:
            continue
        severity = context.levels.get(rule.code, rule.severity)
        if severity is None:
            continue
        for hit in rule.check(analyzed, context):
            findings.append(_finding(rule, severity, hit, analyzed.path))
    return findings


def _finding(rule: Rule, severity: Severity, hit: Hit, path: str) -> Finding:
    if hit.block is not None:
        line, column = hit.block.position(hit.start)
        end_line, end_column = hit.block.position(max(hit.end - 1, hit.start))
        end_column += 1
        snippet = hit.block.text
        section = hit.section or hit.block.section
    else:
        line, column = hit.line or 1, hit.column or 1
        end_line, end_column = line, column
        snippet, section = None, hit.section
    return Finding(
        path=hit.path or path,
        rule=rule.code,
        category=hit.category or rule.category,
        severity=severity,
        message=hit.message,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        section=section,
        suggestion=hit.suggestion or rule.suggestion,
        snippet=_span(snippet, hit) if snippet else None,
        evidence=tuple(hit.evidence),
    )


_CONTEXT_CHARS = 300  # at most this much context on either side of the marked span


def _span(text: str, hit: Hit) -> str:
    """The sentence (or sentences) around the hit with the offending span marked »like this«.

    Sentences are split as the rules see them, so the full stop of an abbreviation ("Ko.",
    "esim.") or a date does not cut the context short. In a text without sentence breaks the
    context is cut at a few hundred characters, so a report never repeats a whole document.
    """
    left, right = 0, len(text)
    for start, end in split_sentences(text):
        if start <= hit.start:
            left = start
        if end >= hit.end:
            right = end
            break
    left, right = min(left, hit.start), max(right, hit.end)
    left = max(left, hit.start - _CONTEXT_CHARS)
    right = min(right, hit.end + _CONTEXT_CHARS)
    return f"{text[left : hit.start]}»{text[hit.start : hit.end]}«{text[hit.end : right]}".strip()


SUPPRESSION_RULE = "TD001"


def apply_suppressions(analyzed: AnalyzedDocument, findings: list[Finding]) -> list[Finding]:
    """Drop findings suppressed with a reason; a suppression without a reason is a finding.

    A suppression comment applies to the block (paragraph, list item) that follows it.
    """
    ranges: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    extra: list[Finding] = []
    for block in analyzed.blocks:
        for code, reason in block.suppressions:
            line, column = block.position(0)
            if reason:
                ranges.append(((line, column), block.position(len(block.text)), code))
                continue
            extra.append(
                Finding(
                    path=analyzed.path,
                    rule=SUPPRESSION_RULE,
                    category="lint.suppression",
                    severity=Severity.WARNING,
                    message=f"suppression of {code} has no reason: write "
                    f"'totudocs: ignore {code} -- why'",
                    line=line,
                    column=column,
                    end_line=line,
                    end_column=column,
                    section=block.section,
                )
            )
    kept = [
        f
        for f in findings
        if not any(code == f.rule and lo <= (f.line, f.column) <= hi for lo, hi, code in ranges)
    ]
    return kept + extra


def fingerprint(finding: Finding) -> str:
    """Stable across line moves: the rule plus the normalised text of the offending sentence."""
    text = re.sub(
        r"\s+", " ", (finding.snippet or finding.message).replace("»", "").replace("«", "")
    )
    return hashlib.sha256(f"{finding.rule}\0{text.strip().lower()}".encode()).hexdigest()[:20]


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    prints = sorted({fingerprint(f) for f in findings})
    path.write_text(json.dumps({"version": 1, "fingerprints": prints}, indent=1) + "\n")
    return len(prints)


def read_baseline(path: Path) -> set[str]:
    text = read_input(path)
    try:
        data = json.loads(text)
        return set(data["fingerprints"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a totudocs baseline file ({exc})") from None


def lint_document(
    document: Document, context: LintContext, language: str | None = None
) -> DocumentResult:
    lang = detect_language(document, language)
    if lang not in ("fi", "sv"):
        # Not Finnish or Swedish: no rule or grade applies, and pretending otherwise (an English
        # text with a Wiio grade) would mislead.
        name = {"en": "English", "und": "no recognisable language"}.get(lang, lang)
        return DocumentResult(
            path=document.path,
            language=lang,
            notice=f"not linted: the text is in {name}, not Finnish or Swedish "
            "(use --lang fi or --lang sv to lint it anyway)",
        )
    analyzed = analyze_document(document, lang)
    findings = apply_suppressions(analyzed, run_rules(analyzed, context))
    result = DocumentResult(path=document.path, language=lang, findings=findings,
                            headings=document.headings(),
                            requirements=analyzed.requirements)
    # headings and table captions are labels, not sentences: they would skew the averages
    prose = [s for s in analyzed.sentences if s.block.kind not in NOT_PROSE]
    result.metrics = compute(prose, lang)
    by_section: dict[str, list[Any]] = {}
    for sentence in prose:
        if sentence.section:
            by_section.setdefault(sentence.section, []).append(sentence)
    result.sections = {name: compute(items, lang) for name, items in by_section.items()}
    result.findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
    return result


def lint_html(
    html: str, path: str, context: LintContext, language: str | None = None
) -> DocumentResult:
    return lint_document(parse_html(html, path, context.roles), context, language)


def lint_path(path: Path, context: LintContext, language: str | None = None) -> DocumentResult:
    """Lint one file: case data (YAML/JSON) is rendered first, documents are read directly."""
    if path.suffix.lower() in {".yaml", ".yml", ".json"}:
        from totudocs.lint.cases import lint_case_file

        return lint_case_file(path, context, language)
    return lint_document(load_document(path, context.roles), context, language)
