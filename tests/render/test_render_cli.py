"""The `totudocs render` command: outputs, exit codes, and clear errors instead of tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from totudocs.cli import main
from totudocs.resources import corpus_dir, templates_dir

EXAMPLE_DIR = corpus_dir() / "examples"
REPO = Path(__file__).resolve().parents[2]


def _bad_copy(tmp_path: Path) -> Path:
    data = yaml.safe_load((EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml").read_text())
    data["case_id"] = "BAD-0001"
    data["applicant"]["hetu"] = "120487-934K"
    data["calculation"]["expenses"][0]["requested"] = -1
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


@pytest.mark.slow
def test_renders_every_example_to_html_and_pdf(tmp_path: Path) -> None:
    examples = sorted(EXAMPLE_DIR.glob("[0-9]*.yaml"))
    result = CliRunner().invoke(
        main, ["render", *map(str, examples), "-o", str(tmp_path), "-f", "html,pdf,trace"]
    )
    assert result.exit_code == 0, result.output
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert len(pdfs) == len(examples)
    for pdf in pdfs:
        reader = PdfReader(pdf)
        assert len(reader.pages) >= 1 and "case.json" in reader.attachments
        assert (tmp_path / f"{pdf.stem}.html").exists()
        trace = json.loads((tmp_path / f"{pdf.stem}.trace.json").read_text())
        assert trace["case_id"] == pdf.stem and trace["phrases"]
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files are left behind"


def test_bad_record_is_reported_and_good_ones_still_render(tmp_path: Path) -> None:
    bad = _bad_copy(tmp_path)
    good = EXAMPLE_DIR / "02-basic-reduction-fi.yaml"
    result = CliRunner().invoke(
        main, ["render", str(bad), str(good), "-o", str(tmp_path / "out"), "-f", "html"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{bad} (case BAD-0001): field applicant.hetu:" in result.output
    assert "field calculation.expenses.0.requested:" in result.output
    assert "120487" not in result.output  # the henkilötunnus is never echoed
    assert (tmp_path / "out" / "KELA-2026-0002.html").exists()
    assert not (tmp_path / "out" / "BAD-0001.html").exists()


def test_yaml_syntax_error_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("case_id: [\n")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{path}: invalid YAML at line 2" in result.output


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"), "-f", "docx"]
    )
    assert result.exit_code == 2
    assert "choose from html, pdf, trace" in result.output


def test_broken_template_folder_is_a_runtime_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    (templates / "basic.html.j2").write_text(
        "{% extends 'decision.html.j2' %}{% block intro %}{{ nope }}{% endblock %}"
    )
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"),
            "--templates",
            str(templates),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "html",
        ],
    )
    assert result.exit_code == 2
    assert "nope" in result.output and "Traceback" not in result.output


def test_forbidden_resource_in_template_is_refused(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    base = (templates / "base.html.j2").read_text()
    (templates / "base.html.j2").write_text(
        base.replace("<main>", '<main><img src="file:///etc/passwd">')
    )
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"),
            "--templates",
            str(templates),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "pdf",
        ],
    )
    assert result.exit_code == 2
    assert "refused to read /etc/passwd" in result.output
    assert not (tmp_path / "out" / "KELA-2026-0001.pdf").exists()


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "render" in result.output and "schema" in result.output


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "totudocs", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "totudocs" in result.stdout


@pytest.mark.slow
def test_installed_wheel_carries_templates_and_phrases(tmp_path: Path) -> None:
    """The bundled library must work from a wheel, outside the source checkout."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("totudocs-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "totudocs/_data/templates/base.html.j2" in names
    assert "totudocs/_data/phrases/decision.yaml" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from totudocs.resources import templates_dir; from totudocs.cli import main;"
        "assert str(templates_dir()).startswith(sys.argv[1]), templates_dir();"
        "main(['render', sys.argv[2], '-o', sys.argv[3], '-f', 'html'])"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(site),
            str(EXAMPLE_DIR / "06-preventive-sv.yaml"),
            str(tmp_path / "out"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "OSTB-2026-0456.html").exists()


def test_config_file_points_at_our_own_library(tmp_path: Path) -> None:
    phrases = tmp_path / "our-phrases"
    shutil.copytree(REPO / "phrases", phrases)
    text = (phrases / "decision.yaml").read_text(encoding="utf-8")
    (phrases / "decision.yaml").write_text(
        text.replace("Kela laski tuen määrän", "Kela laski tukesi määrän"), encoding="utf-8"
    )
    (tmp_path / "totudocs.toml").write_text('[render]\nphrases = "our-phrases"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["render", str(EXAMPLE_DIR / "01-basic-housing-cap-fi.yaml"), "-o", str(tmp_path / "out"),
         "-f", "html", "--config", str(tmp_path / "totudocs.toml")],
    )
    assert result.exit_code == 0, result.output
    assert "Kela laski tukesi määrän" in (tmp_path / "out" / "KELA-2026-0001.html").read_text()


@pytest.mark.parametrize("command", ["render", "batch"])
def test_an_output_folder_that_cannot_be_made_is_one_clear_error(
    tmp_path: Path, example_path: Path, command: str
) -> None:
    from totudocs.cli import main

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "out"
    result = CliRunner().invoke(main, [command, str(example_path), "-o", str(target)])
    assert result.exit_code == 2
    assert f"error: {target}" in result.output
    assert not isinstance(result.exception, OSError)  # handled: a message, not a traceback


def test_a_missing_case_file_exits_2_like_every_command(tmp_path: Path, example_path: Path,
                                                        cli_runner) -> None:
    result = cli_runner.invoke(main, ["render", str(tmp_path / "nope.yaml"), str(example_path),
                                      "-o", str(tmp_path / "out"), "-f", "html"])
    assert result.exit_code == 2
    assert "nope.yaml: file not found" in result.output
    assert len(list((tmp_path / "out").glob("*.html"))) == 1
