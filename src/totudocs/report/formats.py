"""Reports for lint results.

JSON schema (stable; ``schema_version`` changes only on incompatible changes)::

    {"schema_version": 1, "tool": "totudocs", "version": "...",
     "documents": [{"path", "language", "error", "metrics": {"words", "sentences",
                    "mean_sentence_length", "wiio", "wiio_refined", "lix", "sample_too_small", ...},
                    "sections": {name: metrics}, "findings": [finding, ...]}],
     "summary": {"documents", "findings", "error", "warning", "info"}}

    finding = {"path", "rule", "category", "severity", "message", "line", "column",
               "end_line", "end_column", "section", "suggestion"}
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from totudocs import __version__
from totudocs.lint.findings import DocumentResult, Severity

SCHEMA_VERSION = 1


def summary(results: Sequence[DocumentResult]) -> dict[str, int]:
    counts = Counter(str(f.severity) for r in results for f in r.findings)
    return {
        "documents": len(results),
        "findings": sum(counts.values()),
        "error": counts.get("error", 0),
        "warning": counts.get("warning", 0),
        "info": counts.get("info", 0),
    }


def to_json(results: Sequence[DocumentResult]) -> str:
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool": "totudocs",
        "version": __version__,
        "documents": [
            {
                "path": r.path,
                "language": r.language,
                "error": r.error,
                "metrics": r.metrics,
                "sections": r.sections,
                "findings": [f.to_dict() for f in r.findings],
            }
            for r in results
        ],
        "summary": summary(results),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _grade(metrics: dict[str, Any], language: str) -> str:
    if not metrics or not metrics.get("words"):
        return "no prose"
    base = f"{metrics['words']} words, {metrics['sentences']} sentences, "
    base += f"{metrics['mean_sentence_length']} words/sentence"
    if metrics.get("sample_too_small"):
        return base + "; sample too small for a readability grade (under 100 words)"
    if language == "fi":
        return (
            base
            + f"; Wiio {metrics['wiio']} (refined {metrics['wiio_refined']}), LIX {metrics['lix']}"
        )
    return base + f"; LIX {metrics['lix']} ({metrics.get('lix_band', '')})"


def to_text(results: Sequence[DocumentResult]) -> str:
    lines: list[str] = []
    for result in results:
        if result.error:
            lines.append(f"{result.path}: error: {result.error}")
            continue
        for f in result.findings:
            section = f" [{f.section}]" if f.section else ""
            lines.append(
                f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{section}"
            )
            if f.snippet:
                lines.append(f"    {f.snippet}")
            if f.suggestion:
                lines.append(f"    = help: {f.suggestion}")
        lines.append(f"{result.path}: {_grade(result.metrics, result.language)}")
    counts = summary(results)
    lines.append(
        f"{counts['findings']} finding(s) in {counts['documents']} document(s): "
        f"{counts['error']} error, {counts['warning']} warning, {counts['info']} info"
    )
    return "\n".join(lines)


def to_github(results: Sequence[DocumentResult]) -> str:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for result in results:
        if result.error:
            lines.append(f"::error file={result.path}::{_escape(result.error)}")
        for f in result.findings:
            lines.append(
                f"::{level[f.severity]} file={f.path},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={f.rule} "
                f"{f.category}::{_escape(f.message)}"
            )
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def to_sarif(results: Sequence[DocumentResult]) -> str:
    from totudocs.lint.registry import all_rules

    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    sarif_results = []
    for result in results:
        for f in result.findings:
            entry: dict[str, Any] = {
                "ruleId": f.rule,
                "level": level[f.severity],
                "message": {"text": f.message + (f" Help: {f.suggestion}" if f.suggestion else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.path},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                            },
                        }
                    }
                ],
                "properties": {"category": f.category, "section": f.section},
            }
            if f.rule in index:
                entry["ruleIndex"] = index[f.rule]
            sarif_results.append(entry)
    payload = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "totudocs",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/totudocs/",
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": rule.rationale},
                                "help": {"text": f"{rule.rationale} Source: {rule.source}"},
                                "defaultConfiguration": {"level": level[rule.severity]},
                                "properties": {"category": rule.category},
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


FORMATS: dict[str, Callable[[Sequence[DocumentResult]], str]] = {
    "text": to_text,
    "json": to_json,
    "sarif": to_sarif,
    "github": to_github,
}


def render_report(results: Sequence[DocumentResult], fmt: str) -> str:
    return FORMATS[fmt](results)
