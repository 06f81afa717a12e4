"""Phrase libraries and templates are untrusted code: each attack here ran on the old renderer
(a model method reached through attr(), a file written through the phrase helper, a loop or a
string that grew without bound, a traceback from a phrase) and is refused now."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.phrases.check import check_library
from totudocs.resources import corpus_dir, phrases_dir, templates_dir

EXAMPLE = corpus_dir() / "examples" / "01-basic-housing-cap-fi.yaml"


class _Marker:
    """Unpickling this writes a file: proof that a phrase ran code."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path(self.path).write_text, ("code ran",))


def _hostile_library(tmp_path: Path, text: str, when: str = "true") -> Path:
    root = tmp_path / "phrases"
    shutil.copytree(phrases_dir(), root)
    (root / "zz-hostile.yaml").write_text(
        "phrases:\n"
        "  - id: hostile\n"
        "    section: next-steps\n"
        f"    when: {when!r}\n"
        f"    fi: {text!r}\n"
        f"    sv: {text!r}\n",
        encoding="utf-8",
    )
    return root


def _render(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["render", str(EXAMPLE), "-o", str(tmp_path / "out"), "-f", "html", *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_a_phrase_cannot_reach_a_model_method_to_unpickle(tmp_path: Path) -> None:
    proof = tmp_path / "proof.txt"
    payload = tmp_path / "payload.pkl"
    payload.write_bytes(pickle.dumps(_Marker(str(proof))))
    text = (
        "{{ (issuer | attr('parse_file'))('" + str(payload) + "', "
        "content_type='application/pickle', allow_pickle=True) }}"
    )
    library = _hostile_library(tmp_path, text)
    code, output = _render(tmp_path, "--phrases", str(library))
    assert not proof.exists()
    assert code == 2
    assert "zz-hostile.yaml:" in output and "Traceback" not in output
    # and the CI gate rejects the library before anything renders it
    found = check_library(library, readability=False, cache_dir=tmp_path / "cache").findings
    hostile = [f for f in found if f.path.endswith("zz-hostile.yaml")]
    assert {(f.rule, f.line) for f in hostile} == {("P011", 5), ("P011", 6)}


@pytest.mark.parametrize(
    "expression",
    [
        "issuer.__class__",
        "issuer['__class__']",
        "issuer.model_dump_json()",
        "case.model_fields",
        "'{0.__class__}'.format(issuer)",
    ],
)
def test_templates_see_plain_data_only(tmp_path: Path, expression: str) -> None:
    library = _hostile_library(tmp_path, "{{ " + expression + " }}")
    code, output = _render(tmp_path, "--phrases", str(library))
    assert code == 2, output
    assert "hostile" in output and "Traceback" not in output


def test_a_template_cannot_write_files_through_the_phrase_helper(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    target = tmp_path / "written.txt"
    page = templates / "basic.html.j2"
    page.write_text(
        "{{ P.book.root.joinpath('" + str(target) + "').write_text('x') }}\n"
        + page.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    code, output = _render(tmp_path, "--templates", str(templates))
    assert not target.exists()
    assert code == 2
    assert "basic.html.j2:1" in output
    found = check_library(phrases_dir(), templates=templates, readability=False,
                          cache_dir=tmp_path / "cache").findings
    assert any(f.rule == "P011" and f.path.endswith("basic.html.j2") for f in found)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("{% for i in range(10**9) %}x{% endfor %}", "range"),
        ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}", "range"),
        ("{{ 'x' * 10**9 }}", "larger than"),
        ("{{ 7 ** 10000000 }}", "power"),
        ("{{ '%999999999d' % 1 }}", "width"),
        ("{{ 'x' | center(999999999) }}", "width"),
        ("{{ ('x' * 1000) | replace('x', 'y' * 5000) }}", "larger than"),
        (
            "{% macro grow(s, n) %}{{ grow(s ~ s, n - 1) if n else s }}{% endmacro %}"
            "{{ grow('abcdefgh', 60) }}",
            "larger than",
        ),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{{ 'abc' | eur }}", "eur"),
    ],
)
def test_a_phrase_is_bounded_and_fails_with_its_file_and_line(
    tmp_path: Path, text: str, limit: str
) -> None:
    library = _hostile_library(tmp_path, text)
    code, output = _render(tmp_path, "--phrases", str(library))
    assert code == 2, output
    assert "zz-hostile.yaml:5" in output and "Traceback" not in output
    assert limit.lower() in output.lower() or "invalid" in output.lower(), output


def test_a_condition_that_fails_names_its_phrase(tmp_path: Path) -> None:
    library = _hostile_library(tmp_path, "ok", when="1 / 0")
    code, output = _render(tmp_path, "--phrases", str(library))
    assert code == 2
    assert "zz-hostile.yaml:4" in output and "condition" in output
