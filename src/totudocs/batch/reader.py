"""Streaming input: JSONL, CSV (dotted column names) or a folder of case files.

CSV column mapping: a column named with a dotted path sets that nested field
(``issuer.name``, ``period.start``); a cell that starts with ``[`` or ``{`` is JSON (lists
such as ``outcomes`` or ``calculation.expenses``); ``true``/``false`` are booleans; empty cells
are left out.

Every record is read in isolation: whatever is wrong with one record (an invalid byte, JSON nested
100,000 deep, a CSV row with the wrong number of cells, a YAML alias bomb) becomes that record's
``problem`` and the next record is read as usual. A generator that raised would end the whole
input, so nothing inside the per-record loops may raise.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from totudocs.model.loading import (
    CaseDataError,
    InputLimitError,
    Problem,
    check_shape,
    load_json,
    parse_text,
)

CASE_SUFFIXES = {".yaml", ".yml", ".json"}

# A real case is a few levels deep and has at most a few thousand values. Anything far beyond that
# is refused in the reader, before the coordinator hashes it or pickles it for a worker: both walk
# the whole structure, and a YAML alias bomb (a few kilobytes that expand to 10^9 values when
# walked) would otherwise stall or kill the process that walks it.
MAX_DEPTH = 32
MAX_VALUES = 100_000


@dataclass
class Record:
    number: int  # 1-based position in the input
    source: str  # the input file (for a folder: the case file)
    data: Any = None
    problem: Problem | None = None  # set when the record could not even be parsed
    output_name: str | None = None  # file-name stem claimed by the coordinator (see run.py)
    case: Any = None  # the validated model, set by the coordinator (see run.py)


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


def _problem(path: Path | str, number: int, message: str, field: str = "") -> Problem:
    # Messages can quote the input (a decoder's excerpt, a column name); Problem masks any
    # henkilötunnus in them.
    return Problem(str(path), field, message, record=number)


def _exception_message(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the record is nested too deeply to parse"
    if isinstance(exc, MemoryError):
        return "the record is too large to parse"
    return f"cannot read the record ({type(exc).__name__}: {exc})"


def _checked(number: int, source: str, data: Any) -> Record:
    """The record, or its problem when it is deeper or larger than a case can be."""
    try:
        check_shape(data, max_depth=MAX_DEPTH, max_values=MAX_VALUES)
    except InputLimitError as exc:
        return Record(number, source, problem=_problem(source, number, f"the record: {exc}"))
    return Record(number, source, data)


def _jsonl(path: Path) -> Iterator[Record]:
    # Binary, decoded line by line: an invalid UTF-8 byte spoils its own record only, on the first
    # run and on every --resume (a text-mode reader would raise and end the whole input).
    with path.open("rb") as handle:
        number = 0
        for raw in handle:
            if not raw.strip():
                continue
            number += 1
            yield _jsonl_record(path, number, raw)


def _jsonl_record(path: Path, number: int, raw: bytes) -> Record:
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (invalid byte at column {exc.start + 1})"
        return Record(number, str(path), problem=_problem(path, number, message))
    try:
        # load_json checks the shape with this reader's limits as it parses
        return Record(
            number, str(path), load_json(text, max_depth=MAX_DEPTH, max_values=MAX_VALUES)
        )
    except json.JSONDecodeError as exc:
        message = f"invalid JSON at column {exc.colno}: {exc.msg}"
        return Record(number, str(path), problem=_problem(path, number, message))
    except InputLimitError as exc:  # a repeated key, too deep, too large
        return Record(number, str(path), problem=_problem(path, number, f"refused JSON: {exc}"))
    except Exception as exc:  # RecursionError, MemoryError, …: this record only
        return Record(number, str(path), problem=_problem(path, number, _exception_message(exc)))


def _folder(path: Path) -> Iterator[Record]:
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in CASE_SUFFIXES)
    for number, file in enumerate(files, start=1):
        yield _file_record(number, file)


def _file_record(number: int, file: Path) -> Record:
    try:
        return _checked(number, str(file), parse_text(file.read_text(encoding="utf-8"), str(file)))
    except CaseDataError as exc:
        problem = exc.problems[0]
        return Record(number, str(file), problem=_problem(problem.file, number, problem.message))
    except UnicodeDecodeError:
        return Record(number, str(file), problem=_problem(file, number, "not UTF-8 text"))
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}"
        return Record(number, str(file), problem=_problem(file, number, message))
    except Exception as exc:  # a YAML file nested too deeply for the composer, …
        return Record(number, str(file), problem=_problem(file, number, _exception_message(exc)))


def _csv(path: Path) -> Iterator[Record]:
    # surrogateescape: an invalid byte becomes a lone surrogate in its cell instead of ending the
    # whole file with UnicodeDecodeError; the row holding it is reported below.
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        rows = csv.reader(handle)
        try:
            header = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(1, str(path), problem=_problem(path, 1, f"unreadable CSV header: {exc}"))
            return
        columns = [column.strip() for column in header]
        number = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:  # a field over the size limit, …: the reader goes on
                number += 1
                yield Record(number, str(path), problem=_problem(path, number, f"bad row: {exc}"))
                continue
            if not row:  # a blank line, as csv.DictReader skips it
                continue
            number += 1
            yield _csv_record(path, number, columns, row)


def _csv_record(path: Path, number: int, columns: list[str], row: list[str]) -> Record:
    if len(row) != len(columns):
        # DictReader would silently drop the missing cells or file the extra ones under None:
        # a shifted row would then render with values in the wrong fields.
        message = f"the row has {len(row)} cells but the header has {len(columns)} columns"
        return Record(number, str(path), problem=_problem(path, number, message))
    data: dict[str, Any] = {}
    try:
        for column, cell in zip(columns, row, strict=True):
            cell.encode("utf-8")  # a lone surrogate: an invalid byte in the file
            if cell == "":
                continue
            _set(data, column, _cell(cell.strip()))
    except UnicodeEncodeError:
        return Record(number, str(path), problem=_problem(path, number, "not UTF-8 text"))
    except (ValueError, TypeError) as exc:
        return Record(number, str(path), problem=_problem(path, number, f"bad cell: {exc}"))
    except Exception as exc:  # RecursionError from a JSON cell nested too deeply, …
        return Record(number, str(path), problem=_problem(path, number, _exception_message(exc)))
    return _checked(number, str(path), data)


def _cell(value: str) -> Any:
    if value[:1] in "[{":
        return load_json(value)
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
