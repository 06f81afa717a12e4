"""Project configuration: ``totudocs.toml`` or ``[tool.totudocs]`` in ``pyproject.toml``.

Looked up from the current folder upwards; ``--config FILE`` overrides. Example::

    [lint]
    profile = "selko"
    lexicons = ["our-jargon.yaml"]
    [lint.thresholds]
    sentence_words = 20
    [lint.rules]
    FI104 = "off"        # off, info, warning, error
    [lint.section_roles]
    next-steps = ["askelmerkki"]   # heading words that name a section in our house style

    [render]
    templates = "our-templates"
    phrases = "our-phrases"

Relative paths are resolved against the folder of the configuration file. The file is validated
by :class:`Settings`: an unknown key or a misspelt value is an error that names it, never
silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

Level = Literal["off", "info", "warning", "error"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LintSettings(_Section):
    profile: Literal["virkakieli", "selko"] | None = None
    lexicons: list[str] = []
    thresholds: dict[str, float] = {}
    rules: dict[str, Level] = {}  # rule code -> level
    select: list[str] | None = None  # codes or prefixes, as on the command line
    extend_select: list[str] = []
    ignore: list[str] = []
    per_file_ignores: dict[str, list[str]] = {}  # glob -> codes or prefixes
    exclude: list[str] = []  # globs left out when linting folders
    # extra heading words per section role (see reading/data/section_roles.yaml)
    section_roles: dict[str, list[str]] = {}


class RenderSettings(_Section):
    templates: str | None = None
    phrases: str | None = None


class Settings(_Section):
    lint: LintSettings = LintSettings()
    render: RenderSettings = RenderSettings()


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in item["loc"])
        if item["type"] == "extra_forbidden":
            problems.append(f"unknown key {where!r}")
        else:
            problems.append(f"{where}: {item['msg']}")
    return "; ".join(problems)


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.path}: [{name}] must be a table")
        return value

    def resolve(self, value: str) -> Path:
        base = self.path.parent if self.path else Path.cwd()
        return (base / value).resolve()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration from ``start`` upwards, looking no further than the root of
    the repository (a folder with ``.git``) or the user's home folder: a configuration in a
    shared parent folder (``/tmp``, a mounted share) must not steer rendering towards a
    template or phrase folder someone else controls."""
    folder = (start or Path.cwd()).resolve()
    home = Path.home().resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "totudocs.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.totudocs" in pyproject.read_text(encoding="utf-8"):
            return pyproject
        if candidate == home or (candidate / ".git").exists():
            break
    return None


def load_config(explicit: Path | None = None) -> Config:
    path = explicit or find_config()
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("totudocs", {})
    # TOML spells keys with hyphens as often as with underscores (ruff: per-file-ignores)
    data = {
        section: {k.replace("-", "_"): v for k, v in values.items()}
        if isinstance(values, dict)
        else values
        for section, values in data.items()
    }
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None
    return Config(path=path, data=settings.model_dump(exclude_defaults=True))
