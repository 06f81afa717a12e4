"""The sandboxed Jinja environment shared by templates and phrase text.

Templates and phrase libraries may come from outside contributors, so they are treated as
untrusted code (Jinja's own advice: a sandbox is only as strong as the objects it is handed):

- **Plain data only.** Templates and phrases see dicts, lists, strings, numbers, decimals, dates
  and a few template helpers (:class:`TemplateApi`), never pydantic models, paths or the
  renderer's own objects. :func:`plain_data` turns a case into such data. Attribute access on
  anything else, and on any name starting with an underscore, is refused.
- **Bounded work.** A render has a deadline, a budget for ``range()``, a ceiling on the size of
  any string or list it builds and on its output; operators and filters that can multiply sizes
  (``*``, ``**``, ``%``, ``+``, ``~``, ``center``, ``replace``, ``join``…) are checked before
  they run. Exceeding a limit raises :class:`SandboxLimit`, a template error that names the
  limit.
- Autoescape and StrictUndefined: a placeholder that names no case field is an error, never an
  empty string, and text from the case is always escaped.
"""

from __future__ import annotations

import contextvars
import math
import re
import time
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    nodes,
    select_autoescape,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup
from pydantic import BaseModel

LOCALES = {"fi": "fi_FI", "sv": "sv_FI"}

# Limits for one document (a template render with every phrase in it). A real decision renders
# in a few milliseconds and about 30 kB; these leave room for far larger documents while
# stopping a loop or a string bomb long before it costs minutes or gigabytes.
MAX_RENDER_SECONDS = 10.0
MAX_OUTPUT_CHARACTERS = 2_000_000
MAX_VALUE_SIZE = 1_000_000  # characters of one string, items of one list
RANGE_BUDGET = 100_000  # items all range() calls of one document may produce together
MAX_FORMAT_WIDTH = 1_000  # widths and precisions in '%' formatting and padding filters


class SandboxLimit(SecurityError):
    """A template or phrase exceeded a resource limit of the sandbox."""


# --- plain data -------------------------------------------------------------------------------

PLAIN_SCALARS = (str, int, float, bool, Decimal, date, type(None))


def plain_data(value: Any) -> Any:
    """A pydantic model (or anything nested in one) as dicts, lists and scalars.

    Public properties of a model (derived facts such as ``granted_total``) become keys too, so
    templates keep the same names without reaching the model's methods.
    """
    if isinstance(value, BaseModel):
        data = {name: plain_data(getattr(value, name)) for name in type(value).model_fields}
        for cls in type(value).__mro__:
            if cls is BaseModel:
                break  # pydantic's own (partly deprecated) properties are not case facts
            for name, member in vars(cls).items():
                if isinstance(member, property) and not name.startswith("_"):
                    data.setdefault(name, plain_data(getattr(value, name)))
        return data
    if isinstance(value, Enum):
        return plain_data(value.value)
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain_data(v) for v in value]
    if isinstance(value, PLAIN_SCALARS):
        return value
    raise TypeError(f"{type(value).__name__} is not plain data for templates")


class TemplateApi:
    """Base for objects handed to templates on purpose: only the names in ``exposed`` can be
    reached from a template (everything else, attributes and methods alike, is refused)."""

    exposed: frozenset[str] = frozenset()


# --- budget -----------------------------------------------------------------------------------


@dataclass
class RenderBudget:
    deadline: float
    range_left: int = RANGE_BUDGET

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise SandboxLimit(
                f"rendering took longer than {MAX_RENDER_SECONDS:g} s (a loop that does not end?)"
            )


_BUDGET: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar(
    "totudocs_render_budget", default=None
)


def _budget() -> RenderBudget | None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()
    return budget


def bounded(function: Callable[[], Any]) -> Any:
    """Run ``function`` under a render budget (the enclosing one when already inside a render,
    so a phrase rendered by a template shares the template's budget)."""
    if _BUDGET.get() is not None:
        return function()
    token = _BUDGET.set(RenderBudget(deadline=time.monotonic() + MAX_RENDER_SECONDS))
    try:
        return function()
    finally:
        _BUDGET.reset(token)


def render_bounded(template: Template, context: dict[str, Any]) -> str:
    """Render ``template`` piece by piece, stopping at the deadline or the output ceiling."""

    def run() -> str:
        parts: list[str] = []
        size = 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > MAX_OUTPUT_CHARACTERS:
                raise SandboxLimit(f"output larger than {MAX_OUTPUT_CHARACTERS:,} characters")
            parts.append(piece)
            _budget()
        return "".join(parts)

    return bounded(run)


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_VALUE_SIZE:
        raise SandboxLimit(f"a value larger than {MAX_VALUE_SIZE:,} characters or items")
    return value


def _budgeted_range(*args: int) -> range:
    result = range(*args)
    budget = _budget()
    if budget is not None:
        budget.range_left -= len(result)
        if budget.range_left < 0:
            raise SandboxLimit(f"loops over range() exceeded {RANGE_BUDGET:,} items in all")
    elif len(result) > RANGE_BUDGET:
        raise SandboxLimit(f"range() larger than {RANGE_BUDGET:,} items")
    return result


def _projected_size(operator: str, left: Any, right: Any) -> int:
    """The size a sequence operation would produce, computed before it runs."""
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                return len(seq) * max(count, 0)
    if operator == "+" and isinstance(left, (str, list, tuple)) and hasattr(right, "__len__"):
        return len(left) + len(right)
    return 0


def _check_power(left: Any, right: Any) -> None:
    if isinstance(left, (int, float, Decimal)) and isinstance(right, (int, float, Decimal)):
        magnitude = abs(float(left))
        if magnitude > 1 and float(right) * math.log2(magnitude) > 4096:
            raise SandboxLimit("a power larger than 4096 bits")


def _check_format_spec(template: Any) -> None:
    """'%999999999d' would allocate a gigabyte before any check could see the result."""
    if isinstance(template, str):
        for width in re.findall(r"%[-+ #0]*(\d*)(?:\.(\d+))?", template):
            for digits in width:
                if digits and int(digits) > MAX_FORMAT_WIDTH:
                    raise SandboxLimit(f"a format width above {MAX_FORMAT_WIDTH}")


# --- the environment --------------------------------------------------------------------------


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``~`` (string concatenation) through a size check: it is the one operator the
    sandbox cannot intercept, and doubling a string in a recursive macro would exhaust memory."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_value(")
        super().visit_Concat(node, frame)
        self.write(")")


# Methods of str that can make a string much longer than its inputs; the equivalent filters
# (center, replace, join, format, indent, wordwrap) are available with size checks.
_AMPLIFYING_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "join", "format", "format_map"}
)
_SAFE_OBJECTS = (*PLAIN_SCALARS, Markup, list, tuple, dict, datetime, LoopContext, Macro)


class DataSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, narrowed to plain data and bounded in time and size."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+", "//", "/"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _budgeted_range
        # namespace() is the one way to carry a value across loop iterations (and so to grow
        # it without bound); phrases and templates have no need for it.
        self.globals.pop("namespace", None)
        # lipsum(n) builds n paragraphs inside one call, out of reach of any check.
        self.globals.pop("lipsum", None)
        self.filters.update(_bounded_filters(self.filters))

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, TemplateApi):
            return attr in obj.exposed
        if not isinstance(obj, _SAFE_OBJECTS) or isinstance(obj, type):
            return False
        if isinstance(obj, str) and attr in _AMPLIFYING_METHODS:
            return False
        if isinstance(value, (types.FunctionType, types.ModuleType, type)):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _budget()
        # Plain data: a key wins over a dict method of the same name ('items', 'values'), so a
        # case field is never shadowed by a method.
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _budget()
        return super().getitem(obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _budget()
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _budget()
        if _projected_size(operator, left, right) > MAX_VALUE_SIZE:
            raise SandboxLimit(f"a value larger than {MAX_VALUE_SIZE:,} characters or items")
        if operator == "**":
            _check_power(left, right)
        if operator == "%":
            _check_format_spec(left)
        return self.binop_table[operator](left, right)

    def checked_value(self, value: Any) -> Any:
        _budget()
        return _check_size(value)


def _bounded_filters(filters: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Every filter wrapped with the deadline and a size check of its result; the ones that can
    amplify (a width, a replacement, a join) checked before they run."""

    def guard(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)  # keeps jinja_pass_arg, so Jinja passes the same arguments
        def run(*args: Any, **kwargs: Any) -> Any:
            _budget()
            values = [a for a in args if not hasattr(a, "environment") and a is not None]
            _precheck(name, values, kwargs)
            return _check_size(function(*args, **kwargs))

        return run

    return {name: guard(name, function) for name, function in filters.items()}


def _precheck(name: str, args: list[Any], kwargs: dict[str, Any]) -> None:
    numbers = [a for a in (*args[1:], *kwargs.values()) if isinstance(a, int)]
    if name in {"center", "indent", "wordwrap", "truncate", "batch", "slice"} and any(
        n > MAX_FORMAT_WIDTH * 10 for n in numbers
    ):
        raise SandboxLimit(f"the {name} filter with a width above {MAX_FORMAT_WIDTH * 10}")
    if name == "format" and args:
        _check_format_spec(args[0])
    if name == "replace" and len(args) >= 3:
        text, old, new = (str(a) for a in args[:3])
        grown = len(text) + text.count(old or " ") * max(len(new) - len(old), 0)
        if old == "":
            grown = len(text) * (len(new) + 1)
        if grown > MAX_VALUE_SIZE:
            raise SandboxLimit(f"a value larger than {MAX_VALUE_SIZE:,} characters")
    if name == "join" and args and hasattr(args[0], "__len__"):
        separator = str(args[1]) if len(args) > 1 else str(kwargs.get("d", ""))
        items = args[0]
        if len(items) * (len(separator) + 1) > MAX_VALUE_SIZE:
            raise SandboxLimit(f"a value larger than {MAX_VALUE_SIZE:,} characters")


# --- formatting ---------------------------------------------------------------------------------


def format_eur(amount: Decimal | int | float, language: str) -> str:
    """'1 234,50 €' in Finnish and Finland-Swedish (Babel's CLDR data, not by hand)."""
    return format_currency(Decimal(amount), "EUR", locale=LOCALES[language])


def format_day(value: date, language: str) -> str:
    """Finnish '12.3.2026'; Swedish '12 mars 2026' (sv_FI medium)."""
    if language == "fi":
        return format_date(value, "d.M.yyyy", locale=LOCALES[language])
    # No break inside a date ("30 nov." at a line end, "2026" on the next).
    return format_date(value, "medium", locale=LOCALES[language]).replace(" ", "\u00a0")


def format_number(value: Decimal | int | float, language: str) -> str:
    return format_decimal(value, locale=LOCALES[language])


def format_share(percent: int | float, language: str) -> str:
    return format_percent(Decimal(percent) / 100, locale=LOCALES[language])


def make_environment(language: str, templates_dir: Path | None = None) -> DataSandbox:
    env = DataSandbox(
        loader=FileSystemLoader(str(templates_dir)) if templates_dir else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    own = {
        "eur": lambda v: format_eur(v, language),
        "day": lambda v: format_day(v, language),
        "number": lambda v: format_number(v, language),
        "percent": lambda v: format_share(v, language),
    }
    env.filters.update(_bounded_filters(own))
    return env


@lru_cache(maxsize=16)
def environment(language: str, templates_dir: Path | None = None) -> DataSandbox:
    """A shared environment per language and template folder (Jinja caches compiled templates)."""
    return make_environment(language, templates_dir)


def describe_failure(error: BaseException) -> str:
    """One line on what went wrong inside untrusted template or phrase code."""
    if isinstance(error, TemplateError):
        return str(error.message or error)
    if isinstance(error, RecursionError):
        return "recursion too deep (a macro or loop that calls itself?)"
    return f"{type(error).__name__}: {error}"


def template_line(error: BaseException) -> int | None:
    """The template line that raised ``error``: Jinja rewrites tracebacks so that template
    frames carry the template's own file name and line number."""
    line = getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename == "<template>" or filename.endswith((".j2", ".html", ".jinja")):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def unsafe_accesses(source: str, *, is_template: bool = True) -> list[tuple[int, str]]:
    """Static review of template or phrase code: (line, what) for every use of the ``attr()``
    filter, every underscored name, attribute or key, and every helper attribute that is not
    part of a helper's public face. The sandbox refuses all of these at render time as well;
    reporting them lets a CI gate reject the library before anything renders it."""
    tree = environment("fi").parse(source if is_template else "{{ (" + source + ") }}")
    problems: list[tuple[int, str]] = []
    for node in tree.find_all((nodes.Filter, nodes.Getattr, nodes.Getitem, nodes.Name)):
        line = node.lineno
        if isinstance(node, nodes.Filter) and node.name == "attr":
            problems.append((line, "the attr() filter reaches object attributes; use fields"))
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            problems.append((line, f"attribute {node.attr!r} is private"))
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
            and node.arg.value.startswith("_")
        ):
            problems.append((line, f"key {node.arg.value!r} is private"))
        elif isinstance(node, nodes.Name) and node.name.startswith("_"):
            problems.append((line, f"name {node.name!r} is private"))
        elif (
            isinstance(node, nodes.Getattr)
            and isinstance(node.node, nodes.Name)
            and node.node.name == "P"
            and node.attr not in {"text", "section", "applies"}
        ):
            problems.append((line, f"P.{node.attr} is not part of the phrase helper"))
    return sorted(set(problems))
