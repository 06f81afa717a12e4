"""Reading case files into validated models, with errors that name the file, record and field.

Messages never echo field *values* from the case: they may be personal data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from totudocs.model.decision import Decision, FieldError

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input record."""

    file: str
    field: str
    message: str
    record: int | None = None  # 1-based record number in a multi-record input
    case_id: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f" record {self.record}"
        if self.case_id:
            where += f" (case {self.case_id})"
        field = f" field {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "record": self.record,
            "case_id": self.case_id,
            "field": self.field,
            "message": self.message,
        }


class CaseDataError(Exception):
    """Raised when an input cannot be read or validated; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


def problems_from_validation(
    error: ValidationError, file: str, record: int | None = None, case_id: str | None = None
) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False, include_input=False):
        loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
        cause = (item.get("ctx") or {}).get("error")
        if isinstance(cause, FieldError):
            path = _dotted((*loc, cause.field))
            message = str(cause)
        else:
            path = _dotted(loc)
            message = _friendly(item)
        problems.append(
            Problem(file=file, field=path, message=message, record=record, case_id=case_id)
        )
    return problems


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts validator names such as 'function-after[...]' into union locations
    return isinstance(part, str) and ("[" in part and part.endswith("]"))


def _friendly(item: Mapping[str, Any]) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see `totudocs schema decision`)"
    if kind == "missing":
        return "required field is missing"
    message = str(item["msg"])
    return message.removeprefix("Value error, ")


def parse_text(text: str, file: str) -> Any:
    """Parse YAML or JSON (JSON is YAML, but JSON errors read better from the JSON parser)."""
    if file.endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise CaseDataError(
                [
                    Problem(
                        file, "", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
                    )
                ]
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or "syntax error"
        raise CaseDataError([Problem(file, "", f"invalid YAML{where}: {reason}")]) from None


def validate_record(data: Any, model: type[ModelT], file: str, record: int | None = None) -> ModelT:
    if not isinstance(data, Mapping):
        raise CaseDataError(
            [Problem(file, "", "expected a mapping of fields at the top level", record=record)]
        )
    case_id = data.get("case_id") if isinstance(data.get("case_id"), str) else None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CaseDataError(problems_from_validation(exc, file, record, case_id)) from None


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseDataError([Problem(str(path), "", "file not found")]) from None
    except UnicodeDecodeError:
        raise CaseDataError([Problem(str(path), "", "not UTF-8 text")]) from None
    except OSError as exc:
        raise CaseDataError([Problem(str(path), "", f"cannot read: {exc.strerror}")]) from None


def load_decision(path: Path | str) -> Decision:
    """Load and validate one decision case file (YAML or JSON)."""
    path = Path(path)
    return validate_record(parse_text(read_text(path), str(path)), Decision, str(path))


def load_case(path: Path | str) -> BaseModel:
    """A decision, or a statement when the file says ``document: statement``."""
    from totudocs.model.statement import Statement

    path = Path(path)
    data = parse_text(read_text(path), str(path))
    model: type[BaseModel] = Decision
    if isinstance(data, Mapping) and data.get("document") == "statement":
        model = Statement
    return validate_record(data, model, str(path))
