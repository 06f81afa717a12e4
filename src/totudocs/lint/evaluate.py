"""``totudocs eval``: per-rule precision and recall on the labelled corpus, and register order.

corpus/readability/sentences.yaml lists sentences (or short passages) with the *complete* set of
rule codes expected on them (an empty list means: no rule may fire). A rule firing on an item
that does not list it is a false positive; a listed rule that does not fire is a false negative.
corpus/readability/registers/*.yaml has one topic each in three registers (plain, standard,
officialese); the metrics should order every pair plain < standard < officialese.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from totudocs.lint.engine import LintContext, lint_document
from totudocs.reading import parse_text

REGISTERS = ("plain", "standard", "officialese")


@dataclass
class RuleScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    def record(self, expected: bool, found: bool, name: str) -> None:
        """Count one labelled input for this rule or category."""
        if expected and found:
            self.tp += 1
        elif found:
            self.fp += 1
            self.false_positives.append(name)
        elif expected:
            self.fn += 1
            self.false_negatives.append(name)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class RegisterScore:
    pairs: int = 0
    findings: dict[str, int] = field(default_factory=dict)  # register -> findings (all rules)
    words: dict[str, int] = field(default_factory=dict)
    wiio_correct: int = 0
    lix_correct: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)


def evaluate_rules(corpus: Path, profile: str = "virkakieli") -> dict[str, RuleScore]:
    items = yaml.safe_load((corpus / "sentences.yaml").read_text(encoding="utf-8"))
    from totudocs.lint.registry import all_rules

    scores: dict[str, RuleScore] = defaultdict(RuleScore)
    # the justification rules have their own corpus (corpus/justification)
    readability = [r.code for r in all_rules() if r.category.startswith("readability.")]
    context = LintContext(profile=profile, rules=readability)
    for item in items:
        expected = set(item.get("expect") or [])
        result = lint_document(parse_text(item["text"], "corpus"), context, item.get("lang", "fi"))
        found = {f.rule for f in result.findings}
        for code in expected | found:
            scores[code].record(code in expected, code in found, item["text"])
    return dict(sorted(scores.items()))


def evaluate_registers(corpus: Path) -> RegisterScore:
    score = RegisterScore()
    from totudocs.lint.registry import all_rules

    readability = [r.code for r in all_rules() if r.category.startswith("readability.")]
    context = LintContext(rules=readability)
    for path in sorted((corpus / "registers").glob("*.yaml")):
        topic = yaml.safe_load(path.read_text(encoding="utf-8"))
        lang = topic.get("lang", "fi")
        metrics = {}
        for register in REGISTERS:
            result = lint_document(parse_text(topic[register], str(path)), context, lang)
            metrics[register] = result.metrics
            score.findings[register] = score.findings.get(register, 0) + len(result.findings)
            score.words[register] = score.words.get(register, 0) + result.metrics["words"]
        row = {"topic": path.stem, "lang": lang}
        for register in REGISTERS:
            row[register] = {k: metrics[register].get(k) for k in ("words", "wiio", "lix")}
        for easier, harder in combinations(REGISTERS, 2):
            score.pairs += 1
            if lang == "fi" and metrics[easier]["wiio"] < metrics[harder]["wiio"]:
                score.wiio_correct += 1
            elif lang != "fi" and metrics[easier]["lix"] < metrics[harder]["lix"]:
                score.wiio_correct += 1  # Swedish: Wiio does not apply, LIX stands in
            if metrics[easier]["lix"] < metrics[harder]["lix"]:
                score.lix_correct += 1
        score.rows.append(row)
    return score


def format_report(rules: dict[str, RuleScore], registers: RegisterScore, verbose: bool) -> str:
    lines = ["Rule precision and recall (corpus/readability/sentences.yaml)", ""]
    lines.append(f"{'rule':<8}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for code, s in rules.items():
        lines.append(f"{code:<8}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>11.2f}{s.recall:>8.2f}")
        if verbose:
            lines.extend(f"    FP: {t}" for t in s.false_positives)
            lines.extend(f"    FN: {t}" for t in s.false_negatives)
    lines += [
        "",
        "Register order (plain < standard < officialese), corpus/readability/registers",
        "",
    ]
    for row in registers.rows:
        cells = "  ".join(
            f"{r}: Wiio {row[r]['wiio']} LIX {row[r]['lix']} ({row[r]['words']} w)"
            for r in REGISTERS
        )
        lines.append(f"{row['topic']:<24} {cells}")
    if registers.words:
        lines.append("")
        lines.append(
            "rule findings per 100 words: "
            + ", ".join(
                f"{r} {100 * registers.findings[r] / registers.words[r]:.1f}" for r in REGISTERS
            )
        )
    if registers.pairs:
        lines.append("")
        lines.append(
            f"pairs ordered correctly: Wiio {registers.wiio_correct}/{registers.pairs} "
            f"({100 * registers.wiio_correct / registers.pairs:.0f} %), LIX "
            f"{registers.lix_correct}/{registers.pairs} "
            f"({100 * registers.lix_correct / registers.pairs:.0f} %)"
        )
    return "\n".join(lines)
