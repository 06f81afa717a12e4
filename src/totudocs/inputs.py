"""Which files a command reads, the way linters take them: files, folders (recursively, with
include and exclude globs and ``.gitignore`` respected), globs, and ``-`` for standard input."""

from __future__ import annotations

import fnmatch
import glob
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

DOCUMENT_GLOBS = ("*.html", "*.htm", "*.md", "*.markdown", "*.txt", "*.pdf")
CASE_GLOBS = ("*.yaml", "*.yml", "*.json")
# Never worth walking into; users add their own with --exclude or [lint] exclude.
DEFAULT_EXCLUDES = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                    ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache")
STDIN = Path("-")
_CASE_KEY = re.compile(r'^[{\s]*"?case_id"?\s*:', re.M)


@dataclass(frozen=True)
class Discovered:
    path: Path
    explicit: bool  # named on the command line (always read) or found in a folder


def _looks_like_case(path: Path) -> bool:
    """A YAML or JSON file found in a folder is a case file only when it says so at the top:
    a folder of documents also holds configuration (``.pre-commit-config.yaml``, phrase
    libraries) that is not case data."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:20_000]
    except OSError:
        return False
    return _CASE_KEY.search(head) is not None


def _ignore_spec(folder: Path) -> pathspec.GitIgnoreSpec | None:
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        return None
    return pathspec.GitIgnoreSpec.from_lines(ignore.read_text(encoding="utf-8").splitlines())


def _parents_specs(folder: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """``.gitignore`` files above ``folder``, up to the repository root."""
    specs = []
    for parent in folder.resolve().parents:
        spec = _ignore_spec(parent)
        if spec is not None:
            specs.append((parent, spec))
        if (parent / ".git").exists():
            break
    return specs


def _ignored(path: Path, specs: list[tuple[Path, pathspec.GitIgnoreSpec]], is_dir: bool) -> bool:
    resolved = path.resolve()
    for base, spec in specs:
        try:
            relative = resolved.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + ("/" if is_dir else "")):
            return True
    return False


def _matches(path: Path, patterns: Iterable[str]) -> bool:
    posix = path.as_posix()
    return any(
        fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(posix, pattern)
        for pattern in patterns
    )


def _walk(
    folder: Path,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    specs: list[tuple[Path, pathspec.GitIgnoreSpec]],
    respect_gitignore: bool,
) -> Iterator[Path]:
    own = _ignore_spec(folder) if respect_gitignore else None
    specs = [*specs, (folder.resolve(), own)] if own is not None else specs
    for entry in sorted(folder.iterdir()):
        if entry.name in DEFAULT_EXCLUDES or _matches(entry, exclude):
            continue
        is_dir = entry.is_dir()
        if respect_gitignore and _ignored(entry, specs, is_dir):
            continue
        if is_dir and not entry.is_symlink():
            yield from _walk(entry, include, exclude, specs, respect_gitignore)
        elif entry.is_file() and _matches(entry, include):
            if _matches(entry, CASE_GLOBS) and not _looks_like_case(entry):
                continue
            yield entry


def discover(
    arguments: Iterable[Path],
    *,
    include: Iterable[str] = (*DOCUMENT_GLOBS, *CASE_GLOBS),
    exclude: Iterable[str] = (),
    respect_gitignore: bool = True,
) -> list[Discovered]:
    """The files the arguments name, in order, each once. A name that does not exist is kept
    (the command reports it as missing) unless it is a glob that matches something."""
    include, exclude = tuple(include), tuple(exclude)
    found: list[Discovered] = []
    seen: set[Path] = set()

    def add(path: Path, explicit: bool) -> None:
        key = path if path == STDIN else path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(Discovered(path, explicit))

    for argument in arguments:
        if argument == STDIN:
            add(STDIN, True)
        elif argument.is_dir():
            specs = _parents_specs(argument) if respect_gitignore else []
            if specs and _ignored(argument, specs, is_dir=True):
                # the user named a folder the repository ignores ("totudocs lint out/" after a
                # render): lint it, honouring only the .gitignore files inside it
                specs = []
            for path in _walk(argument, include, exclude, specs, respect_gitignore):
                add(path, False)
        elif not argument.exists() and glob.has_magic(str(argument)):
            matches = sorted(glob.glob(str(argument), recursive=True))
            for match in matches:
                path = Path(match)
                if path.is_file() and not _matches(path, exclude):
                    add(path, True)
            if not matches:
                add(argument, True)
        else:
            add(argument, True)
    return found
