"""Validated case data: the first layer. Everything downstream receives these models."""

from totudocs.model.decision import Decision
from totudocs.model.loading import CaseDataError, Problem, load_decision

__all__ = ["CaseDataError", "Decision", "Problem", "load_decision"]
