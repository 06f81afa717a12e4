"""Justification checks on documents and case data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.lint.engine import LintContext, lint_document, lint_path
from totudocs.lint.justification.evaluate import _phrases_without, evaluate, justification_codes
from totudocs.lint.justification.facts import has_fact, has_provision, is_vague
from totudocs.lint.registry import all_rules
from totudocs.reading import parse_text
from totudocs.resources import corpus_dir

CORPUS = corpus_dir()
EXAMPLES = sorted((CORPUS / "examples").glob("[0-9]*.yaml"))
RULES = [r for r in all_rules() if r.code.startswith("J")]
CATEGORIES = {
    "justification.missing", "justification.vague", "justification.provision-missing",
    "statement.unaddressed", "statement.deviation-unjustified", "attachment.unaddressed",
    "housing-cap.incomplete", "reduction.incomplete", "own-share.missing", "next-steps.missing",
    "review-instructions.missing", "contact.missing", "automation.disclosure-missing",
    "automation.discretion", "phrase.irrelevant", "statement.incomplete", "statement.vague",
    "statement.excess-data", "decision-maker.missing", "calculation.inconsistent",
}


def test_every_category_of_the_fixed_vocabulary_has_a_rule() -> None:
    assert {r.category for r in RULES} == CATEGORIES
    assert all(r.rationale and r.source and r.bad and r.good for r in RULES)


def _examples(kind: str):
    for rule in RULES:
        for example in getattr(rule, kind):
            if example.runnable:
                yield pytest.param(rule, example, id=f"{rule.code}-{kind}")


@pytest.mark.parametrize(("rule", "example"), list(_examples("bad")))
def test_bad_document_example_is_flagged(nlp, rule, example) -> None:
    result = lint_document(parse_text(example.text, "x.txt"), LintContext(rules=[rule.code]), "fi")
    assert rule.category in {f.category for f in result.findings}


@pytest.mark.parametrize(("rule", "example"), list(_examples("good")))
def test_good_document_example_passes(nlp, rule, example) -> None:
    result = lint_document(parse_text(example.text, "x.txt"), LintContext(rules=[rule.code]), "fi")
    assert result.findings == []


@pytest.mark.parametrize(
    "text",
    [
        # a letter or note that mentions a decision is not one
        "Odotan vielä päätöstä hakemukseeni. Voitteko kertoa, milloin se tulee?",
        "Jag väntar fortfarande på beslutet. När kommer det?",
        "Hyvinvointialueella on päätösvalta asiassa. Kysy lisää sosiaalityöntekijältä.",
        "Päätös tulee ensi viikolla. Kysy lisää puhelimitse.",
        # a justification-like heading does not make it a decision either (J003 fired here)
        "Perustelut\n\nOdotamme vielä päätöstä vuokranantajalta. Asia selviää ensi viikolla.\n",
        "Tuki maksetaan tilillesi joulukuussa. Kerro meille, jos tilanteesi muuttuu.",
    ],
)
def test_short_non_decision_texts_get_no_decision_findings(nlp, text: str) -> None:
    result = lint_document(parse_text(text, "note.txt"), LintContext(rules=justification_codes()))
    assert result.findings == []


def test_a_decision_word_inside_html_prose_is_not_a_title(nlp) -> None:
    from totudocs.lint.engine import lint_html

    html = "<html lang='fi'><body><p>Tämä <em>päätös</em> koskee vain joulukuuta.</p></body></html>"
    result = lint_html(html, "note.html", LintContext(rules=justification_codes()))
    assert result.findings == []


@pytest.mark.parametrize(
    "title",
    [
        "Päätös",
        "Kela\nPäätös perustoimeentulotuesta 12.11.2026",
        "Toimeentulotukipäätös",
        "FPA\nBeslut om grundläggande utkomststöd",
    ],
)
def test_decision_titles_are_still_recognised(nlp, title: str) -> None:
    text = f"{title}\n\nMyönnämme sinulle tukea 300 €.\n"
    result = lint_document(parse_text(text, "d.txt"), LintContext(rules=justification_codes()), "fi")
    assert {f.rule for f in result.findings} == {"J010", "J011", "J012"}


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Hakemus hylätään kokonaistilanteen perusteella.", True),
        ("Harkinnan perusteella tukea ei myönnetä.", True),
        ("Stödet beviljas utifrån en helhetsbedömning.", True),
        # a generic phrase next to real facts passes: judged by content, not by a list alone
        ("Kokonaistilanteen perusteella hyväksymme vuokran 820 € helmikuun loppuun.", False),
        ("Sohva ei ole välttämätön, koska asunnossa on kaksi tuolia.", False),
        ("Du har fått arbete från den 1 december.", False),
    ],
)
def test_vagueness_is_judged_by_content(text: str, vague: bool) -> None:
    assert is_vague(text) is vague


def test_fact_and_provision_patterns() -> None:
    assert has_fact("Maksamme 1 234,50 € tilillesi.")
    assert has_fact("Päätös koskee joulukuuta.")
    assert has_provision("toimeentulotukilain 7 a §:n 2 momentti")
    assert has_provision("13 § i lagen om utkomststöd")
    assert not has_provision("Laki sallii tämän.")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_complete_examples_have_no_justification_findings(nlp, path: Path) -> None:
    result = lint_path(path, LintContext(rules=justification_codes()))
    assert result.findings == []


def _variant(tmp_path: Path, base: str, changes: dict) -> Path:
    data = yaml.safe_load((CORPUS / "examples" / base).read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_defective_case_points_at_the_yaml_field(nlp, tmp_path: Path) -> None:
    path = _variant(tmp_path, "05-supplementary-discretion-fi.yaml", {
        "discretion.1.justification": "Hakemus hylätään kokonaistilanteen perusteella.",
        "discretion.1.facts": [],
    })
    result = lint_path(path, LintContext(rules=justification_codes()))
    assert [f.category for f in result.findings] == ["justification.vague"]
    finding = result.findings[0]
    line = path.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert "kokonaistilanteen perusteella" in line
    assert finding.path == str(path) and finding.rule == "J002"


def test_automated_decision_with_discretion_needs_a_human_assessment(nlp, tmp_path: Path) -> None:
    path = _variant(tmp_path, "09-basic-denied-surplus-fi.yaml", {"automated": True, "decision_maker": None})
    found = {f.category for f in lint_path(path, LintContext(rules=justification_codes())).findings}
    assert found == {"automation.discretion"}
    path = _variant(tmp_path, "09-basic-denied-surplus-fi.yaml", {
        "automated": True, "decision_maker": None, "human_assessment": "Käsittelijä tarkisti säästötilin 10.11.2026.",
    })
    assert lint_path(path, LintContext(rules=justification_codes())).findings == []


def test_automated_decision_must_disclose_it(nlp, tmp_path: Path) -> None:
    phrases = _phrases_without(["automation.disclosure"], tmp_path / "library")
    context = LintContext(rules=justification_codes(), phrases_dir=phrases)
    result = lint_path(CORPUS / "examples" / "08-basic-automated-sv.yaml", context)
    assert [f.category for f in result.findings] == ["automation.disclosure-missing"]


def test_lint_reports_categories_in_json(nlp) -> None:
    path = CORPUS / "justification" / "documents" / "kela-missing-fi.txt"
    result = CliRunner().invoke(main, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 1
    categories = {f["category"] for f in json.loads(result.output)["documents"][0]["findings"]}
    assert {"justification.missing", "contact.missing", "next-steps.missing"} <= categories


@pytest.mark.slow
def test_eval_precision_and_recall_at_least_090_for_every_category(nlp) -> None:
    scores, rows = evaluate(CORPUS)
    assert set(scores) == CATEGORIES
    for category, score in scores.items():
        assert score.tp >= 2, category
        assert score.precision >= 0.9, (category, score.false_positives)
        assert score.recall >= 0.9, (category, score.false_negatives)
    defective = [r for r in rows if r["expected"]]
    assert all(r["found"] == r["expected"] for r in defective), "exactly the expected findings"


def test_a_template_that_drops_the_decision_maker_is_caught(nlp, tmp_path: Path) -> None:
    import shutil

    from totudocs.resources import templates_dir

    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    page = templates / "decision.html.j2"
    page.write_text(re.sub(r"\{% if decision_maker %\}.*?\{% endif %\}", "",
                           page.read_text(encoding="utf-8"), count=1, flags=re.S),
                    encoding="utf-8")
    example = CORPUS / "examples" / "05-supplementary-discretion-fi.yaml"
    dropped = lint_path(example, LintContext(rules=justification_codes(), templates_dir=templates))
    assert [f.category for f in dropped.findings] == ["decision-maker.missing"]
    assert lint_path(example, LintContext(rules=justification_codes())).findings == []
