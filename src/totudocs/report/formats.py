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
import os
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from totudocs import __version__
from totudocs.lint.findings import DocumentResult, Severity

if TYPE_CHECKING:
    from totudocs.lint.registry import Rule

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


def _evidence_lines(items: Sequence[dict[str, Any]], prefix: str) -> list[str]:
    """One line per requirement: met (by which line and sentence) or not met."""
    lines = []
    for item in items:
        mark = "met" if item.get("met") else "NOT met"
        where = f" by line {item['line']}: \"{_shorten(str(item.get('text', '')))}\"" if (
            item.get("met") and item.get("line")) else ""
        if not item.get("met") and item.get("line"):
            where = f" (judged line {item['line']})"
        lines.append(f"{prefix}[{item.get('category')}] {item.get('requirement')}: {mark}{where}")
    return lines


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
                "notice": r.notice,
                "metrics": r.metrics,
                "sections": r.sections,
                "headings": r.headings,
                "requirements": r.requirements,
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


def to_text(results: Sequence[DocumentResult], explain: bool = False) -> str:
    lines: list[str] = []
    for result in results:
        if result.error:
            lines.append(f"{result.path}: error: {result.error}")
            continue
        if result.notice:
            lines.append(f"{result.path}: {result.notice}")
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
            if explain:
                lines.extend(_evidence_lines(f.evidence, "    = evidence: "))
        if explain and result.requirements:
            lines.append(f"{result.path}: what the justification checks required")
            lines.extend(_evidence_lines(result.requirements, "    "))
        lines.append(f"{result.path}: {_grade(result.metrics, result.language)}")
    counts = summary(results)
    lines.append(
        f"{counts['findings']} finding(s) in {counts['documents']} document(s): "
        f"{counts['error']} error, {counts['warning']} warning, {counts['info']} info"
    )
    return "\n".join(lines)


def to_github(results: Sequence[DocumentResult]) -> str:
    """GitHub Actions workflow commands; see ``_escape_data`` / ``_escape_property``."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for result in results:
        if result.error:
            lines.append(
                f"::error file={_escape_property(result.path)}::{_escape_data(result.error)}"
            )
        for f in result.findings:
            lines.append(
                f"::{level[f.severity]} file={_escape_property(f.path)},line={f.line},"
                f"col={f.column},endLine={f.end_line},endColumn={f.end_column},"
                f"title={_escape_property(f'{f.rule} {f.category}')}::{_escape_data(f.message)}"
            )
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    """The message part of a workflow command: a raw newline would end the command early and a
    raw ``%`` would be read as the start of an escape."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value (file, title): ``,`` separates properties and ``:`` ends the property
    list, so a path such as ``a,b:c.md`` would otherwise be cut short or misread."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


SRCROOT = "%SRCROOT%"


def _artifact_location(path: str, cwd: Path) -> dict[str, str]:
    """A SARIF artifactLocation: a percent-encoded relative URI against %SRCROOT% (the working
    directory) when the file is inside it, so code-scanning services can map it onto the
    repository; otherwise an absolute file URI, which needs no base."""
    candidate = Path(path)
    # abspath, not resolve(): a symlinked checkout must still count as inside the cwd, and a
    # file that could not be read may not exist to be resolved.
    absolute = Path(os.path.abspath(cwd / candidate))
    try:
        relative = absolute.relative_to(cwd)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _directory_uri(directory: Path) -> str:
    uri = directory.as_uri()
    # SARIF requires a base URI to end with "/"; otherwise relative URIs resolve against its
    # parent folder.
    return uri if uri.endswith("/") else uri + "/"


def to_sarif(
    results: Sequence[DocumentResult], docs_url: str | None = None, *, cwd: Path | None = None
) -> str:
    """SARIF 2.1.0. ``docs_url`` (default: $TOTUDOCS_DOCS_URL) is the rule documentation page;
    without one, rules get no helpUri rather than a guessed link. ``cwd`` is %SRCROOT%."""
    # Imported here: the engine and registry load the language layer, which text reports and
    # `--help` should not pay for.
    from totudocs.lint.engine import fingerprint
    from totudocs.lint.registry import all_rules

    if docs_url is None:
        docs_url = os.environ.get("TOTUDOCS_DOCS_URL") or None
    root = Path(os.path.abspath(cwd or Path.cwd()))
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
                            "artifactLocation": _artifact_location(f.path, root),
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                            },
                        }
                    }
                ],
                # The baseline's fingerprint: stable across line moves, and a finding suppressed
                # by a baseline can be matched to the alert it silences.
                "partialFingerprints": {"totudocsFindingHash/v1": fingerprint(f)},
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
                        "rules": [_rule_descriptor(rule, level, docs_url) for rule in rules],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
                "invocations": [_invocation(results, root)],
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _rule_descriptor(
    rule: Rule, level: dict[Severity, str], docs_url: str | None
) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": f"{rule.rationale} Source: {rule.source}"},
        "defaultConfiguration": {"level": level[rule.severity]},
        "properties": {"category": rule.category},
    }
    if docs_url:
        # One anchor per rule code, lower-cased as URL fragments conventionally are.
        descriptor["helpUri"] = f"{docs_url}#{rule.code.lower()}"
    return descriptor


def _invocation(results: Sequence[DocumentResult], root: Path) -> dict[str, Any]:
    """An input that could not be read or validated was not checked: without this, an empty
    results array would read as "no problems" to a code-scanning service."""
    notifications = [
        {
            "level": "error",
            "message": {"text": r.error},
            "locations": [
                {"physicalLocation": {"artifactLocation": _artifact_location(r.path, root)}}
            ],
        }
        for r in results
        if r.error
    ]
    return {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}


def _junit(results: Sequence[DocumentResult]) -> str:
    from totudocs.report.junit import documents_to_junit

    return documents_to_junit(results)


FORMATS: dict[str, Callable[[Sequence[DocumentResult]], str]] = {
    "text": to_text,
    "json": to_json,
    "sarif": to_sarif,
    "github": to_github,
    "junit": _junit,
}


def render_report(results: Sequence[DocumentResult], fmt: str) -> str:
    return FORMATS[fmt](results)
