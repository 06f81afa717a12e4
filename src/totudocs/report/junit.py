"""JUnit XML for CI systems that show test reports: one test case per checked item.

``to_junit`` reports a phrase library (a case per phrase); ``documents_to_junit`` reports
``totudocs lint`` and ``totudocs statement check`` (a suite per input document).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from xml.etree import ElementTree as ET

from totudocs.lint.findings import DocumentResult, Finding, Severity

# The name of the passing test case of a document with no findings. The registered "junit"
# format takes only the results, and `statement check` reaches it through `lint`, so the check's
# name travels beside the call rather than through it (see ``passing_check``).
_PASSING_CHECK: ContextVar[str] = ContextVar("totudocs_junit_passing_check", default="readability")

# Characters XML 1.0 cannot hold even escaped; document text (PDF extraction above all) can
# contain them, and one would make the whole report unparseable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@contextmanager
def passing_check(name: str) -> Iterator[None]:
    """Within this block, a document without findings passes a test case called ``name``."""
    token = _PASSING_CHECK.set(name)
    try:
        yield
    finally:
        _PASSING_CHECK.reset(token)


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def documents_to_junit(
    results: Sequence[DocumentResult], *, check: str | None = None, suite: str = "totudocs"
) -> str:
    """One ``<testsuite>`` per input document, one ``<testcase>`` per finding category in it.

    Every finding fails its category's case (the exit code, not this report, applies
    ``--fail-on``). A document with no findings gets one passing case named ``check`` (default:
    the ``passing_check`` in effect, else "readability") so it still shows as checked; an input
    that could not be read or validated gets that case with an ``<error>`` instead.
    """
    name = check or _PASSING_CHECK.get()
    root = ET.Element("testsuites", name=suite)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        path = _xml(result.path)
        node = ET.SubElement(root, "testsuite", name=path)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if result.error:
            case = ET.SubElement(node, "testcase", classname=path, name=name)
            error = ET.SubElement(case, "error", message=_xml(result.error), type="input")
            error.text = _xml(f"{result.path}: {result.error}")
            counts["tests"] += 1
            counts["errors"] += 1
        by_category: dict[str, list[Finding]] = defaultdict(list)
        for finding in result.findings:
            by_category[finding.category].append(finding)
        for category in sorted(by_category):
            findings = by_category[category]
            case = ET.SubElement(node, "testcase", classname=path, name=_xml(category))
            failure = ET.SubElement(
                case,
                "failure",
                message=_xml(f"{len(findings)} finding(s): {findings[0].message}"),
                type=_xml(category),
            )
            failure.text = _xml("\n".join(_finding_line(f) for f in findings))
            counts["tests"] += 1
            counts["failures"] += 1
        if not counts["tests"]:
            ET.SubElement(node, "testcase", classname=path, name=name)
            counts["tests"] += 1
        for key, value in counts.items():
            node.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _finding_line(finding: Finding) -> str:
    section = f" [{finding.section}]" if finding.section else ""
    line = (
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule} "
        f"{finding.message}{section}"
    )
    return line + (f"\n    = help: {finding.suggestion}" if finding.suggestion else "")


def to_junit(
    cases: Iterable[tuple[str, str]],
    findings: Iterable[Finding],
    fail_on: Severity | None,
    suite: str = "totudocs",
) -> str:
    """``cases`` are (file, name) pairs; a case fails when it has findings at or above fail_on.

    Findings are matched to a case by file and by the case name appearing in the message
    (phrase ids); findings matching no case get a case of their own, named after the rule.
    """
    cases = list(cases)
    findings = list(findings)
    by_case: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    names_by_file: dict[str, list[str]] = defaultdict(list)
    for file, name in cases:
        names_by_file[file].append(name)
    orphans: list[Finding] = []
    for finding in findings:
        match = next(
            (n for n in names_by_file.get(finding.path, []) if repr(n) in finding.message), None
        )
        if match is None:
            orphans.append(finding)
        else:
            by_case[(finding.path, match)].append(finding)
    all_cases = cases + [(f.path, f"{f.rule}:{f.line}") for f in orphans]
    for finding in orphans:
        by_case[(finding.path, f"{finding.rule}:{finding.line}")].append(finding)

    root = ET.Element("testsuites")
    failures = sum(
        1
        for key in all_cases
        if fail_on is not None and any(f.severity >= fail_on for f in by_case[key])
    )
    node = ET.SubElement(
        root, "testsuite", name=suite, tests=str(len(all_cases)), failures=str(failures), errors="0"
    )
    for file, name in all_cases:
        case = ET.SubElement(node, "testcase", classname=file, name=name)
        problems = by_case[(file, name)]
        failing = [f for f in problems if fail_on is not None and f.severity >= fail_on]
        if failing:
            failure = ET.SubElement(
                case, "failure", message=failing[0].message, type=failing[0].rule
            )
            failure.text = "\n".join(
                f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in problems
            )
        elif problems:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(
                f"{f.path}:{f.line}: {f.severity} {f.rule} {f.message}" for f in problems
            )
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
