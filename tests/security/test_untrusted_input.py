"""Hostile or broken case data: no overwrite, no traceback, no henkilötunnus in what is echoed.
Each test reproduces an attack that succeeded on the earlier code."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.config import find_config
from totudocs.files import OutputNameError, OutputNames, case_id_from_name, output_name
from totudocs.lint.findings import Finding, Severity
from totudocs.model.hetu import make_hetu, mask_hetu, validate_hetu
from totudocs.model.loading import CaseDataError, load_case, parse_text
from totudocs.resources import corpus_dir

EXAMPLE = corpus_dir() / "examples" / "01-basic-housing-cap-fi.yaml"
STATEMENT = corpus_dir() / "examples" / "statement-other-basic-expenses-fi.yaml"
HETU = "131052-308T"


def _case(tmp_path: Path, name: str, source: Path = EXAMPLE, **changes: object) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.output


# --- outputs that cannot collide ------------------------------------------------------------


@pytest.mark.parametrize(
    "pair", [("KELA-2026.1", "KELA-2026.2"), ("KELA/2026", "KELA_2026"), ("KELA-1", "KELA-1")]
)
def test_render_never_overwrites_one_case_with_another(tmp_path: Path, pair: tuple[str, str]) -> None:
    first = _case(tmp_path, "a.yaml", case_id=pair[0])
    second = _case(tmp_path, "b.yaml", case_id=pair[1])
    code, output = _run("render", str(first), str(second), "-o", str(tmp_path / "out"), "-f", "html")
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    if pair[0] == pair[1]:
        assert code == 1 and "repeated" in output
        assert written == [output_name(pair[0]) + ".html"]
    else:
        assert code == 0, output
        assert written == sorted(output_name(c) + ".html" for c in pair)
        assert len(set(written)) == 2


def test_a_statement_id_of_a_dot_stays_inside_the_output_folder(tmp_path: Path) -> None:
    case = _case(tmp_path, "s.yaml", source=STATEMENT, case_id=".")
    out = tmp_path / "nested" / "out"
    code, output = _run("render", str(case), "-o", str(out), "-f", "html")
    assert code == 0, output
    assert [p.name for p in out.iterdir()] == ["%2E.html"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]


@pytest.mark.parametrize("case_id", ["A.1", "2026/17", ".", "..", "ÅÄÖ-ä", "x%2F", "a b"])
def test_output_names_are_reversible_and_plain(case_id: str) -> None:
    name = output_name(case_id)
    assert case_id_from_name(name) == case_id
    assert "/" not in name and not name.startswith(".") and name.isascii()


def test_names_that_differ_only_in_case_are_refused() -> None:
    names = OutputNames()
    names.claim("KELA-abc")
    with pytest.raises(OutputNameError, match="letter case"):
        names.claim("KELA-ABC")


# --- the henkilötunnus stays in the document --------------------------------------------------


def test_a_case_id_that_is_a_henkilotunnus_is_refused_without_echoing_it(tmp_path: Path) -> None:
    case = _case(tmp_path, "c.yaml", case_id=HETU)
    code, output = _run("render", str(case), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "henkilötunnus" in output and HETU not in output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_unknown_discretion_reference_is_not_echoed(tmp_path: Path) -> None:
    data = yaml.safe_load((corpus_dir() / "examples" / "05-supplementary-discretion-fi.yaml")
                          .read_text(encoding="utf-8"))
    data["outcomes"][0]["discretion"] = HETU
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, output = _run("render", str(path), "-o", str(tmp_path / "out"))
    assert code == 1 and "discretion" in output
    assert HETU not in output


def test_findings_never_quote_a_henkilotunnus() -> None:
    finding = Finding("x.pdf", "FI101", "readability", Severity.ERROR,
                      f"long sentence: Hakija Matti {HETU} …", snippet=f"Matti {HETU} asuu")
    assert HETU not in finding.message and HETU not in (finding.snippet or "")


def test_lint_of_a_pdf_does_not_print_the_henkilotunnus(tmp_path: Path) -> None:
    code, output = _run("render", str(EXAMPLE), "-o", str(tmp_path), "-f", "pdf")
    assert code == 0
    hetu = load_case(EXAMPLE).applicant.hetu  # type: ignore[union-attr]
    pdf = next(tmp_path.glob("*.pdf"))
    for fmt in ("text", "json", "sarif"):
        _code, output = _run("lint", str(pdf), "--format", fmt, "--fail-on", "never")
        assert hetu not in output


@pytest.mark.parametrize(
    "text",
    ["010190-123A", "010190A123A", "LAUS010190-123A", "id: 010190 - 123A"],
)
def test_masking_covers_the_shapes_a_hetu_is_written_in(text: str) -> None:
    assert "123A" not in mask_hetu(text)


def test_masking_leaves_dates_and_case_numbers_alone() -> None:
    text = "KELA-2026-0001, 12.3.2026, 2026-03-12, 1 234,50 €"
    assert mask_hetu(text) == text


def test_hetu_digits_must_be_ascii() -> None:
    valid = make_hetu(__import__("datetime").date(1990, 1, 1), 123)
    arabic_indic = valid.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    with pytest.raises(ValueError):
        validate_hetu(arabic_indic)


# --- strict input -------------------------------------------------------------------------------


def test_repeated_yaml_keys_are_refused() -> None:
    with pytest.raises(CaseDataError, match="twice"):
        parse_text("case_id: A-1\ncase_id: A-2\n", "x.yaml")


def test_repeated_json_keys_are_refused() -> None:
    with pytest.raises(CaseDataError, match="twice"):
        parse_text('{"case_id": "A-1", "case_id": "A-2"}', "x.json")


def test_a_yaml_alias_bomb_is_refused_before_it_grows() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    with pytest.raises(CaseDataError, match="aliases"):
        parse_text("\n".join(lines), "bomb.yaml")


@pytest.mark.parametrize("file", ["deep.json", "deep.yaml"])
def test_deep_nesting_is_a_clear_error(file: str) -> None:
    with pytest.raises(CaseDataError):
        parse_text("[" * 50_000 + "]" * 50_000, file)


def test_render_of_a_binary_file_is_one_message(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"case_id: \xff\xfe\n")
    code, output = _run("render", str(path), "-o", str(tmp_path / "out"))
    assert code == 1 and "UTF-8" in output and "Traceback" not in output


def test_a_character_no_font_has_is_an_error_for_that_document(tmp_path: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["applicant"]["name"] = "Matti 中文 Esimerkki"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    good = _case(tmp_path, "good.yaml", case_id="KELA-2026-0999")
    code, output = _run("render", str(bad), str(good), "-o", str(tmp_path / "out"), "-f", "pdf")
    assert code == 1
    assert "U+4E2D" in output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["KELA-2026-0999.pdf"]


# --- configuration --------------------------------------------------------------------------------


def test_configuration_is_not_taken_from_above_the_repository(tmp_path: Path) -> None:
    (tmp_path / "totudocs.toml").write_text('[render]\nphrases = "evil"\n', encoding="utf-8")
    repository = tmp_path / "shared" / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "sub").mkdir()
    assert find_config(repository / "sub") is None
    (repository / "totudocs.toml").write_text("[lint]\n", encoding="utf-8")
    assert find_config(repository / "sub") == repository / "totudocs.toml"


def test_configuration_is_not_taken_from_above_home(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "totudocs.toml").write_text("[lint]\n", encoding="utf-8")
    home = tmp_path / "home" / "user"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert find_config(home / "work") is None


def test_the_json_log_of_errors_is_valid_json() -> None:
    # Problem masks what it is given, also in its dict form (errors.jsonl)
    from totudocs.model.loading import Problem

    problem = Problem("f.jsonl", "case_id", f"bad {HETU}", record=3, case_id=HETU)
    assert HETU not in json.dumps(problem.to_dict()) and HETU not in str(problem)
    assert os.sep not in output_name("a/b")
