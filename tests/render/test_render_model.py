"""Case-data validation: every class of bad input gives a message naming the file and field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from totudocs.model import CaseDataError, load_decision
from totudocs.model.hetu import birth_date, check_character, make_hetu, validate_hetu
from totudocs.resources import corpus_dir

EXAMPLE = corpus_dir() / "examples" / "01-basic-housing-cap-fi.yaml"


def _case() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _problems(tmp_path: Path, data: dict | str, name: str = "case.yaml") -> list:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(CaseDataError) as info:
        load_decision(path)
    for problem in info.value.problems:
        assert problem.file == str(path)
    return info.value.problems


def test_valid_example_loads() -> None:
    case = load_decision(EXAMPLE)
    assert case.case_id == "KELA-2026-0001"
    assert case.calculation.computed_result == case.calculation.result


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, "case_id: X-1\nkind: [basic\n")
    assert "invalid YAML" in problem.message and "line" in problem.message


def test_json_syntax_error_names_line(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, '{"case_id": "X-1",}', name="case.json")
    assert "invalid JSON at line 1" in problem.message


def test_unknown_field(tmp_path: Path) -> None:
    data = _case()
    data["applicant"]["nickname"] = "Mikki"
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "applicant.nickname"
    assert "unknown field" in problem.message


def test_wrong_type(tmp_path: Path) -> None:
    data = _case()
    data["urgent"] = "maybe"
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "urgent"


def test_negative_amount(tmp_path: Path) -> None:
    data = _case()
    data["calculation"]["incomes"][0]["amount"] = -5
    problems = _problems(tmp_path, data)
    assert [p.field for p in problems] == ["calculation.incomes.0.amount"]
    assert "greater than or equal to 0" in problems[0].message


def test_invalid_hetu_does_not_echo_the_code(tmp_path: Path) -> None:
    data = _case()
    data["applicant"]["hetu"] = "120487-934K"  # wrong check character
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "applicant.hetu"
    assert "check character" in problem.message
    assert "120487" not in str(problem)


def test_dates_out_of_order(tmp_path: Path) -> None:
    data = _case()
    data["period"]["end"] = "2026-10-01"
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "period.end"
    assert "before start" in problem.message


def test_application_after_decision(tmp_path: Path) -> None:
    data = _case()
    data["application_received"] = "2026-12-01"
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "application_received"


def test_calculation_result_must_match_rows(tmp_path: Path) -> None:
    data = _case()
    data["calculation"]["result"] = 400.00
    problems = _problems(tmp_path, data)
    assert problems[0].field == "calculation.result"
    assert "does not match the rows" in problems[0].message and "306.38" in problems[0].message


def test_outcomes_must_add_up_to_the_calculation(tmp_path: Path) -> None:
    data = _case()
    data["outcomes"][0]["requested"] = 300
    data["outcomes"][0]["amount"] = 300
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "outcomes"


def test_contact_required_unless_automated(tmp_path: Path) -> None:
    data = _case()
    del data["issuer"]["contact"]
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "issuer.contact"
    data["automated"] = True
    del data["decision_maker"]  # an automated decision names no decision-maker
    path = tmp_path / "automated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert load_decision(path).automated


def test_the_decision_maker_is_named_unless_the_decision_is_automated(
    tmp_path: Path, renderer
) -> None:
    data = _case()
    decision = load_decision(EXAMPLE)
    assert decision.decision_maker is not None
    html = renderer.render(decision).html
    assert decision.decision_maker.name in html and "Päätöksen tekijä" in html
    del data["decision_maker"]
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "decision_maker" and "automated" in problem.message
    data = _case()
    data["automated"] = True
    del data["issuer"]["contact"]
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "decision_maker"


def test_issuer_must_fit_kind(tmp_path: Path) -> None:
    data = _case()
    data["kind"] = "supplementary"
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "issuer.type"


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    data = _case()
    data["applicant"]["hetu"] = "bad"
    data["language"] = "en"
    data["payments"][0]["amount"] = -1
    fields = {p.field for p in _problems(tmp_path, data)}
    assert fields == {"applicant.hetu", "language", "payments.0.amount"}


def test_missing_file() -> None:
    with pytest.raises(CaseDataError) as info:
        load_decision("no/such/case.yaml")
    assert "file not found" in str(info.value)


def test_top_level_must_be_mapping(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, "- a\n- b\n")
    assert "mapping" in problem.message


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("131052-308T", True),  # the example in the Digital and Population Data Services docs
        ("131052-308U", False),
        ("310252-308T", False),  # impossible date
        ("131052X308T", True),  # 1900s alternative sign (2023 reform)
        ("010101A123N", True),
        ("1310523-08T", False),
    ],
)
def test_hetu_validation(code: str, valid: bool) -> None:
    if valid:
        assert validate_hetu(code) == code
    else:
        with pytest.raises(ValueError):
            validate_hetu(code)


def test_make_hetu_round_trips() -> None:
    code = make_hetu(date(2012, 7, 7), 990)
    assert validate_hetu(code) == code
    assert birth_date(code) == date(2012, 7, 7)
    assert check_character("131052308") == "T"


def test_schema_command_exports_json_schema(cli_runner) -> None:
    from totudocs.cli import main

    result = cli_runner.invoke(main, ["schema", "decision"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "calculation" in schema["properties"]
    assert "case_id" in schema["required"]


def test_committed_schema_is_up_to_date(cli_runner) -> None:
    """docs/decision.schema.json is what integrators read; regenerate it when the model changes."""
    from totudocs.cli import main

    committed = Path(__file__).resolve().parents[2] / "docs" / "decision.schema.json"
    result = cli_runner.invoke(main, ["schema", "decision"])
    assert json.loads(committed.read_text(encoding="utf-8")) == json.loads(result.output), (
        "run: totudocs schema decision > docs/decision.schema.json"
    )


@pytest.mark.parametrize("name", ["decision", "statement"])
def test_the_schemas_are_2020_12_and_accept_every_example(cli_runner, name: str) -> None:
    from jsonschema import Draft202012Validator

    from totudocs.cli import main

    committed = Path(__file__).resolve().parents[2] / "docs" / f"{name}.schema.json"
    schema = json.loads(cli_runner.invoke(main, ["schema", name]).output)
    assert schema == json.loads(committed.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"totudocs:{name}:1"
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    examples = sorted((corpus_dir() / "examples").glob("*.yaml"))
    chosen = [p for p in examples if p.name.startswith("statement") == (name == "statement")]
    assert chosen
    for path in chosen:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")),
                                     default=str))
        assert not list(validator.iter_errors(data)), path.name
    # what the schema must refuse: a malformed henkilötunnus and an amount that is no number
    data = json.loads(json.dumps(yaml.safe_load(chosen[0].read_text(encoding="utf-8")),
                                 default=str))
    holder = data["client"] if name == "statement" else data["applicant"]
    holder["hetu"] = "12345"
    assert list(validator.iter_errors(data))
    if name == "decision":
        data = json.loads(json.dumps(yaml.safe_load(chosen[0].read_text(encoding="utf-8")),
                                     default=str))
        data["calculation"]["expenses"][0]["accepted"] = "paljon"
        assert list(validator.iter_errors(data))


def test_a_protected_address_is_never_kept_in_the_case_data(tmp_path: Path) -> None:
    data = _case()
    data["address_protected"] = True
    data["mailing_address"] = {"lines": ["Rauhankatu 12"], "postal_code": "90100", "city": "OULU"}
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "mailing_address" and "turvakielto" in problem.message
    data["mailing_address"]["postal_code"] = "9010"
    data["address_protected"] = False
    (problem,) = _problems(tmp_path, data)
    assert problem.field == "mailing_address.postal_code"
