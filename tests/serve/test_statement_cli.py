"""Statements from the command line: skeleton, check, render; completeness on case data."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from totudocs.cli import main
from totudocs.lint.engine import LintContext, lint_path
from totudocs.lint.justification.evaluate import justification_codes
from totudocs.resources import corpus_dir

EXAMPLE = corpus_dir() / "examples" / "statement-other-basic-expenses-fi.yaml"


def test_skeleton_is_commented_yaml_for_each_category() -> None:
    for category in ("other_basic_expenses", "basic_amount_reduction", "urgency"):
        result = CliRunner().invoke(main, ["statement", "new", "--category", category])
        assert result.exit_code == 0
        data = yaml.safe_load(result.output)
        assert data["document"] == "statement" and data["category"] == category
        assert "# " in result.output and "Kela" in result.output
    swedish = CliRunner().invoke(main, ["statement", "new", "--category", "urgency", "--lang", "sv"])
    assert "FPA" in swedish.output and yaml.safe_load(swedish.output)["language"] == "sv"


def test_complete_example_statement_has_no_findings(nlp) -> None:
    result = lint_path(EXAMPLE, LintContext())
    assert result.findings == []


def test_missing_elements_point_at_the_yaml_field(nlp, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["individual_need"] = ""
    data["client_informed"] = False
    del data["housing_timetable"]
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = lint_path(path, LintContext(rules=justification_codes()))
    messages = sorted(f.message for f in result.findings)
    assert all(f.category == "statement.incomplete" for f in result.findings)
    assert any("individual need" in m for m in messages)
    assert any("told what the statement contains" in m for m in messages)
    assert any("timetable" in m for m in messages)
    lines = path.read_text(encoding="utf-8").splitlines()
    need = next(f for f in result.findings if "individual need" in f.message)
    assert lines[need.line - 1].startswith("individual_need")


def test_vague_grounds_and_excess_data(nlp, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["individual_need"] = "Asiakas tarvitsee tukea."
    data["grounds"] = "Puollan tukea kokonaistilanteen perusteella."
    data["circumstances"] = "Asiakkaalla on diagnoosi F32.1."
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    categories = {f.category for f in lint_path(path, LintContext(rules=justification_codes())).findings}
    assert categories == {"statement.vague", "statement.excess-data"}


def test_check_and_render_commands(nlp, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["statement", "check", str(EXAMPLE)]).exit_code == 0
    draft = tmp_path / "draft.yaml"
    draft.write_text(runner.invoke(main, ["statement", "new", "--category", "urgency"]).output)
    result = runner.invoke(main, ["statement", "check", str(draft), "--ui-lang", "en"])
    assert result.exit_code == 1 and "client.name (Client's name): Write the client's name." in result.output
    rendered = runner.invoke(main, ["render", str(EXAMPLE), "-o", str(tmp_path / "out")])
    assert rendered.exit_code == 0, rendered.output
    pdf = PdfReader(tmp_path / "out" / "PIRHA-LAUS-2026-0311.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Sosiaalihuollon lausunto Kelalle" in text and "Muuttofirman" in text
    assert "case.json" in pdf.attachments


RAW_VALIDATION = ("String should", "Input should", "Value error", "Field required", "validation error",
                  "not a henkilötunnus", "finding(s)")


def _fresh_skeleton(tmp_path: Path, category: str = "urgency", language: str = "fi") -> Path:
    draft = tmp_path / "draft.yaml"
    output = CliRunner().invoke(main, ["statement", "new", "--category", category, "--lang", language]).output
    draft.write_text(output, encoding="utf-8")
    return draft


def test_check_of_a_fresh_skeleton_lists_what_is_missing_in_finnish(tmp_path: Path) -> None:
    draft = _fresh_skeleton(tmp_path)
    result = CliRunner().invoke(main, ["statement", "check", str(draft), "--ui-lang", "fi"])
    assert result.exit_code == 1
    assert "10 kohtaa puuttuu tai on korjattava:" in result.output
    for message in ("Kirjoita asiakkaan nimi.", "Kirjoita asiakkaan henkilötunnus.",
                    "Kerro, miksi asia on kiireellinen.", "Vahvista, että asiakasta on kuultu.",
                    "Kirjoita hyvinvointialueen nimi."):
        assert message in result.output
    assert f"{draft}:8:9: client.name (Asiakkaan nimi): Kirjoita asiakkaan nimi." in result.output
    assert not any(raw in result.output for raw in RAW_VALIDATION)


def test_check_follows_the_locale_variables(tmp_path: Path, monkeypatch) -> None:
    draft = _fresh_skeleton(tmp_path, "other_basic_expenses", "sv")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")
    result = CliRunner().invoke(main, ["statement", "check", str(draft)])
    assert result.exit_code == 1
    assert "Skriv klientens namn." in result.output and "Berätta vilken utgift utlåtandet gäller." in result.output
    assert not any(raw in result.output for raw in RAW_VALIDATION)
    monkeypatch.setenv("LC_ALL", "fi_FI.UTF-8")
    assert "Kirjoita asiakkaan nimi." in CliRunner().invoke(main, ["statement", "check", str(draft)]).output
    english = CliRunner().invoke(main, ["statement", "check", str(draft), "--ui-lang", "en"])
    assert "Write the client's name." in english.output


def test_check_reports_wrong_values_in_the_chosen_language(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["client"]["hetu"] = "120487-934K"
    data["period"] = {"start": "2026-12-31", "end": "2026-12-01"}
    draft = tmp_path / "draft.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["statement", "check", str(draft), "--ui-lang", "sv"])
    assert result.exit_code == 1
    assert "client.hetu (Personbeteckning): Kontrolltecknet (det sista tecknet)" in result.output
    assert "Perioden slutar innan den börjar." in result.output
    assert "934K" not in result.output  # the value is not echoed
    assert not any(raw in result.output for raw in RAW_VALIDATION)
    as_json = CliRunner().invoke(main, ["statement", "check", str(draft), "--ui-lang", "fi", "--format", "json"])
    assert as_json.exit_code == 1 and '"error": "virheellisiä tietoja"' in as_json.output


def test_check_of_a_complete_statement_in_swedish(nlp, tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["grounds"] = data["grounds"] + " Mikäli muutto toteutuu, perustotu lasketaan uudelleen."
    draft = tmp_path / "draft.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["statement", "check", str(draft), "--ui-lang", "sv"])
    assert "Inget saknas: utlåtandet innehåller allt som FPA behöver." in result.output
    assert "Byråkratiskt ord: ”Mikäli”. Skriv hellre: jos." in result.output
