"""The rule registry: every check has a code, a name, a category, a rationale and examples.

Modelled on ruff's registry: rules are data first (so docs and ``totudocs rules`` are generated
from them) and code second (``check`` callables registered with :func:`register`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from totudocs.lint.findings import Severity


@dataclass(frozen=True)
class Example:
    """A Finnish or Swedish example that runs as a test: ``bad`` must trigger, ``good`` must not."""

    text: str
    language: str = "fi"
    runnable: bool = True  # False: the example needs case data and is tested separately


@dataclass(frozen=True)
class Rule:
    code: str  # e.g. FI101, SV101, J001
    name: str  # kebab-case, e.g. long-sentence
    category: str  # stable category id, e.g. readability.sentence-length or justification.missing
    severity: Severity
    summary: str  # one line, English
    rationale: str  # why, English, may quote Finnish
    source: str  # Kotus, Selkokeskus, Hallintolaki 45 §, ...
    languages: tuple[str, ...] = ("fi",)
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    suggestion: str | None = None
    check: Callable[..., Iterable[Any]] | None = field(default=None, compare=False, repr=False)


_RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in _RULES:
        raise ValueError(f"rule code {rule.code} registered twice")
    _RULES[rule.code] = rule
    return rule


def all_rules() -> list[Rule]:
    _load_builtin_rules()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule:
    _load_builtin_rules()
    for rule in _RULES.values():
        if code_or_name in (rule.code, rule.name, rule.category):
            return rule
    raise KeyError(code_or_name)


def _load_builtin_rules() -> None:
    """Import the modules that register the built-in rules (idempotent)."""
    import importlib
    import pkgutil

    import totudocs.lint.rules as rules_pkg

    for module in pkgutil.iter_modules(rules_pkg.__path__):
        importlib.import_module(f"{rules_pkg.__name__}.{module.name}")


def matching_codes(patterns: Iterable[str]) -> set[str]:
    """The rule codes that codes or prefixes (``FI10``, ``J``, ``ALL``) select, as ruff does.
    A pattern that selects no rule is an error naming it: a typo must not silently switch a
    check off."""
    codes = [rule.code for rule in all_rules()]
    selected: set[str] = set()
    for raw in patterns:
        pattern = raw.strip().upper()
        if not pattern:
            continue
        matched = codes if pattern == "ALL" else [c for c in codes if c.startswith(pattern)]
        if not matched:
            raise ValueError(f"unknown rule code or prefix {raw.strip()!r} (see `totudocs rules`)")
        selected.update(matched)
    return selected


def selected_codes(
    select: Iterable[str] | None, extend_select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[str] | None:
    """The rules to run: ``select`` (default: all), plus ``extend_select``, less ``ignore``;
    None when that is every rule."""
    select, extend_select, ignore = (
        list(select) if select is not None else None,
        list(extend_select),
        list(ignore),
    )
    if select is None and not extend_select and not ignore:
        return None
    chosen = matching_codes(select) if select is not None else {r.code for r in all_rules()}
    chosen |= matching_codes(extend_select)
    chosen -= matching_codes(ignore)
    return sorted(chosen)
