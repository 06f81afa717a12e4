"""Where the bundled templates, phrases and corpus live.

In an installed wheel they are packaged under ``totudocs/_data``; in a source checkout (including an
editable install) they are the top-level folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent


def data_dir(name: str) -> Path:
    """Return the bundled folder ``name`` (``templates``, ``phrases`` or ``corpus``)."""
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    source = _SOURCE_ROOT / name
    if source.is_dir():
        return source
    raise FileNotFoundError(
        f"bundled folder {name!r} not found (looked in {packaged} and {source})"
    )


def templates_dir() -> Path:
    return data_dir("templates")


def phrases_dir() -> Path:
    return data_dir("phrases")


def corpus_dir() -> Path:
    return data_dir("corpus")


def font_files() -> dict[str, Path]:
    """The bundled open font (Source Sans Pro, SIL OFL), by weight/style, from its PyPI package."""
    import font_source_sans_pro

    files = Path(font_source_sans_pro.__file__).resolve().parent / "files"
    return {
        "regular": files / "SourceSansPro-Regular.ttf",
        "italic": files / "SourceSansPro-It.ttf",
        "semibold": files / "SourceSansPro-Semibold.ttf",
        "bold": files / "SourceSansPro-Bold.ttf",
    }
