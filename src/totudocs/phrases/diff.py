"""``totudocs phrases diff OLD NEW``: what changed between two phrase libraries (folders or git
refs), how readability moved, and which example decisions render differently."""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from totudocs.phrases.check import CheckResult, check_library
from totudocs.phrases.library import load_phrase_book


class DiffError(Exception):
    pass


@dataclass
class LibraryDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    examples_changed: list[str] = field(default_factory=list)


def materialise(spec: str, workdir: Path, subdir: str = "phrases") -> Path:
    """A folder as is, or the library folder at a git ref (``HEAD~1``, ``main:phrases``)."""
    path = Path(spec)
    if path.is_dir():
        return path
    ref, _, folder = spec.partition(":")
    folder = folder or subdir
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", ref, folder], capture_output=True, check=True
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        raise DiffError(
            f"{spec!r} is neither a folder nor a git ref with a {folder}/ folder"
        ) from exc
    target = workdir / ref.replace("/", "_").replace("~", "-")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / folder


def _index(result: CheckResult) -> dict[tuple[str, str], Any]:
    return {(r.id, r.language): r for r in result.records}


def diff_libraries(
    old: str, new: str, *, cache_dir: Path | None = None, examples: list[Path] | None = None
) -> LibraryDiff:
    from totudocs.resources import corpus_dir

    with tempfile.TemporaryDirectory(prefix="totudocs-diff-") as tmp:
        old_root = materialise(old, Path(tmp))
        new_root = materialise(new, Path(tmp))
        old_book, new_book = load_phrase_book(old_root), load_phrase_book(new_root)
        old_check = check_library(old_root, cache_dir=cache_dir)
        new_check = check_library(new_root, cache_dir=cache_dir)
        result = LibraryDiff(
            added=sorted(set(new_book.phrases) - set(old_book.phrases)),
            removed=sorted(set(old_book.phrases) - set(new_book.phrases)),
        )
        old_records, new_records = _index(old_check), _index(new_check)
        for phrase_id in sorted(set(old_book.phrases) & set(new_book.phrases)):
            before, after = old_book.phrases[phrase_id], new_book.phrases[phrase_id]
            if (before.text, before.when, before.section) == (
                after.text,
                after.when,
                after.section,
            ):
                continue
            change: dict[str, Any] = {"id": phrase_id, "languages": {}}
            for lang in ("fi", "sv"):
                a, b = old_records.get((phrase_id, lang)), new_records.get((phrase_id, lang))
                if a and b and before.text.get(lang) != after.text.get(lang):
                    change["languages"][lang] = {
                        "wiio": [a.wiio, b.wiio],
                        "words": [a.words, b.words],
                        "findings": [len(a.findings), len(b.findings)],
                    }
            if before.when != after.when:
                change["condition"] = [before.when, after.when]
            result.changed.append(change)
        result.examples_changed = _changed_examples(
            old_root, new_root, examples or sorted((corpus_dir() / "examples").glob("[0-9]*.yaml"))
        )
    return result


def _changed_examples(old_root: Path, new_root: Path, examples: list[Path]) -> list[str]:
    from totudocs.model import load_decision
    from totudocs.reading import parse_html
    from totudocs.render.html import Renderer, RenderError

    old_renderer = Renderer.create(phrases=old_root)
    new_renderer = Renderer.create(phrases=new_root)
    changed = []
    for path in examples:
        case = load_decision(path)
        texts = []
        for side, renderer in (("old", old_renderer), ("new", new_renderer)):
            # compare the prose only: the provenance footer names the library version
            try:
                blocks = parse_html(renderer.render(case).html, str(path)).blocks
            except RenderError as exc:
                raise DiffError(f"the {side} library cannot render {path}: {exc}") from None
            texts.append([b.text for b in blocks])
        if texts[0] != texts[1]:
            changed.append(str(path))
    return changed


def to_text(result: LibraryDiff) -> str:
    lines = [
        f"added: {', '.join(result.added) or '-'}",
        f"removed: {', '.join(result.removed) or '-'}",
        "changed:",
    ]
    for change in result.changed or []:
        parts = []
        for lang, figures in change["languages"].items():
            wiio = figures["wiio"]
            parts.append(
                f"{lang} Wiio {wiio[0]} -> {wiio[1]}, findings "
                f"{figures['findings'][0]} -> {figures['findings'][1]}"
            )
        if "condition" in change:
            parts.append(f"condition {change['condition'][0]!r} -> {change['condition'][1]!r}")
        lines.append(f"  {change['id']}: {'; '.join(parts) or 'metadata only'}")
    if not result.changed:
        lines.append("  -")
    lines.append(f"example decisions whose text changes: {len(result.examples_changed)}")
    lines += [f"  {path}" for path in result.examples_changed]
    return "\n".join(lines)
