"""Precision and recall per justification category on corpus/justification/labels.yaml."""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from totudocs.lint.engine import LintContext, lint_path
from totudocs.lint.evaluate import RuleScore
from totudocs.lint.registry import all_rules


def justification_codes() -> list[str]:
    return [r.code for r in all_rules() if r.code.startswith("J")]


def _apply(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value


def _phrases_without(
    ids: list[str], folder: Path, patch: dict[str, dict[str, Any]] | None = None
) -> Path:
    from totudocs.resources import phrases_dir

    target = folder / "phrases"
    shutil.copytree(phrases_dir(), target)
    for path in target.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("phrases"), list):
            data["phrases"] = [p for p in data["phrases"] if p.get("id") not in ids]
            for phrase in data["phrases"]:
                phrase.update((patch or {}).get(phrase.get("id"), {}))
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def _templates_edited(edits: dict[str, list[list[str]]], folder: Path) -> Path:
    """A copy of the bundled templates with regular-expression edits ({file: [[pattern, new]]}):
    a custom template that drops something the law requires."""
    import re

    from totudocs.resources import templates_dir

    target = folder / "templates"
    shutil.copytree(templates_dir(), target)
    for name, replacements in edits.items():
        page = target / name
        text = page.read_text(encoding="utf-8")
        for pattern, replacement in replacements:
            text = re.sub(pattern, replacement, text, count=1, flags=re.S)
        page.write_text(text, encoding="utf-8")
    return target


def _materialise(entry: dict[str, Any], root: Path, folder: Path) -> tuple[Path, LintContext]:
    context = LintContext(rules=justification_codes())
    if "render" in entry:
        from totudocs.model import load_decision
        from totudocs.render.html import Renderer

        document = Renderer.create().render(load_decision(root / entry["render"]))
        path = folder / (Path(entry["render"]).stem + ".html")
        path.write_text(document.html, encoding="utf-8")
        return path, context
    if "variant" in entry:
        data = yaml.safe_load((root / entry["base"]).read_text(encoding="utf-8"))
        for dotted, value in (entry.get("set") or {}).items():
            _apply(data, dotted, value)
        path = folder / f"{entry['variant']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        if entry.get("phrases_without") or entry.get("phrases_patch"):
            context.phrases_dir = _phrases_without(
                entry.get("phrases_without") or [],
                folder / entry["variant"],
                entry.get("phrases_patch") or {},
            )
        if entry.get("templates_edit"):
            context.templates_dir = _templates_edited(
                entry["templates_edit"], folder / f"{entry['variant']}-templates"
            )
        return path, context
    return root / entry["file"], context


def evaluate(root: Path) -> tuple[dict[str, RuleScore], list[dict[str, Any]]]:
    labels = yaml.safe_load((root / "justification" / "labels.yaml").read_text(encoding="utf-8"))
    scores: dict[str, RuleScore] = defaultdict(RuleScore)
    rows = []
    with tempfile.TemporaryDirectory(prefix="totudocs-eval-") as tmp:
        for entry in [*labels["documents"], *labels["cases"]]:
            path, context = _materialise(entry, root, Path(tmp))
            result = lint_path(path, context)
            found = {f.category for f in result.findings}
            expected = set(entry.get("expect") or [])
            name = entry.get("variant") or entry.get("file") or f"render:{entry.get('render')}"
            rows.append({"input": name, "expected": sorted(expected), "found": sorted(found)})
            for category in expected | found:
                scores[category].record(category in expected, category in found, name)
    return dict(sorted(scores.items())), rows


def report(root: Path, verbose: bool = False) -> str:
    scores, rows = evaluate(root)
    lines = ["Justification checks: precision and recall (corpus/justification/labels.yaml)", ""]
    lines.append(f"{'category':<36}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    for category, s in scores.items():
        lines.append(
            f"{category:<36}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.precision:>11.2f}{s.recall:>8.2f}"
        )
        if verbose:
            lines.extend(f"    FP: {name}" for name in s.false_positives)
            lines.extend(f"    FN: {name}" for name in s.false_negatives)
    exact = sum(r["expected"] == r["found"] for r in rows)
    lines += ["", f"inputs with exactly the expected categories: {exact}/{len(rows)}"]
    return "\n".join(lines)
