"""Where a batch worker's time goes, per document and stage, on one core: case validation,
HTML (template and phrases), WeasyPrint layout, PDF writing (with the structure finisher),
hashing, and the manifest line; and inside PDF writing, WeasyPrint's own steps (painting the
pages into content streams, the PDF/UA structure tags, the font subsets, serialising and
compressing), timed by wrapping those functions for this run only.
Run: python benchmarks/batch_profile.py [--n 60]
Figures only; one process, the engine set up once as a worker does."""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pydyf
import weasyprint.document
import weasyprint.pdf

from totudocs.model import Decision
from totudocs.render.html import Renderer
from totudocs.render.pdf import PdfEngine, finish_structure, pdf_options
from totudocs.synth import synth_cases


def _time_inside(spent: dict[str, float], owner: Any, name: str, stage: str) -> None:
    """Replace ``owner.name`` by a wrapper that adds its time to ``spent[stage]``."""
    original: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - started

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args()
    records = list(synth_cases(args.n, seed=5))
    renderer = Renderer.create()
    engine = PdfEngine(renderer.templates)
    engine.render(renderer.render(Decision.model_validate(records[0])))  # set-up, once
    spent: dict[str, float] = defaultdict(float)
    inside: dict[str, float] = defaultdict(float)
    _time_inside(inside, weasyprint.document.Page, "paint", "painting pages")
    _time_inside(inside, weasyprint.pdf, "add_tags", "structure tags (PDF/UA)")
    _time_inside(inside, weasyprint.pdf, "build_fonts_dictionary", "fonts (subsetting)")
    _time_inside(inside, pydyf.PDF, "write", "serialising, compressing")

    def timed(stage: str, started: float) -> float:
        now = time.perf_counter()
        spent[stage] += now - started
        return now

    for record in records:
        clock = time.perf_counter()
        case = Decision.model_validate(record)
        clock = timed("validate case", clock)
        document = renderer.render(case)
        clock = timed("HTML (template, phrases)", clock)
        laid_out = engine.layout(document)
        clock = timed("layout (WeasyPrint)", clock)
        data = laid_out.write_pdf(finisher=finish_structure, **pdf_options(document))
        clock = timed("PDF writing", clock)
        digest = hashlib.sha256(data).hexdigest()
        clock = timed("hashing", clock)
        json.dumps({"case_id": case.case_id, "sha256": digest, "pages": len(laid_out.pages)})
        timed("manifest line", clock)
    total = sum(spent.values())
    print(f"{args.n} documents, {total / args.n * 1000:.0f} ms each on one core")
    for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {stage:26} {seconds / args.n * 1000:7.1f} ms  {seconds / total:6.1%}")
    writing = spent["PDF writing"]
    print("inside PDF writing:")
    for stage, seconds in sorted(inside.items(), key=lambda item: -item[1]):
        print(f"  {stage:26} {seconds / args.n * 1000:7.1f} ms  {seconds / writing:6.1%}")
    rest = writing - sum(inside.values())
    print(f"  {'the rest (finisher, etc.)':26} {rest / args.n * 1000:7.1f} ms  "
          f"{rest / writing:6.1%}")
    layout = spent["layout (WeasyPrint)"]
    print(f"layout / all stages: {layout / total:.2f}; with painting counted as layout "
          f"(every PDF needs it): {(layout + inside['painting pages']) / total:.2f}")


if __name__ == "__main__":
    main()
