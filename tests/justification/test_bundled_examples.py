"""The complete bundled examples, rendered, give no justification finding; --explain shows which
sentence met each requirement and never prints a henkilötunnus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.lint.engine import LintContext, lint_path
from totudocs.resources import corpus_dir

EXAMPLES = sorted((corpus_dir() / "examples").glob("*.yaml"))
HETU = re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("examples")
    result = CliRunner().invoke(main, ["render", *map(str, EXAMPLES), "-o", str(folder),
                                       "--format", "html"])
    assert result.exit_code == 0, result.output
    return sorted(folder.glob("*.html"))


@pytest.mark.slow
def test_complete_examples_have_no_justification_findings(rendered: list[Path]) -> None:
    assert len(rendered) == len(EXAMPLES)
    for path in rendered:
        findings = [f for f in lint_path(path, LintContext()).findings if f.rule.startswith("J")]
        assert findings == [], (path.name, [(f.rule, f.message) for f in findings])


@pytest.mark.slow
def test_explain_names_the_sentences_and_masks_the_henkilotunnus(rendered: list[Path]) -> None:
    result = CliRunner().invoke(main, ["lint", "--explain", *map(str, rendered)])
    assert result.exit_code == 0, result.output
    assert "met by line" in result.output and "NOT met" not in result.output
    assert not HETU.search(result.output)
