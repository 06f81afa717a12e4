"""Held-out evaluation: documents the rules were not written against, reported per set.

Three kinds of set, never pooled:

- the **development** split (``corpus/justification/heldout/dev``): the rules are calibrated on it;
- the **test** split (``…/heldout/test``): never tuned on; its figures are the project's own
  honest ones;
- an **external** set (``--external DIR``, e.g. ``../shared/eval``), written outside the team:
  validated on, never copied from.

For the justification checks each document lists the complete set of categories a careful reader
finds; a disagreement is shown with the tool's evidence (which requirement was met by which
sentence, or that none was). For the readability rules a reader judged each finding true or
false (``corpus/readability/heldout/labels.yaml``); precision per rule is measured on the
judged findings, and a finding nobody judged yet is listed, not guessed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from totudocs.lint.engine import LintContext, fingerprint, lint_path
from totudocs.lint.evaluate import RuleScore
from totudocs.lint.findings import DocumentResult, Finding
from totudocs.lint.registry import all_rules

DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


@dataclass
class Labelled:
    path: Path
    name: str  # as shown in reports (relative to the set)
    expected: set[str]
    note: str = ""
    style: str = ""
    language: str = ""


@dataclass
class SetResult:
    name: str
    scores: dict[str, RuleScore]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> RuleScore:
        total = RuleScore()
        for score in self.scores.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total

    @property
    def exact(self) -> int:
        return sum(row["expected"] == row["found"] for row in self.rows)


def justification_categories() -> set[str]:
    return {r.category for r in all_rules() if r.code.startswith("J")}


def heldout_split(folder: Path) -> list[Labelled]:
    """A split folder with ``labels.yaml`` (file -> categories, style, language, note)."""
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8")) or {}
    return [
        Labelled(folder / name, name, set(entry.get("categories") or []), entry.get("note", ""),
                 entry.get("style", ""), entry.get("language", ""))
        for name, entry in labels.items()
    ]


def external_set(folder: Path) -> list[Labelled]:
    """``labels.json`` as in ../shared/eval: path -> categories ("_about" is a comment)."""
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return [Labelled(folder / name, name, set(categories))
            for name, categories in labels.items() if not name.startswith("_")]


def evaluate_justification(name: str, items: list[Labelled]) -> SetResult:
    categories = justification_categories()
    scores: dict[str, RuleScore] = {}
    rows = []
    for item in items:
        result = lint_path(item.path, LintContext())
        found_findings = [f for f in result.findings if f.category in categories]
        found = {f.category for f in found_findings}
        for category in item.expected | found:
            scores.setdefault(category, RuleScore()).record(
                category in item.expected, category in found, item.name)
        rows.append({
            "document": item.name, "expected": sorted(item.expected), "found": sorted(found),
            "style": item.style, "language": item.language, "note": item.note,
            "explanation": _explain(item.expected, found_findings, result),
        })
    return SetResult(name, dict(sorted(scores.items())), rows)


def _explain(expected: set[str], findings: list[Finding],
             result: DocumentResult) -> list[str]:
    """Why the tool disagrees: its finding for an extra category, its evidence for a missed one."""
    lines = []
    for finding in findings:
        if finding.category not in expected:
            lines.append(f"+ {finding.category} (line {finding.line}): {finding.message}")
    found = {f.category for f in findings}
    for category in sorted(expected - found):
        met = [r for r in result.requirements if r["category"] == category and r["met"]]
        if met:
            first = met[0]
            lines.append(f"- {category}: the tool took '{first['requirement']}' as met by line "
                         f"{first.get('line', '?')}")
        else:
            lines.append(f"- {category}: nothing in the document triggered the check")
    return lines


def format_justification(result: SetResult, verbose: bool = False) -> str:
    micro = result.micro
    lines = [
        f"Justification checks, {result.name}: micro precision {micro.precision:.2f}, recall "
        f"{micro.recall:.2f}; {result.exact}/{len(result.rows)} documents with exactly the "
        "expected categories",
        f"{'category':<36}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}",
    ]
    for category, s in result.scores.items():
        lines.append(
            f"{category:<36}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.precision:>11.2f}{s.recall:>8.2f}")
    failing = [row for row in result.rows if row["expected"] != row["found"]]
    if failing:
        lines.append("documents that disagree:")
        for row in failing:
            lines.append(f"  {row['document']}")
            if verbose:
                lines.extend(f"      {line}" for line in row["explanation"])
    return "\n".join(lines)


# -- readability: precision on judged findings ------------------------------------------------


@dataclass
class Judgement:
    verdict: bool
    note: str = ""


@dataclass
class ReadabilityResult:
    name: str
    judged: dict[str, Counter[str]] = field(default_factory=dict)  # rule -> true/false counts
    unjudged: list[tuple[str, Finding]] = field(default_factory=list)
    documents: int = 0

    def precision(self, rule: str) -> float:
        counts = self.judged.get(rule, Counter())
        total = counts["true"] + counts["false"]
        return counts["true"] / total if total else 1.0


def load_judgements(path: Path) -> dict[str, Judgement]:
    """fingerprint -> verdict, from a labels file of judged findings."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        entry["fingerprint"]: Judgement(bool(entry["verdict"]), entry.get("note", ""))
        for entry in data.get("findings", [])
        if entry.get("verdict") is not None
    }


def reader_agreement(first: dict[str, Judgement], second: dict[str, Judgement]) -> str:
    """How often a second, independent reader gives the same verdict: raw agreement and Cohen's
    kappa (agreement beyond what the two readers' rates of 'true' would give by chance)."""
    shared = sorted(set(first) & set(second))
    if not shared:
        return ""
    pairs = [(first[key].verdict, second[key].verdict) for key in shared]
    observed = sum(a == b for a, b in pairs) / len(pairs)
    rate_first = sum(a for a, _ in pairs) / len(pairs)
    rate_second = sum(b for _, b in pairs) / len(pairs)
    chance = rate_first * rate_second + (1 - rate_first) * (1 - rate_second)
    kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    disagreements = len(pairs) - sum(a == b for a, b in pairs)
    return (f"Second reader: {len(pairs)} judged findings read again independently; agreement "
            f"{observed:.2f}, Cohen's kappa {kappa:.2f} ({disagreements} disagreement(s))")


def readability_findings(paths: list[Path]) -> list[tuple[Path, Finding]]:
    result = []
    for path in paths:
        linted = lint_path(path, LintContext())
        result.extend((path, f) for f in linted.findings
                      if f.category.startswith("readability."))
    return result


def evaluate_readability(name: str, paths: list[Path],
                         judgements: dict[str, Judgement]) -> ReadabilityResult:
    result = ReadabilityResult(name, documents=len(paths))
    for path, finding in readability_findings(paths):
        judgement = judgements.get(fingerprint(finding))
        if judgement is None:
            result.unjudged.append((str(path), finding))
            continue
        result.judged.setdefault(finding.rule, Counter())[
            "true" if judgement.verdict else "false"] += 1
    return result


def format_readability(result: ReadabilityResult, verbose: bool = False) -> str:
    lines = [f"Readability rules, {result.name} ({result.documents} documents): precision on "
             "findings judged by a reader",
             f"{'rule':<8}{'true':>6}{'false':>7}{'precision':>11}"]
    for rule in sorted(result.judged):
        counts = result.judged[rule]
        lines.append(f"{rule:<8}{counts['true']:>6}{counts['false']:>7}"
                     f"{result.precision(rule):>11.2f}")
    if result.unjudged:
        lines.append(f"{len(result.unjudged)} finding(s) not judged yet "
                     "(totudocs eval --unjudged lists them)")
        if verbose:
            lines.extend(f"  {path}:{f.line} {f.rule} {f.message}" for path, f in result.unjudged)
    return "\n".join(lines)


def unjudged_stubs(results: list[ReadabilityResult], external: set[str]) -> str:
    """YAML entries for the findings nobody judged yet, to be filled in by a reader.

    A finding in an external document gets no sentence: that wording stays out of the corpus.
    """
    entries = []
    for result in results:
        for path, finding in result.unjudged:
            entry: dict[str, Any] = {
                "file": os.path.relpath(path), "line": finding.line, "rule": finding.rule,
                "fingerprint": fingerprint(finding), "verdict": None,
            }
            if result.name not in external:
                entry["sentence"] = (finding.snippet or "").replace("»", "[").replace("«", "]")
                entry["message"] = finding.message
            entries.append(entry)
    return yaml.safe_dump({"findings": entries}, allow_unicode=True, sort_keys=False, width=100)


def documents_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES
                  and p.name.lower() != "readme.md")
