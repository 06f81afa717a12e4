"""Streaming input: JSONL, CSV (dotted column names) or a folder of case files.

CSV column mapping: a column named with a dotted path sets that nested field
(``issuer.name``, ``period.start``); a cell that starts with ``[`` or ``{`` is JSON (lists
such as ``outcomes`` or ``calculation.expenses``); ``true``/``false`` are booleans; empty cells
are left out.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from totudocs.model.loading import CaseDataError, Problem, parse_text

CASE_SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass
class Record:
    number: int  # 1-based position in the input
    source: str  # the input file (for a folder: the case file)
    data: Any = None
    problem: Problem | None = None  # set when the record could not even be parsed


def iter_records(path: Path) -> Iterator[Record]:
    if path.is_dir():
        yield from _folder(path)
    elif path.suffix.lower() == ".csv":
        yield from _csv(path)
    else:
        yield from _jsonl(path)


def count_records(path: Path) -> int:
    """Cheap count for the progress bar (lines or files; not validated)."""
    if path.is_dir():
        return sum(1 for p in path.iterdir() if p.suffix.lower() in CASE_SUFFIXES)
    with path.open("rb") as handle:
        lines = sum(1 for line in handle if line.strip())
    return max(lines - 1, 0) if path.suffix.lower() == ".csv" else lines


def _jsonl(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                yield Record(number, str(path), json.loads(line))
            except json.JSONDecodeError as exc:
                yield Record(
                    number,
                    str(path),
                    problem=Problem(
                        str(path),
                        "",
                        f"invalid JSON at column {exc.colno}: {exc.msg}",
                        record=number,
                    ),
                )


def _folder(path: Path) -> Iterator[Record]:
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in CASE_SUFFIXES)
    for number, file in enumerate(files, start=1):
        try:
            yield Record(number, str(file), parse_text(file.read_text(encoding="utf-8"), str(file)))
        except CaseDataError as exc:
            problem = exc.problems[0]
            yield Record(
                number,
                str(file),
                problem=Problem(problem.file, problem.field, problem.message, record=number),
            )
        except (OSError, UnicodeDecodeError) as exc:
            yield Record(
                number,
                str(file),
                problem=Problem(str(file), "", f"cannot read: {exc}", record=number),
            )


def _csv(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=1):
            data: dict[str, Any] = {}
            try:
                for column, cell in row.items():
                    if column is None or cell is None or cell == "":
                        continue
                    _set(data, column.strip(), _cell(cell.strip()))
            except (ValueError, TypeError) as exc:
                yield Record(
                    number,
                    str(path),
                    problem=Problem(str(path), "", f"bad cell: {exc}", record=number),
                )
                continue
            yield Record(number, str(path), data)


def _cell(value: str) -> Any:
    if value[:1] in "[{":
        return json.loads(value)
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ValueError(f"column {dotted!r} conflicts with another column")
    node[last] = value
