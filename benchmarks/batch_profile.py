"""Where a batch worker's time goes, per document and stage, on one core: case validation,
HTML (template and phrases), WeasyPrint layout, PDF writing (with the structure finisher),
hashing, and the manifest line. Run: python benchmarks/batch_profile.py [--n 60]
Figures only; one process, the engine set up once as a worker does."""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict

from totudocs.model import Decision
from totudocs.render.html import Renderer
from totudocs.render.pdf import PdfEngine, finish_structure, pdf_options
from totudocs.synth import synth_cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=60)
    args = parser.parse_args()
    records = list(synth_cases(args.n, seed=5))
    renderer = Renderer.create()
    engine = PdfEngine(renderer.templates)
    engine.render(renderer.render(Decision.model_validate(records[0])))  # set-up, once
    spent: dict[str, float] = defaultdict(float)

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


if __name__ == "__main__":
    main()
