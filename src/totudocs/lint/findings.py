"""The result types every check produces: one Finding per problem, one DocumentResult per input."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    """Ordered so that ``--fail-on`` can compare levels."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """One problem found in one document.

    Lines and columns are 1-based and refer to the file the user gave. ``category`` is the stable
    vocabulary other tools rely on (for example ``readability.sentence-length`` or
    ``justification.missing``); ``rule`` is the rule code (for example ``FI101``).
    """

    path: str
    rule: str
    category: str
    severity: Severity
    message: str
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    section: str | None = None
    suggestion: str | None = None
    snippet: str | None = None
    # the sentences judged: requirements, each met by a sentence or not met (justification)
    evidence: tuple[dict[str, Any], ...] = field(default=(), compare=False, hash=False)

    def __post_init__(self) -> None:
        # Findings quote documents, which hold henkilötunnukset; reports must not.
        from totudocs.model.hetu import mask_hetu

        for name in ("message", "suggestion", "snippet"):
            value = getattr(self, name)
            if value:
                object.__setattr__(self, name, mask_hetu(value))
        if self.evidence:
            object.__setattr__(self, "evidence", tuple(
                {k: mask_hetu(v) if isinstance(v, str) else v for k, v in item.items()}
                for item in self.evidence))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        data.pop("snippet")
        data["evidence"] = list(self.evidence)
        if not data["evidence"]:
            del data["evidence"]
        return data


@dataclass
class DocumentResult:
    """All findings and metrics for one input document."""

    path: str
    language: str
    findings: list[Finding] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    # each heading with the section role it was given and why (reading.model.Document.headings)
    headings: list[dict[str, Any]] = field(default_factory=list)
    # what the justification checks required and which sentence met each requirement
    requirements: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    notice: str | None = None  # why the document was not linted although it was read
