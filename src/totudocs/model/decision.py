"""Validated case data for social assistance decisions.

The model checks structure and consistency (types, dates in order, amounts that add up, a valid
henkilötunnus). It deliberately accepts *content* defects such as an empty justification: those are
for the justification checks to report, so that a defective case can still be rendered and linted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from totudocs.model.hetu import contains_hetu, validate_hetu

Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
"""A non-negative amount in euros with at most two decimals."""
SignedMoney = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]
Hetu = Annotated[
    str,
    AfterValidator(validate_hetu),
    # For editors and other systems: the shape only (the model also checks the date and the
    # check character).
    Field(json_schema_extra={"pattern": r"^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]$"}),
]
NonEmpty = Annotated[str, Field(min_length=1)]


def _not_a_hetu(value: str) -> str:
    # A case id becomes a file name, a manifest key and part of every message: it must not be
    # (or contain) the client's henkilötunnus. The message does not echo the value.
    if contains_hetu(value):
        raise ValueError("a case id must not contain a henkilötunnus; use the case number")
    if any(not character.isprintable() for character in value):
        raise ValueError("a case id must not contain control characters")
    return value


CaseId = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$"), AfterValidator(_not_a_hetu)
]
"""A decision's case number: also the name of its output files (see totudocs.files)."""
StatementId = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(_not_a_hetu)]

DecisionKind = Literal["basic", "supplementary", "preventive"]
Language = Literal["fi", "sv"]
AgeGroup = Literal["child", "youth", "adult", "senior"]
Relation = Literal["applicant", "spouse", "child", "other"]
ExpenseCategory = Literal[
    "basic_amount",
    "rent",
    "maintenance_charge",
    "water",
    "electricity",
    "home_insurance",
    "heating",
    "medicine",
    "healthcare",
    "rent_deposit",
    "moving",
    "furniture",
    "children_hobbies",
    "debt",
    "other",
]
StatementCategory = Literal["other_basic_expenses", "basic_amount_reduction", "urgency"]
Followed = Literal["followed", "partly", "not_followed"]
OutcomeKind = Literal["granted", "partly", "denied"]
PayeeKind = Literal["client", "landlord", "energy_company", "pharmacy", "other"]


class FieldError(ValueError):
    """A cross-field error that knows which field (relative to its model) it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class ContactPerson(Strict):
    name: NonEmpty
    title: NonEmpty
    phone: str | None = None
    email: str | None = None


class DecisionMaker(Strict):
    """The official who made the decision (HL 44 §): named in every decision a person made."""

    name: NonEmpty
    title: NonEmpty = Field(description="e.g. etuuskäsittelijä, sosiaalityöntekijä")


class Issuer(Strict):
    type: Literal["kela", "county"]
    name: NonEmpty = Field(description="Authority, e.g. 'Kela' or 'Pirkanmaan hyvinvointialue'")
    unit: NonEmpty = Field(description="Deciding unit or office")
    address: str | None = None
    phone: str | None = None
    review_body: str | None = Field(
        default=None,
        description="County decisions: the body that decides a request for review "
        "(Sosiaalihuoltolaki 50 §), e.g. the county's social and health committee division",
    )
    contact: ContactPerson | None = Field(
        default=None, description="Required unless the decision is automated (HL 44 §, 53 g §)"
    )


class Person(Strict):
    name: NonEmpty
    hetu: Hetu
    age_group: AgeGroup
    relation: Relation = "applicant"


class MailingAddress(Strict):
    """Where the letter goes: printed in the window of a C5 or C4 envelope (see the template)."""

    lines: list[NonEmpty] = Field(
        min_length=1, max_length=3, description="Street address, c/o or P.O. box, one per line"
    )
    postal_code: Annotated[str, Field(pattern=r"^[0-9]{5}$")]
    city: NonEmpty


class Period(Strict):
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise FieldError("end", "is before start")
        return self


class ExpenseRow(Strict):
    category: ExpenseCategory
    description: str = ""
    requested: Money
    accepted: Money


class IncomeRow(Strict):
    source: NonEmpty
    amount: Money


class AssetRow(Strict):
    description: NonEmpty
    amount: Money


class Calculation(Strict):
    """TTL 13 §: accepted expenses minus income and usable assets. ``result`` > 0 is the support."""

    expenses: list[ExpenseRow] = Field(default_factory=list)
    incomes: list[IncomeRow] = Field(default_factory=list)
    assets: list[AssetRow] = Field(default_factory=list)
    result: SignedMoney

    @property
    def accepted_total(self) -> Decimal:
        return sum((row.accepted for row in self.expenses), Decimal("0"))

    @property
    def requested_total(self) -> Decimal:
        return sum((row.requested for row in self.expenses), Decimal("0"))

    @property
    def income_total(self) -> Decimal:
        return sum((row.amount for row in self.incomes), Decimal("0"))

    @property
    def asset_total(self) -> Decimal:
        return sum((row.amount for row in self.assets), Decimal("0"))

    @property
    def computed_result(self) -> Decimal:
        return self.accepted_total - self.income_total - self.asset_total

    @model_validator(mode="after")
    def _result_matches_rows(self) -> Calculation:
        if self.computed_result != self.result:
            raise FieldError(
                "result",
                f"{self.result} does not match the rows: accepted expenses "
                f"{self.accepted_total} - income {self.income_total} - assets {self.asset_total} "
                f"= {self.computed_result}",
            )
        return self


class Outcome(Strict):
    item: NonEmpty = Field(description="What was claimed, in the client's words where possible")
    category: ExpenseCategory
    requested: Money
    outcome: OutcomeKind
    amount: Money
    discretion: str | None = Field(default=None, description="id of the discretion item behind it")

    @model_validator(mode="after")
    def _amount_fits_outcome(self) -> Outcome:
        if self.outcome == "denied" and self.amount != 0:
            raise FieldError("amount", "a denied item must have amount 0")
        if self.outcome == "granted" and self.amount != self.requested:
            raise FieldError(
                "amount", "a granted item must have amount equal to requested (use 'partly')"
            )
        if self.outcome == "partly" and not (0 < self.amount < self.requested):
            raise FieldError("amount", "a partly granted item needs 0 < amount < requested")
        return self


class DiscretionItem(Strict):
    id: NonEmpty
    item: NonEmpty = Field(description="What the discretion concerned")
    decided: NonEmpty = Field(description="What was decided")
    facts: list[str] = Field(default_factory=list, description="Facts and evidence considered")
    provisions: list[str] = Field(default_factory=list, description="Provisions applied")
    justification: str = Field(default="", description="Why, in words the client understands")


class StatementReceived(Strict):
    id: NonEmpty
    issuer: NonEmpty = Field(description="Organisation that gave the statement")
    author_title: str | None = None
    date: date
    category: StatementCategory
    summary: str = Field(default="", description="What the statement proposed")
    followed: Followed
    reasons: str = Field(default="", description="How it was taken into account and why")


class Attachment(Strict):
    name: NonEmpty
    received: date
    considered: bool
    how: str = Field(default="", description="How it affected the decision")


class Payment(Strict):
    payee: PayeeKind
    payee_name: str | None = None
    purpose: NonEmpty
    amount: Money
    date: date


class OwnShare(Strict):
    """A bill the client must pay themselves (the seeds: omitting this leads to debt)."""

    bill: NonEmpty
    amount: Money
    due_date: date | None = None


class HousingCap(Strict):
    """TTL 7 a §: housing costs above the municipality's norm."""

    actual_amount: Money
    norm_amount: Money | None = None
    deadline: date | None = Field(default=None, description="When the cap starts (about 3 months)")
    special_grounds_considered: list[str] = Field(default_factory=list)
    assessment: str = ""


class Reduction(Strict):
    """TTL 10 §: reduced basic amount."""

    percent: int | None = Field(default=None, ge=1, le=40)
    start: date | None = None
    end: date | None = None
    hearing_date: date | None = None
    client_explanation: str = ""
    reasonableness: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Reduction:
        if self.start and self.end and self.end < self.start:
            raise FieldError("end", "is before start")
        return self


class Decision(Strict):
    """A social assistance decision: basic (Kela), supplementary or preventive (county)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"title": "totudocs decision", "$id": "totudocs:decision:1"},
    )

    case_id: CaseId
    kind: DecisionKind
    language: Language
    issuer: Issuer
    decision_maker: DecisionMaker | None = Field(
        default=None,
        description="Who made the decision (HL 44 §; the Deputy Ombudsman 2025 on Kela's "
        "decisions); required unless the decision is automated",
    )
    mailing_address: MailingAddress | None = Field(
        default=None,
        description="The applicant's postal address, printed for a window envelope; leave out "
        "when the address is protected",
    )
    address_protected: bool = Field(
        default=False,
        description="Address protection (turvakielto): no address is printed and the letter "
        "says how it is delivered",
    )
    decision_date: date
    application_received: date
    applicant: Person
    household: list[Person] = Field(default_factory=list, description="Other household members")
    period: Period
    calculation: Calculation
    outcomes: list[Outcome] = Field(min_length=1)
    discretion: list[DiscretionItem] = Field(default_factory=list)
    statements: list[StatementReceived] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    payments: list[Payment] = Field(default_factory=list)
    own_share: list[OwnShare] = Field(default_factory=list)
    housing_cap: HousingCap | None = None
    reduction: Reduction | None = None
    next_steps: list[str] = Field(default_factory=list)
    urgent: bool = False
    automated: bool = False
    human_assessment: str | None = Field(
        default=None,
        description="Automated decisions with discretion: the recorded human assessment",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Decision:
        expected_issuer = "kela" if self.kind == "basic" else "county"
        if self.issuer.type != expected_issuer:
            raise FieldError(
                "issuer.type", f"a {self.kind} decision is issued by {expected_issuer!r}"
            )
        if self.issuer.contact is None and not self.automated:
            raise FieldError("issuer.contact", "required unless the decision is automated")
        if self.decision_maker is None and not self.automated:
            raise FieldError("decision_maker", "required unless the decision is automated")
        if self.address_protected and self.mailing_address is not None:
            raise FieldError(
                "mailing_address",
                "must be left out when the address is protected (turvakielto): the case data "
                "is attached to the PDF and would disclose it",
            )
        if self.decision_maker is not None and self.automated:
            raise FieldError(
                "decision_maker",
                "an automated decision has no decision-maker (it says it is automated instead)",
            )
        if self.application_received > self.decision_date:
            raise FieldError("application_received", "is after decision_date")
        ids = [item.id for item in self.discretion]
        if len(ids) != len(set(ids)):
            raise FieldError("discretion", "ids are not unique")
        for index, outcome in enumerate(self.outcomes):
            if outcome.discretion and outcome.discretion not in ids:
                raise FieldError(
                    f"outcomes.{index}.discretion",
                    "refers to a discretion id that no discretion entry has",
                )
        expected_total = max(self.calculation.result, Decimal("0"))
        if self.granted_total != expected_total:
            raise FieldError(
                "outcomes",
                f"granted amounts add up to {self.granted_total} but the calculation gives "
                f"{expected_total}",
            )
        for index, statement in enumerate(self.statements):
            if statement.date > self.decision_date:
                raise FieldError(f"statements.{index}.date", "is after decision_date")
        for index, attachment in enumerate(self.attachments):
            if attachment.received > self.decision_date:
                raise FieldError(f"attachments.{index}.received", "is after decision_date")
        hearing = self.reduction.hearing_date if self.reduction else None
        if hearing and hearing > self.decision_date:
            raise FieldError("reduction.hearing_date", "is after decision_date")
        return self

    # Facts derived for templates and phrase conditions -------------------------------------
    @property
    def granted_total(self) -> Decimal:
        return sum((o.amount for o in self.outcomes), Decimal("0"))

    @property
    def has_denials(self) -> bool:
        return any(o.outcome != "granted" for o in self.outcomes)

    @property
    def first_payment_date(self) -> date | None:
        return min((p.date for p in self.payments), default=None)
