"""Property-based tests: random and mutated case data, case files and phrase libraries never make
totudocs raise anything but its own clear errors, never write outside the output folder, and never
echo a henkilötunnus. Bounded in examples so that CI time stays predictable."""

from __future__ import annotations

import copy
import shutil
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from totudocs.model import Decision
from totudocs.model.loading import CaseDataError, parse_text, validate_record
from totudocs.phrases import PhraseError
from totudocs.render.html import Renderer, RenderError
from totudocs.resources import corpus_dir, phrases_dir

EXAMPLES = sorted((corpus_dir() / "examples").glob("0*.yaml"))
BASE_CASES = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLES]
HETUS = [case["applicant"]["hetu"] for case in BASE_CASES]
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=30)
    | st.floats(allow_nan=True) | st.sampled_from(["", "2026-13-45", "-1", "1e309", HETUS[0]]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children,
                                                                        max_size=4),
    max_leaves=12,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_cases(draw: st.DrawFn) -> dict[str, Any]:
    case = copy.deepcopy(draw(st.sampled_from(BASE_CASES)))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(case)
        path = draw(st.sampled_from(paths))
        parent = case
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = draw(json_values)
    return case


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer.create()


@PROPERTY_SETTINGS
@given(case=mutated_cases())
def test_mutated_case_data_is_rendered_or_refused_clearly(case: dict[str, Any], renderer) -> None:
    try:
        model = validate_record(case, Decision, "mutated.yaml")
    except CaseDataError as exc:
        for problem in exc.problems:
            text = str(problem)
            assert problem.file == "mutated.yaml" and text
            assert not any(hetu in text for hetu in HETUS)
        return
    document = renderer.render(model)
    assert "<h1" in document.html


@PROPERTY_SETTINGS
@given(text=st.text(max_size=400) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
       suffix=st.sampled_from([".yaml", ".json"]))
def test_any_text_parses_or_fails_as_case_data(text: str, suffix: str) -> None:
    try:
        parse_text(text, "random" + suffix)
    except CaseDataError as exc:
        assert exc.problems and all(p.file == "random" + suffix for p in exc.problems)


jinja_pieces = st.sampled_from(
    [
        "{{ issuer.name }}", "{{ granted_total | eur }}", "{{ period.start | day }}",
        "{% for o in outcomes %}{{ o.item }}{% endfor %}", "{{ 1 / 0 }}", "{{ issuer.__class__ }}",
        "{{ issuer | attr('model_dump') }}", "{{ range(10**7) | list }}", "{{ 'x' * 10**8 }}",
        "{% for i in range(999) %}{% for j in range(999) %}.{% endfor %}{% endfor %}",
        "{{ nosuchfield }}", "{{ (calculation.result ** 99999) }}", "{% if kind == 'basic' %}",
        "{% endif %}", "{{ case.model_fields }}", "{{ applicant.hetu[:3] }}", "Teksti ", "{{",
        "{{ '%99999999s' % 1 }}", "{{ P }}", "{{ lipsum(10**6) }}", "{{ cycler(1,2).next() }}",
    ]
)


@PROPERTY_SETTINGS
@given(pieces=st.lists(jinja_pieces, min_size=1, max_size=5))
def test_random_phrase_code_renders_or_fails_with_its_location(
    pieces: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("lib") / "phrases"
    shutil.copytree(phrases_dir(), root)
    text = "".join(pieces)
    (root / "zz-random.yaml").write_text(
        yaml.safe_dump({"phrases": [{"id": "random", "section": "next-steps", "when": "true",
                                     "fi": text, "sv": text}]}, allow_unicode=True),
        encoding="utf-8",
    )
    try:
        renderer = Renderer.create(phrases=root)
        model = validate_record(BASE_CASES[0], Decision, "case.yaml")
        document = renderer.render(model)
    except (RenderError, PhraseError) as exc:
        assert "zz-random.yaml" in str(exc) or "phrase" in str(exc)
        return
    assert len(document.html) < 3_000_000
