"""The phrase-library quality gate: structure, placeholders, conditions, template references,
unused and near-duplicate phrases, blocked wording, and plain language per phrase.

Every problem is a :class:`Finding` pointing at the file and line in the library's YAML.
Readability results are cached per phrase text (content hash), so a second run after editing
one phrase lints only that phrase.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import re
import types
import typing
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml
from jinja2 import TemplateSyntaxError
from pydantic import BaseModel

from totudocs import __version__
from totudocs.lint.findings import Finding, Severity
from totudocs.lint.registry import Example, Rule, register
from totudocs.phrases.library import _LineLoader, referenced_names
from totudocs.phrases.sandbox import make_environment, unsafe_accesses

LANGUAGES = ("fi", "sv")
KNOWN_KEYS = {"id", "section", "when", "why", "params", "fi", "sv", "exempt"}
BLOCKED_DEFAULT = Path(__file__).resolve().parent / "blocked.yaml"
TEMPLATE_REFERENCE = re.compile(r"""P\.(text|applies|section)\(\s*["']([^"']+)["']""")

# --- the gate's own rules (documented in the registry like every other rule) ---------------


def _gate_rule(
    code: str, name: str, severity: Severity, summary: str, rationale: str, bad: str, good: str
) -> None:
    register(
        Rule(
            code=code,
            name=name,
            category=f"library.{name}",
            severity=severity,
            summary=summary,
            rationale=rationale,
            source="totudocs phrase-library gate; seed 002 lines 1466-1487, 2832-2834",
            languages=("fi", "sv"),
            bad=(Example(bad, runnable=False),),
            good=(Example(good, runnable=False),),
        )
    )


_gate_rule(
    "P001",
    "schema",
    Severity.ERROR,
    "A phrase entry that does not follow the schema.",
    "Each phrase needs an id, a section, a condition and text; unknown keys are typos.",
    "- id: x\n  fi: Teksti",
    "- id: x\n  section: review\n  when: 'true'\n  fi: …\n  sv: …",
)
_gate_rule(
    "P002",
    "duplicate-id",
    Severity.ERROR,
    "Two phrases with the same id.",
    "Templates and provenance traces refer to phrases by id; ids must be unique.",
    "two entries with id: review.kela",
    "unique ids",
)
_gate_rule(
    "P003",
    "placeholder-unknown",
    Severity.ERROR,
    "A placeholder that names no case field (or declared parameter).",
    "Placeholders are checked against the case schema so that a typo fails in CI, not in "
    "a client's letter.",
    "{{ granted_totl | eur }}",
    "{{ granted_total | eur }}",
)
_gate_rule(
    "P004",
    "placeholder-mismatch",
    Severity.ERROR,
    "The Finnish and Swedish texts use different placeholders.",
    "Both language versions must say the same facts.",
    "fi: {{ period.start | day }}, sv without it",
    "the same placeholders in fi and sv",
)
_gate_rule(
    "P005",
    "language-missing",
    Severity.ERROR,
    "A phrase without Finnish or Swedish text and without a reasoned exemption.",
    "Kela and bilingual counties issue decisions in both languages (Kielilaki 19 §).",
    "fi only",
    "fi and sv, or exempt: {sv: 'reason'}",
)
_gate_rule(
    "P006",
    "condition-invalid",
    Severity.ERROR,
    "A condition that does not parse or reads a field the case does not have.",
    "Conditions decide which client sees the phrase; a broken one shows it to everyone or no one.",
    "when: \"kind == 'basic' and\"",
    "when: \"kind == 'basic'\"",
)
_gate_rule(
    "P007",
    "template-reference",
    Severity.ERROR,
    "A template refers to a phrase id that does not exist.",
    "Every P.text('id') in the templates must resolve.",
    "P.text('review.kelaa')",
    "P.text('review.kela')",
)
_gate_rule(
    "P008",
    "unused",
    Severity.WARNING,
    "A phrase no template can show (its section and id are never rendered).",
    "Dead phrases rot: nobody reviews them and they may come back unchecked.",
    "section: reveiw",
    "section: review",
)
_gate_rule(
    "P009",
    "near-duplicate",
    Severity.WARNING,
    "Two phrases whose texts are nearly the same.",
    "Near-duplicates drift apart over time; keep one phrase and a condition.",
    "two phrases differing by one word",
    "one phrase",
)
_gate_rule(
    "P010",
    "blocked",
    Severity.ERROR,
    "Known misleading wording from the blocked-phrases list.",
    "The seeds report stock phrases that clients misread, e.g. the blanket promise of "
    "supplementary support in every basic decision.",
    "Voit hakea täydentävää toimeentulotukea kunnasta.",
    "Kela ei voi maksaa kaikkia menoja…; hyvinvointialue päättää tuesta tilanteesi mukaan.",
)
_gate_rule(
    "P011",
    "unsafe-code",
    Severity.ERROR,
    "Phrase or template code that reaches past the case data (attr(), private names).",
    "Phrase libraries and templates come from outside contributors and are treated as untrusted "
    "code: they may read case fields, never object internals. The renderer refuses such access "
    "too; the gate rejects it before anything renders.",
    "{{ issuer | attr('parse_file') }}",
    "{{ issuer.name }}",
)


@dataclass
class PhraseRecord:
    """One phrase in one language, with its plain-language figures."""

    id: str
    section: str
    language: str
    file: str
    line: int
    text: str
    words: int = 0
    wiio: float | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckResult:
    root: Path
    findings: list[Finding]
    records: list[PhraseRecord]
    phrase_ids: list[tuple[str, str]]  # (file, id) of every phrase, for JUnit


def check_library(
    root: Path,
    *,
    templates: Path | None = None,
    profile: str = "virkakieli",
    cache_dir: Path | None = None,
    readability: bool = True,
) -> CheckResult:
    from totudocs.resources import templates_dir

    root = Path(root)
    entries, findings = _collect(root)
    findings += _check_ids(entries)
    fields = _case_fields()
    for entry in entries:
        findings += _check_entry(entry, fields)
    findings += _check_templates(entries, templates or templates_dir())
    findings += _check_near_duplicates(entries)
    findings += _check_blocked(entries, root)
    records = _records(entries)
    if readability:
        _lint_records(records, profile, cache_dir)
        findings += [f for r in records for f in r.findings]
    findings.sort(key=lambda f: (f.path, f.line, f.rule))
    ids = [(e["__file__"], str(e.get("id"))) for e in entries]
    return CheckResult(root=root, findings=findings, records=records, phrase_ids=ids)


# --- structure ------------------------------------------------------------------------------


def _finding(
    rule: str,
    category: str,
    severity: Severity,
    message: str,
    file: str,
    line: int,
    suggestion: str | None = None,
) -> Finding:
    return Finding(
        path=file,
        rule=rule,
        category=category,
        severity=severity,
        message=message,
        line=line,
        column=1,
        end_line=line,
        end_column=1,
        suggestion=suggestion,
    )


def _collect(root: Path) -> tuple[list[dict[str, Any]], list[Finding]]:
    entries: list[dict[str, Any]] = []
    findings: list[Finding] = []
    if not root.is_dir():
        return [], [
            _finding(
                "P001",
                "library.schema",
                Severity.ERROR,
                "phrase library folder not found",
                str(root),
                1,
            )
        ]
    for path in sorted(root.rglob("*.yaml")):
        if path.name.startswith("_"):
            continue  # _library.yaml (name, version), _blocked.yaml
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            findings.append(
                _finding(
                    "P001",
                    "library.schema",
                    Severity.ERROR,
                    f"invalid YAML: {getattr(exc, 'problem', exc)}",
                    str(path),
                    mark.line + 1 if mark else 1,
                )
            )
            continue
        phrases = data.get("phrases") if isinstance(data, dict) else None
        if not isinstance(phrases, list):
            findings.append(
                _finding(
                    "P001",
                    "library.schema",
                    Severity.ERROR,
                    "expected a top-level 'phrases:' list",
                    str(path),
                    1,
                )
            )
            continue
        for entry in phrases:
            if not isinstance(entry, dict):
                findings.append(
                    _finding(
                        "P001",
                        "library.schema",
                        Severity.ERROR,
                        "each phrase must be a mapping",
                        str(path),
                        1,
                    )
                )
                continue
            entry["__file__"] = str(path)
            entries.append(entry)
    return entries, findings


def _line(entry: dict[str, Any], key: str | None = None) -> int:
    if key:
        return entry.get("__lines__", {}).get(key, entry.get("__line__", 1))
    return entry.get("__line__", 1)


def _check_ids(entries: list[dict[str, Any]]) -> list[Finding]:
    seen: dict[str, dict[str, Any]] = {}
    findings = []
    for entry in entries:
        phrase_id = entry.get("id")
        if isinstance(phrase_id, str) and phrase_id in seen:
            first = seen[phrase_id]
            findings.append(
                _finding(
                    "P002",
                    "library.duplicate-id",
                    Severity.ERROR,
                    f"phrase id {phrase_id!r} is also defined at "
                    f"{first['__file__']}:{_line(first)}",
                    entry["__file__"],
                    _line(entry, "id"),
                )
            )
        elif isinstance(phrase_id, str):
            seen[phrase_id] = entry
    return findings


def _check_entry(entry: dict[str, Any], fields: set[str]) -> list[Finding]:
    file = entry["__file__"]
    findings: list[Finding] = []
    unknown = {k for k in entry if not k.startswith("__")} - KNOWN_KEYS
    if unknown:
        findings.append(
            _finding(
                "P001",
                "library.schema",
                Severity.ERROR,
                f"unknown key(s): {', '.join(sorted(unknown))}",
                file,
                _line(entry),
            )
        )
    for key in ("id", "section"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            findings.append(
                _finding(
                    "P001",
                    "library.schema",
                    Severity.ERROR,
                    f"phrase needs a non-empty {key!r}",
                    file,
                    _line(entry),
                )
            )
    phrase_id = entry.get("id", "?")
    params = set(entry.get("params") or [])
    exempt = {k: v for k, v in (entry.get("exempt") or {}).items() if not str(k).startswith("__")}
    texts = {lang: entry[lang] for lang in LANGUAGES if isinstance(entry.get(lang), str)}
    for lang in LANGUAGES:
        if lang in texts:
            continue
        reason = str(exempt.get(lang, "")).strip()
        if not reason:
            findings.append(
                _finding(
                    "P005",
                    "library.language-missing",
                    Severity.ERROR,
                    f"phrase {phrase_id!r} has no {lang} text "
                    f"(add it, or exempt: {{{lang}: 'reason'}})",
                    file,
                    _line(entry),
                )
            )
    env = make_environment("fi")
    names: dict[str, set[str]] = {}
    for lang, text in texts.items():
        try:
            env.parse(text)
            names[lang] = referenced_names(text, is_template=True)
        except TemplateSyntaxError as exc:
            findings.append(
                _finding(
                    "P001",
                    "library.schema",
                    Severity.ERROR,
                    f"{lang} text does not parse: {exc.message}",
                    file,
                    _line(entry, lang),
                )
            )
            continue
        for offset, problem in unsafe_accesses(text):
            findings.append(
                _finding(
                    "P011",
                    "library.unsafe-code",
                    Severity.ERROR,
                    f"{lang} text: {problem}",
                    file,
                    _line(entry, lang) + offset - 1,
                )
            )
        for name in sorted(names[lang]):
            if not _known(name, fields, params):
                findings.append(
                    _finding(
                        "P003",
                        "library.placeholder-unknown",
                        Severity.ERROR,
                        f"placeholder {name!r} is not a case field "
                        "(see `totudocs schema decision`)",
                        file,
                        _line(entry, lang),
                    )
                )
    if len(names) == 2 and names["fi"] != names["sv"]:
        only_fi = sorted(names["fi"] - names["sv"])
        only_sv = sorted(names["sv"] - names["fi"])
        findings.append(
            _finding(
                "P004",
                "library.placeholder-mismatch",
                Severity.ERROR,
                f"fi and sv use different placeholders (only fi: {only_fi}, only sv: {only_sv})",
                file,
                _line(entry, "sv"),
            )
        )
    when = str(entry.get("when", "true"))
    try:
        env.parse("{{ (" + when + ") }}")
        for _offset, problem in unsafe_accesses(when, is_template=False):
            findings.append(
                _finding(
                    "P011",
                    "library.unsafe-code",
                    Severity.ERROR,
                    f"condition: {problem}",
                    file,
                    _line(entry, "when"),
                )
            )
        for name in sorted(referenced_names(when, is_template=False)):
            if not _known(name, fields, params):
                findings.append(
                    _finding(
                        "P006",
                        "library.condition-invalid",
                        Severity.ERROR,
                        f"condition reads {name!r}, which is not a case field",
                        file,
                        _line(entry, "when"),
                    )
                )
    except TemplateSyntaxError as exc:
        findings.append(
            _finding(
                "P006",
                "library.condition-invalid",
                Severity.ERROR,
                f"condition does not parse: {exc.message}",
                file,
                _line(entry, "when"),
            )
        )
    # every message names its phrase, so reports (and JUnit test cases) group by phrase
    return [
        f
        if repr(phrase_id) in f.message
        else dataclasses.replace(f, message=f"phrase {phrase_id!r}: {f.message}")
        for f in findings
    ]


def _case_fields() -> set[str]:
    """Every dotted path a phrase may read: Decision fields, nested fields, derived properties."""
    from totudocs.model.decision import Decision

    paths: set[str] = {"case"}
    _walk(Decision, "", paths, depth=0)
    return paths


def _walk(model: type[BaseModel], prefix: str, paths: set[str], depth: int) -> None:
    for name in model.model_fields:
        path = f"{prefix}{name}"
        paths.add(path)
        for inner in _models(model.model_fields[name].annotation):
            if depth < 4:
                _walk(inner, path + ".", paths, depth + 1)
    for cls in model.__mro__:
        if cls is BaseModel:
            break
        for name, value in vars(cls).items():
            if isinstance(value, property) and not name.startswith("_"):
                paths.add(f"{prefix}{name}")


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        return [m for arg in typing.get_args(annotation) for m in _models(arg)]
    return []


def _known(name: str, fields: set[str], params: set[str]) -> bool:
    """A placeholder is known if it is a case field (or derived fact) or a declared parameter."""
    return name in fields or name.split(".")[0] in params


def _check_templates(entries: list[dict[str, Any]], templates: Path) -> list[Finding]:
    ids = {e.get("id") for e in entries}
    sections_used: set[str] = set()
    ids_used: set[str] = set()
    findings: list[Finding] = []
    for path in sorted(templates.rglob("*.j2")):
        source = path.read_text(encoding="utf-8")
        try:
            unsafe = unsafe_accesses(source)
        except TemplateSyntaxError as exc:
            unsafe = [(exc.lineno, f"template does not parse: {exc.message}")]
        for number, problem in unsafe:
            findings.append(
                _finding(
                    "P011", "library.unsafe-code", Severity.ERROR, problem, str(path), number
                )
            )
        for number, line in enumerate(source.splitlines(), start=1):
            for kind, ref in TEMPLATE_REFERENCE.findall(line):
                if kind == "section":
                    sections_used.add(ref)
                    continue
                ids_used.add(ref)
                if ref not in ids:
                    findings.append(
                        _finding(
                            "P007",
                            "library.template-reference",
                            Severity.ERROR,
                            f"template refers to phrase {ref!r}, which the library does not have",
                            str(path),
                            number,
                        )
                    )
    for entry in entries:
        if entry.get("section") not in sections_used and entry.get("id") not in ids_used:
            findings.append(
                _finding(
                    "P008",
                    "library.unused",
                    Severity.WARNING,
                    f"phrase {entry.get('id')!r}: no template renders section "
                    f"{entry.get('section')!r} or this id",
                    entry["__file__"],
                    _line(entry, "section"),
                )
            )
    return findings


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"{{.*?}}|{%.*?%}", " {} ", text.lower()).split())


def _tokens(text: str) -> frozenset[str]:
    text = re.sub(r"{{.*?}}|{%.*?%}", " ", text)
    return frozenset(re.findall(r"\w+", text.lower()))


def _check_near_duplicates(entries: list[dict[str, Any]]) -> list[Finding]:
    findings = []
    signatures = [
        (e, _tokens(str(e.get("fi", ""))), _normalised(str(e.get("fi", "")))) for e in entries
    ]
    for index, (entry, tokens, text) in enumerate(signatures):
        if len(tokens) < 4:
            continue
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)  # the matcher caches its analysis of the second sequence
        for other, other_tokens, other_text in signatures[:index]:
            if abs(len(tokens) - len(other_tokens)) > 0.2 * len(tokens) + 1:
                continue
            # cheap token overlap first, then the character-level ratio on the survivors
            if len(tokens & other_tokens) / len(tokens | other_tokens) < 0.6:
                continue
            matcher.set_seq1(other_text)
            # the cheap upper bounds rule most pairs out before the full comparison
            if matcher.real_quick_ratio() < 0.9 or matcher.quick_ratio() < 0.9:
                continue
            overlap = matcher.ratio()
            if overlap >= 0.9:
                findings.append(
                    _finding(
                        "P009",
                        "library.near-duplicate",
                        Severity.WARNING,
                        f"phrase {entry.get('id')!r} is {overlap:.0%} the same as "
                        f"{other.get('id')!r} ({other['__file__']}:{_line(other)})",
                        entry["__file__"],
                        _line(entry, "fi"),
                    )
                )
                break
    return findings


def load_blocked(root: Path) -> list[dict[str, str]]:
    items = yaml.safe_load(BLOCKED_DEFAULT.read_text(encoding="utf-8")) or []
    own = root / "_blocked.yaml"
    if own.exists():
        items += yaml.safe_load(own.read_text(encoding="utf-8")) or []
    return items


def _check_blocked(entries: list[dict[str, Any]], root: Path) -> list[Finding]:
    findings = []
    blocked = load_blocked(root)
    for entry in entries:
        for lang in LANGUAGES:
            text = re.sub(r"\s+", " ", str(entry.get(lang, ""))).lower()
            for item in blocked:
                if re.search(item["pattern"], text):
                    findings.append(
                        _finding(
                            "P010",
                            "library.blocked",
                            Severity.ERROR,
                            f"blocked wording ({item['reason']})",
                            entry["__file__"],
                            _line(entry, lang),
                            suggestion=item.get("instead"),
                        )
                    )
    return findings


# --- plain language per phrase --------------------------------------------------------------

SAMPLES = {"eur": "120,00 €", "day": "1.12.2026", "percent": "20 %", "number": "3"}


def sample_text(source: str) -> str:
    """Phrase text with placeholders replaced by realistic values, for linting."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        for name, sample in SAMPLES.items():
            if re.search(rf"\|\s*{name}\b", expression):
                return sample
        return "Tampere"

    text = re.sub(r"{{(.*?)}}", value, source, flags=re.S)
    text = re.sub(r"{%.*?%}", " ", text, flags=re.S)
    return re.sub(r"\s+", " ", text).strip()


def _records(entries: list[dict[str, Any]]) -> list[PhraseRecord]:
    records = []
    for entry in entries:
        for lang in LANGUAGES:
            if isinstance(entry.get(lang), str):
                records.append(
                    PhraseRecord(
                        id=str(entry.get("id")),
                        section=str(entry.get("section")),
                        language=lang,
                        file=entry["__file__"],
                        line=_line(entry, lang),
                        text=sample_text(entry[lang]),
                    )
                )
    return records


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def _lexicon_digest() -> str:
    """Rule data and rule code are part of the cache key: editing a lexicon, a rule or the
    metrics re-lints every phrase (a cache must never keep a finding the rules no longer make)."""
    import totudocs.lint as lint_package
    from totudocs.lint.engine import DATA_DIR

    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.glob("*.yaml")):
        digest.update(path.read_bytes())
    for path in sorted(Path(lint_package.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_key(record: PhraseRecord, profile: str) -> str:
    payload = f"{__version__}\0{profile}\0{record.language}\0{record.text}\0{_lexicon_digest()}"
    return hashlib.sha256(payload.encode()).hexdigest()


def _lint_records(records: list[PhraseRecord], profile: str, cache_dir: Path | None) -> None:
    cache_path = cache_dir / "phrase-lint.json" if cache_dir else None
    cache: dict[str, Any] = {}
    if cache_path and cache_path.exists():
        try:
            cache = json.loads(cache_path.read_text(encoding="utf-8"))
        except ValueError:
            cache = {}
    keys = {id(r): _cache_key(r, profile) for r in records}
    todo = [r for r in records if keys[id(r)] not in cache]
    words_path = cache_dir / "voikko-analyses.json" if cache_dir else None
    if todo and words_path and words_path.exists():
        from totudocs.reading.language import preload_analyses

        # known word forms need no Voikko (whose dictionary takes ~1.5 s to load); a broken
        # cache file is ignored
        with contextlib.suppress(ValueError, TypeError):
            preload_analyses(json.loads(words_path.read_text(encoding="utf-8")))
    for language in LANGUAGES:
        batch = [r for r in todo if r.language == language]
        if batch:
            for record, result in zip(batch, _lint_batch(batch, profile, language), strict=True):
                cache[keys[id(record)]] = result
    for record in records:
        cached = cache[keys[id(record)]]
        record.words, record.wiio = cached["words"], cached["wiio"]
        record.findings = [
            Finding(
                path=record.file,
                rule=f["rule"],
                category=f["category"],
                severity=Severity[f["severity"].upper()],
                message=f"phrase {record.id!r} ({record.language}): {f['message']}",
                line=record.line,
                column=1,
                end_line=record.line,
                end_column=1,
                section=record.section,
                suggestion=f["suggestion"],
                snippet=f["snippet"],
            )
            for f in cached["findings"]
        ]
    if cache_path and todo and words_path:
        from totudocs.reading.language import export_analyses

        words_path.parent.mkdir(parents=True, exist_ok=True)
        words_path.write_text(json.dumps(export_analyses(), ensure_ascii=False), encoding="utf-8")
    if cache_path:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        live = {keys[id(r)] for r in records}
        cache_path.write_text(
            json.dumps({k: v for k, v in cache.items() if k in live}), encoding="utf-8"
        )


def _lint_batch(records: list[PhraseRecord], profile: str, language: str) -> list[dict[str, Any]]:
    """Lint many phrases in one pass: one block per phrase, one spaCy batch."""
    from totudocs.lint.engine import LintContext, run_rules
    from totudocs.lint.metrics import compute
    from totudocs.lint.registry import all_rules
    from totudocs.reading import Block, Document
    from totudocs.reading.analysis import analyze_document

    # Sentence-level readability rules; the document-level address rule would compare
    # unrelated phrases with each other.
    codes = [
        r.code
        for r in all_rules()
        if r.category.startswith("readability.") and r.code not in ("FI110",)
    ]
    blocks = [
        Block(r.text, "paragraph", r.section, [(0, index + 1, 1)])
        for index, r in enumerate(records)
    ]
    analyzed = analyze_document(Document(path="library", blocks=blocks), language)
    findings = run_rules(analyzed, LintContext(profile=profile, rules=codes))
    by_record: list[list[Finding]] = [[] for _ in records]
    for finding in findings:
        by_record[finding.line - 1].append(finding)
    position = {id(block): index for index, block in enumerate(blocks)}
    sentences: list[list[Any]] = [[] for _ in records]
    for sentence in analyzed.sentences:
        sentences[position[id(sentence.block)]].append(sentence)
    results = []
    for record_findings, record_sentences in zip(by_record, sentences, strict=True):
        metrics = compute(record_sentences, language)
        results.append(
            {
                "words": metrics["words"],
                "wiio": metrics.get("wiio"),
                "findings": [
                    {
                        "rule": f.rule,
                        "category": f.category,
                        "severity": str(f.severity),
                        "message": f.message,
                        "suggestion": f.suggestion,
                        "snippet": f.snippet,
                    }
                    for f in record_findings
                ],
            }
        )
    return results
