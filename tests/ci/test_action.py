"""The composite GitHub Action (action.yml) runs: its shell steps are executed here as a runner
would, with the inputs' defaults and the action's own path, in a fresh virtual environment that
installs totudocs from the repository (nothing is fetched: dependencies come from the test
environment, the build back-end included)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*([a-z_.-]+)\s*\}\}")


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def _substitute(script: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return values[match.group(1)]  # an unknown expression fails the test

    return EXPRESSION.sub(value, script)


def test_the_action_declares_its_inputs_and_uploads_sarif() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    used = {match for step in action["runs"]["steps"] for value in step.values()
            for match in EXPRESSION.findall(json.dumps(value))}
    declared = {f"inputs.{name}" for name in action["inputs"]}
    assert {u for u in used if u.startswith("inputs.")} <= declared
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif")
               for step in action["runs"]["steps"])
    assert all(step.get("shell") == "bash" for step in action["runs"]["steps"] if "run" in step)


@pytest.mark.slow
def test_the_action_steps_run_and_write_sarif(tmp_path: Path) -> None:
    # A fresh environment that sees this test environment's packages (a .pth file), so that
    # installing totudocs from the repository fetches nothing.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (site / "parent.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    workspace = tmp_path / "workspace"
    (workspace / "docs").mkdir(parents=True)
    (workspace / "docs" / "letter.txt").write_text(
        "Perustelut\n\nMikäli tulosi muuttuvat, perustotu lasketaan uudelleen.\n", encoding="utf-8")
    outputs = tmp_path / "github_output"
    inputs = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in
              _action()["inputs"].items()}
    inputs.update({"inputs.paths": "docs", "inputs.args": "--fail-on error"})
    values = {**inputs, "github.action_path": str(ROOT)}
    # pip reads PIP_NO_BUILD_ISOLATION inverted: "0" turns build isolation off.
    environment = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
                   "GITHUB_OUTPUT": str(outputs), "PIP_NO_BUILD_ISOLATION": "0",
                   "PIP_NO_DEPS": "1", "PIP_NO_INDEX": "1"}
    environment.pop("VIRTUAL_ENV", None)
    steps = [step for step in _action()["runs"]["steps"] if "run" in step]  # `uses:` are GitHub's
    for number, step in enumerate(steps, start=1):
        run = subprocess.run(["bash", "-e", "-c", _substitute(step["run"], values)],
                             cwd=workspace, env=environment, capture_output=True, text=True,
                             timeout=600)
        if number == len(steps):
            # FI108 is an error: the run step fails the job, as it should
            assert run.returncode == 1, run.stderr
        elif run.returncode != 0:
            pytest.fail(f"step {step.get('name')!r} failed:\n{run.stdout}\n{run.stderr}")
    sarif = json.loads((workspace / "totudocs.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert any(r["ruleId"] == "FI108" for r in sarif["runs"][0]["results"])
    assert "exit-code=1" in outputs.read_text(encoding="utf-8")
    installed = subprocess.run([str(venv / "bin" / "python"), "-c",
                                "import totudocs, sys; print(totudocs.__file__)"],
                               capture_output=True, text=True, check=True).stdout
    assert str(venv) in installed  # the action installed it, not the test environment's copy
