"""A social-care statement to Kela (sosiaalihuollon lausunto, toimeentulotukilaki 15 §).

Three categories: circumstances affecting other basic expenses, factors affecting a reduction of
the basic amount, and urgency. Content fields may be empty while a social worker drafts: the
completeness checks (``statement.incomplete``) report what Kela still needs.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from totudocs.model.decision import (
    FieldError,
    Hetu,
    NonEmpty,
    Period,
    StatementCategory,
    StatementId,
    Strict,
)


class StatementClient(Strict):
    name: NonEmpty
    hetu: Hetu


class Organiser(Strict):
    name: NonEmpty = Field(description="The wellbeing services county (organiser, 703/2023 38 §)")
    unit: str = ""


class Author(Strict):
    name: NonEmpty
    title: NonEmpty = Field(description="e.g. sosiaalityöntekijä, sosiaaliohjaaja")
    phone: str | None = None


class Statement(Strict):
    """The statement as the social worker fills it in."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"title": "totudocs statement", "$id": "totudocs:statement:1"},
    )

    document: Literal["statement"] = "statement"
    case_id: StatementId
    language: Literal["fi", "sv"]
    category: StatementCategory
    client: StatementClient
    organiser: Organiser
    author: Author
    date: date
    expense_type: str = Field(default="", description="The expense type the law recognises")
    individual_need: str = ""
    circumstances: str = ""
    period: Period | None = None
    housing_costs: bool = Field(default=False, description="The statement concerns housing costs")
    housing_plan: str = Field(default="", description="Plan to change the housing situation")
    housing_timetable: date | None = None
    reduction_grounds: str = ""
    urgency_grounds: str = ""
    grounds: str = Field(default="", description="The social worker's assessment and proposal")
    client_heard: bool = False
    heard_date: date | None = None
    client_informed: bool = Field(default=False, description="Told what the statement contains")

    @model_validator(mode="after")
    def _dates(self) -> Statement:
        if self.heard_date and self.heard_date > self.date:
            raise FieldError("heard_date", "is after the statement date")
        return self
