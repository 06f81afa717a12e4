"""JUnit XML for CI systems that show test reports: one test case per checked item."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from totudocs.lint.findings import Finding, Severity


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
