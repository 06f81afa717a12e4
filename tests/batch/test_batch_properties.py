"""Property-based: a JSONL batch with random hostile lines mixed between good records renders every
good record exactly once, reports every other line as one error, and writes nothing outside its
output folder."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from totudocs.batch import BatchOptions, run_batch
from totudocs.files import output_name
from totudocs.synth import synth_cases

GOOD = list(synth_cases(4, seed=5))

hostile_lines = st.one_of(
    st.binary(min_size=1, max_size=60).filter(lambda b: b.strip() and b"\n" not in b
                                              and b"\r" not in b),
    st.builds(lambda n: b"[" * n + b"]" * n, st.integers(1000, 60_000)),
    st.builds(lambda text: json.dumps(text).encode(), st.text(max_size=40)),
    st.builds(
        lambda key, value: json.dumps({**GOOD[0], key: value}).encode(),
        st.sampled_from(["case_id", "kind", "calculation", "outcomes", "applicant", "period"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=10), st.just("../../etc/x"),
                  st.just("."), st.just("131052-308T"), st.lists(st.integers(), max_size=3)),
    ),
)


@pytest.mark.slow
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(bad=st.lists(hostile_lines, min_size=1, max_size=4), data=st.data())
def test_hostile_lines_cost_only_themselves(tmp_path_factory: pytest.TempPathFactory,
                                            bad: list[bytes], data: st.DataObject) -> None:
    root = tmp_path_factory.mktemp("batch")
    lines = [json.dumps(case, ensure_ascii=False).encode() for case in GOOD]
    for line in bad:
        lines.insert(data.draw(st.integers(0, len(lines))), line)
    source = root / "cases.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    out = root / "out"
    summary = run_batch(source, BatchOptions(output=out, formats=("html",), workers=1))
    # a mutated copy of a good record may still be valid (and then renders under its own id)
    assert summary.rendered + summary.failed == len(lines)
    assert summary.rendered >= len(GOOD)
    written = {p.name for p in out.glob("*.html")}
    assert written >= {output_name(case["case_id"]) + ".html" for case in GOOD}
    assert len(written) == summary.rendered
    assert sorted(p.name for p in root.iterdir()) == ["cases.jsonl", "out"]
    errors = (out / "errors.jsonl").read_text(encoding="utf-8")
    assert "131052-308T" not in errors
    assert len(errors.splitlines()) >= summary.failed
