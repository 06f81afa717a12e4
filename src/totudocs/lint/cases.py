"""Linting case data: render it, lint the rendering, and point findings back at the sources.

The user gave a YAML/JSON case file, so a finding in rendered prose is located where that prose
came from: the case file when the text is the case's own free text (a justification), or the
phrase library file when it comes from a stock phrase.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path

from totudocs.lint.engine import LintContext, lint_html
from totudocs.lint.findings import DocumentResult, Finding
from totudocs.model import CaseDataError, load_case
from totudocs.reading import read_input


class CaseLintError(Exception):
    """The case file is invalid; carries the validation problems."""

    def __init__(self, error: CaseDataError) -> None:
        super().__init__(str(error))
        self.problems = error.problems


def lint_case_file(path: Path, context: LintContext, language: str | None = None) -> DocumentResult:
    from totudocs.render.html import Renderer

    read_input(path)  # a missing or unreadable file is an InputError, not invalid case data
    try:
        case = load_case(path)
    except CaseDataError as exc:
        raise CaseLintError(exc) from None
    renderer = Renderer.create(templates=context.templates_dir, phrases=context.phrases_dir)
    rendered = renderer.render(case)
    case_context = dataclasses.replace(
        context, case=case, case_path=str(path), trace=rendered.trace
    )
    result = lint_html(rendered.html, str(path), case_context, language or case.language)
    phrase_files = sorted({p.file for p in renderer.phrases.phrases.values()})
    result.findings = [_locate(f, path, phrase_files) for f in result.findings]
    return result


def _locate(finding: Finding, case_path: Path, phrase_files: list[str]) -> Finding:
    if finding.path != str(case_path) or not finding.snippet or finding.rule.startswith("J"):
        return finding
    span = finding.snippet.split("»", 1)[-1].split("«", 1)[0]
    words = re.findall(r"\w+", span)[:8]
    if not words:
        return finding
    pattern = re.compile(r"\W+".join(map(re.escape, words)))
    for candidate in (str(case_path), *phrase_files):
        text = _read(candidate)
        match = pattern.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            return dataclasses.replace(
                finding,
                path=_display(candidate),
                line=line,
                column=column,
                end_line=line,
                end_column=column + len(match.group()),
            )
    return dataclasses.replace(finding, message=finding.message + " (in the rendered text)")


@lru_cache(maxsize=64)
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def _display(path: str) -> str:
    """Paths under the working folder are shown relative to it, as the user typed them."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path
