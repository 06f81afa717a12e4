"""Project configuration: ``totudocs.toml`` or ``[tool.totudocs]`` in ``pyproject.toml``.

Looked up from the current folder upwards; ``--config FILE`` overrides. Example::

    [lint]
    profile = "selko"
    lexicons = ["our-jargon.yaml"]
    [lint.thresholds]
    sentence_words = 20
    [lint.rules]
    FI104 = "off"        # off, info, warning, error

    [render]
    templates = "our-templates"
    phrases = "our-phrases"

Relative paths are resolved against the folder of the configuration file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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
    return Config(path=path, data=data)
