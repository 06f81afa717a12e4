"""Output formats for findings: human text, JSON, SARIF 2.1.0, GitHub annotations, JUnit XML."""

from totudocs.report.formats import FORMATS, render_report

__all__ = ["FORMATS", "render_report"]
