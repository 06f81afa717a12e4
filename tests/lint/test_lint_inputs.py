"""How `totudocs lint` takes its inputs and rules, as linters do: standard input, folders with
.gitignore and excludes, globs, rule codes and prefixes, strict configuration."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from totudocs.cli import main
from totudocs.inputs import discover

TEXT = "Perustelut\n\nMikäli tulosi muuttuvat, perustotu lasketaan uudelleen.\n"


def _lint(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lint", *args], input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def _rules(output: str) -> list[str]:
    return sorted(f["rule"] for d in json.loads(output)["documents"] for f in d["findings"])


def test_standard_input_is_linted_under_its_stdin_filename(nlp) -> None:
    code, output = _lint("-", "--stdin-filename", "kirje.txt", "--format", "json",
                         "--fail-on", "never", stdin=TEXT)
    assert code == 0
    document = json.loads(output)["documents"][0]
    assert document["path"] == "kirje.txt"
    assert {f["rule"] for f in document["findings"]} >= {"FI107", "FI108"}


def test_standard_input_through_a_real_pipe(nlp) -> None:
    run = subprocess.run([sys.executable, "-m", "totudocs", "lint", "-", "--fail-on", "never"],
                         input=TEXT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "FI108" in run.stdout and run.stdout.startswith("-:")


def test_a_folder_is_walked_with_gitignore_and_excludes(nlp, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n*.draft.txt\n", encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (tmp_path / "build").mkdir()
    for path in (docs / "a.txt", docs / "sub" / "b.md", tmp_path / "build" / "c.txt",
                 docs / "d.draft.txt", docs / "sub" / "old.txt"):
        path.write_text(TEXT, encoding="utf-8")
    (docs / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    found = [d.path.relative_to(tmp_path).as_posix() for d in
             discover([tmp_path], exclude=["old.txt"])]
    assert found == ["docs/a.txt", "docs/sub/b.md"]
    code, output = _lint(str(tmp_path), "--exclude", "old.txt", "--format", "json",
                         "--fail-on", "never")
    assert code == 0
    assert sorted(Path(d["path"]).name for d in json.loads(output)["documents"]) == ["a.txt",
                                                                                     "b.md"]


def test_a_glob_is_expanded(nlp, tmp_path: Path) -> None:
    for name in ("x.txt", "y.txt", "z.md"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    code, output = _lint(str(tmp_path / "*.txt"), "--format", "json", "--fail-on", "never")
    assert code == 0
    assert sorted(Path(d["path"]).name for d in json.loads(output)["documents"]) == ["x.txt",
                                                                                     "y.txt"]


def test_dash_output_is_standard_output(nlp, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "-o", "-", "--fail-on", "never"],
                                catch_exceptions=False)
    assert "FI108" in result.output
    assert not Path("-").exists()


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_an_unknown_rule_code_is_a_usage_error_naming_it(tmp_path: Path, option: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, output = _lint(str(path), option, "XX999")
    assert code == 2 and "XX999" in output


def test_prefixes_select_and_ignore_select_what_ruff_would(nlp, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    _code, everything = _lint(str(path), "--format", "json", "--fail-on", "never")
    _code, fi10 = _lint(str(path), "--select", "FI10", "--format", "json", "--fail-on", "never")
    _code, less = _lint(str(path), "--ignore", "FI108", "--format", "json", "--fail-on", "never")
    assert "FI108" in _rules(everything)
    assert _rules(fi10) == [r for r in _rules(everything) if r.startswith("FI10")]
    assert "FI108" not in _rules(less) and set(_rules(less)) < set(_rules(everything))


def test_statistics_and_exit_zero(nlp, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, output = _lint(str(path), "--statistics", "--exit-zero", "--fail-on", "info")
    assert code == 0
    assert "FI108" in output and "Mikäli" not in output
    code, _ = _lint(str(path), "--fail-on", "info")
    assert code == 1


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ("[lint]\nprofil = 'selko'\n", "profil"),
        ("[lint.rules]\nFI999 = 'off'\n", "FI999"),
        ("[lint.thresholds]\nsentence_wrods = 20\n", "sentence_wrods"),
        ("[linter]\n", "linter"),
        ("[render]\ntemplate = 'x'\n", "template"),
    ],
)
def test_an_unknown_configuration_key_is_an_error_naming_it(tmp_path: Path, config: str,
                                                           named: str) -> None:
    (tmp_path / "totudocs.toml").write_text(config, encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, output = _lint(str(path), "--config", str(tmp_path / "totudocs.toml"))
    assert code == 2 and named in output


def test_per_file_ignores_in_configuration(nlp, tmp_path: Path) -> None:
    (tmp_path / "totudocs.toml").write_text(
        '[lint.per-file-ignores]\n"legacy/*" = ["FI108"]\n', encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    for path in (tmp_path / "legacy" / "old.txt", tmp_path / "new.txt"):
        path.write_text(TEXT, encoding="utf-8")
    code, output = _lint(str(tmp_path / "legacy" / "old.txt"), str(tmp_path / "new.txt"),
                         "--config", str(tmp_path / "totudocs.toml"), "--format", "json",
                         "--fail-on", "never")
    assert code == 0
    by_name = {Path(d["path"]).name: {f["rule"] for f in d["findings"]}
               for d in json.loads(output)["documents"]}
    assert "FI108" in by_name["new.txt"] and "FI108" not in by_name["old.txt"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Beslut om utkomststöd", "sv"),
        ("Sökande", "sv"),
        ("FPA har beslutat att inte bevilja stöd för glasögon.", "sv"),
        ("Päätös toimeentulotuesta", "fi"),
        ("Hakija", "fi"),
        ("Kokonaistilanteen perusteella puollamme tukea.", "fi"),
        ("Decision on social assistance", "en"),
        ("The applicant has been granted basic social assistance for March.", "en"),
    ],
)
def test_language_is_identified_also_in_short_samples(text: str, language: str) -> None:
    from totudocs.reading.language_id import identify

    assert identify(text).language == language


def test_english_is_not_graded_or_linted_as_finnish(nlp) -> None:
    english = ("The applicant has been granted basic social assistance for March. The decision "
               "was made automatically and you can ask for a review within thirty days.\n")
    code, output = _lint("-", "--format", "json", stdin=english)
    document = json.loads(output)["documents"][0]
    assert code == 0
    assert document["language"] == "en" and "not linted" in document["notice"]
    assert document["findings"] == [] and "wiio" not in document["metrics"]
    code, output = _lint("-", stdin=english)
    assert "not linted" in output and "Wiio" not in output


def test_many_files_on_two_cores_give_the_same_report_in_input_order(nlp, tmp_path: Path) -> None:
    texts = [TEXT, "Kela myöntää sinulle tukea joulukuulle.\n", "Mikäli et voi, soita.\n"] * 2
    for number, text in enumerate(texts):
        (tmp_path / f"d{number}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "missing-on-purpose.txt").write_bytes("Päätös".encode("latin-1"))
    serial = subprocess.run([sys.executable, "-m", "totudocs", "lint", str(tmp_path), "-j", "1",
                             "--format", "json"], capture_output=True, text=True, timeout=300)
    parallel = subprocess.run([sys.executable, "-m", "totudocs", "lint", str(tmp_path), "-j",
                               "2", "--format", "json"], capture_output=True, text=True,
                              timeout=300)
    assert serial.returncode == parallel.returncode == 2  # the latin-1 file is unreadable
    assert serial.stdout == parallel.stdout
    paths = [d["path"] for d in json.loads(parallel.stdout)["documents"]]
    assert paths == sorted(paths)


def test_a_folder_named_explicitly_is_linted_even_if_the_repository_ignores_it(
    tmp_path: Path,
) -> None:
    """`totudocs render … -o out/` then `totudocs lint out/`: out/ is in .gitignore, but the user
    named it; files below it that its own .gitignore excludes stay out."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("out/\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.html").write_text("<p>Teksti.</p>", encoding="utf-8")
    (out / ".gitignore").write_text("b.html\n", encoding="utf-8")
    (out / "b.html").write_text("<p>Teksti.</p>", encoding="utf-8")
    assert [d.path.name for d in discover([out])] == ["a.html"]
    assert discover([tmp_path]) == []  # walking the repository still leaves out/ alone
