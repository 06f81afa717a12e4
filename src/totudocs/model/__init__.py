"""Validated case data: the first layer. Everything downstream receives these models."""

from totudocs.model.decision import Decision
from totudocs.model.loading import CaseDataError, Problem, load_case, load_decision
from totudocs.model.statement import Statement

__all__ = ["CaseDataError", "Decision", "Problem", "Statement", "load_case", "load_decision"]
