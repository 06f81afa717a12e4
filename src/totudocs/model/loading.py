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
from totudocs.model.hetu import mask_hetu

# Input limits: a real case file is a few kilobytes with a few hundred values. These stop a
# hostile or broken file (an alias "billion laughs", a 100,000-deep nesting) before it costs
# memory or a traceback, far above anything a real case needs.
MAX_CASE_BYTES = 5_000_000
MAX_VALUES = 200_000  # values in a document once YAML aliases are expanded
MAX_DEPTH = 64

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input record."""

    file: str
    field: str
    message: str
    record: int | None = None  # 1-based record number in a multi-record input
    case_id: str | None = None

    def __post_init__(self) -> None:
        # Whatever built the problem, a henkilötunnus never leaves it (messages, errors.jsonl),
        # not even in the name of the file it came from.
        object.__setattr__(self, "file", mask_hetu(self.file))
        object.__setattr__(self, "message", mask_hetu(self.message))
        object.__setattr__(self, "field", mask_hetu(self.field))
        if self.case_id is not None:
            object.__setattr__(self, "case_id", mask_hetu(self.case_id))

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


class InputLimitError(ValueError):
    """Input that is well-formed but refused: too large, too deep, or with a repeated key."""


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputLimitError(f"key {mask_hetu(str(key))!r} appears twice in one object")
        result[key] = value
    return result


def load_json(text: str, *, max_depth: int = MAX_DEPTH, max_values: int = MAX_VALUES) -> Any:
    """``json.loads`` that refuses repeated keys and excessive nesting instead of keeping the
    last value or overflowing the stack."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        raise InputLimitError(f"nested more than {max_depth} levels deep") from None
    check_shape(data, max_depth=max_depth, max_values=max_values)
    return data


def check_shape(data: Any, *, max_depth: int = MAX_DEPTH, max_values: int = MAX_VALUES) -> None:
    """Depth and value count of parsed data, iteratively (a recursive walk would itself
    overflow on the inputs it is meant to refuse). Shared objects (YAML aliases) count once
    per place they appear, which is what a consumer walking the data pays."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    values = 0
    while stack:
        item, depth = stack.pop()
        values += 1
        if values > max_values:
            raise InputLimitError(f"more than {max_values:,} values (YAML aliases expanded)")
        if depth > max_depth:
            raise InputLimitError(f"nested more than {max_depth} levels deep")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


class StrictYamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML that refuses a key repeated in one mapping (YAML says keys are unique; the
    default loader silently keeps the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen and key_node.tag != "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"key {mask_hetu(key_node.value)!r} appears twice in one mapping",
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


StrictYamlLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),
)


def _node_size(root: yaml.Node) -> None:
    """Refuse an alias bomb before anything is built: count the nodes of the document as if
    every alias were expanded (memoised per node, iteratively)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if depth > MAX_DEPTH:
            raise InputLimitError(f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children: list[yaml.Node] = (
            [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if children_done:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if total > MAX_VALUES:
                raise InputLimitError(f"more than {MAX_VALUES:,} values (YAML aliases expanded)")
            sizes[id(node)] = total
            continue
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in sizes)


def load_yaml(text: str) -> Any:
    """Safe, strict YAML: unique keys, bounded nesting and alias expansion."""
    loader = StrictYamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _node_size(node)
        return loader.construct_document(node)
    except RecursionError:
        raise InputLimitError(f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()


def parse_text(text: str, file: str) -> Any:
    """Parse YAML or JSON (JSON is YAML, but JSON errors read better from the JSON parser)."""
    if len(text) > MAX_CASE_BYTES:
        raise CaseDataError([Problem(file, "", f"larger than {MAX_CASE_BYTES:,} characters")])
    if file.endswith(".json"):
        try:
            return load_json(text)
        except json.JSONDecodeError as exc:
            raise CaseDataError(
                [
                    Problem(
                        file, "", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
                    )
                ]
            ) from None
        except InputLimitError as exc:
            raise CaseDataError([Problem(file, "", f"refused JSON: {exc}")]) from None
    try:
        return load_yaml(text)
    except InputLimitError as exc:
        raise CaseDataError([Problem(file, "", f"refused YAML: {exc}")]) from None
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
