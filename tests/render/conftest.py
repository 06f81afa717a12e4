"""Fixtures for the model and render tests: one Renderer per session (templates + phrases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from totudocs.render.html import Renderer
from totudocs.resources import corpus_dir


@pytest.fixture(scope="session")
def renderer() -> Renderer:
    return Renderer.create()


@pytest.fixture()
def example_path() -> Path:
    return corpus_dir() / "examples" / "01-basic-housing-cap-fi.yaml"


@pytest.fixture()
def cli_runner():
    from click.testing import CliRunner

    return CliRunner()
