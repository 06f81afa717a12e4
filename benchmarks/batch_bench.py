"""Batch benchmark: documents per second for naive one-at-a-time WeasyPrint, totudocs batch, and
Typst on an equivalent document (when the `typst` package is installed), measured in one run,
plus peak resident memory.

Run: python benchmarks/batch_bench.py [--n 400] [--naive 40] [--workers 0]
Figures only; nothing is asserted. "Naive" is the straightforward use of the library: render the
HTML, then one WeasyPrint HTML().write_pdf() per document, in one process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from totudocs.batch import BatchOptions, run_batch
from totudocs.model import Decision
from totudocs.phrases.sandbox import format_day, format_eur
from totudocs.render.html import Renderer
from totudocs.render.pdf import pdf_bytes
from totudocs.synth import synth_cases


def naive(cases: list[Decision]) -> float:
    renderer = Renderer.create()
    started = time.perf_counter()
    for case in cases:
        pdf_bytes(renderer.render(case), renderer.templates)
    return len(cases) / (time.perf_counter() - started)


def typst_source(case: Decision) -> str:
    """An equivalent two-page decision in Typst: heading, outcome table, calculation, review."""
    lang = case.language
    rows = "".join(
        f"[{o.item}], [{format_eur(o.requested, lang)}], [{o.outcome}], "
        f"[{format_eur(o.amount, lang)}],"
        for o in case.outcomes)
    expenses = "".join(
        f'[{e.category}], [{format_eur(e.requested, lang)}], [{format_eur(e.accepted, lang)}],'
        for e in case.calculation.expenses)
    filler = " ".join(["Voit pyytää Kelaa muuttamaan päätöstä 30 päivän kuluessa."] * 60)
    footer = "context [Sivu #counter(page).display() / #counter(page).final().first()]"
    return f"""#set page(paper: "a4", footer: {footer})
#set text(lang: "{lang}", size: 11pt)
= Päätös perustoimeentulotuesta
{case.issuer.name} · {case.case_id} · {format_day(case.decision_date, lang)}

== Mitä päätimme
#table(columns: 4, [Haettu meno], [Haettu], [Päätös], [Myönnetty], {rows})
== Laskelma
#table(columns: 3, [Meno], [Haettu], [Hyväksytty], {expenses})
== Jos olet eri mieltä päätöksestä
{filler}
"""


def typst_rate(cases: list[Decision]) -> float | None:
    try:
        import typst
    except ImportError:
        return None
    started = time.perf_counter()
    for case in cases:
        typst.compile(typst_source(case).encode("utf-8"))
    return len(cases) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=400, help="documents for the batch run")
    parser.add_argument("--naive", type=int, default=40, help="documents for the naive run")
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()

    records = list(synth_cases(args.n, seed=3))
    sample = [Decision.model_validate(r) for r in records[: args.naive]]
    naive_rate = naive(sample)
    typst_docs = typst_rate(sample)
    with tempfile.TemporaryDirectory(prefix="totudocs-batch-") as tmp:
        source = Path(tmp) / "cases.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        summary = run_batch(source, BatchOptions(output=Path(tmp) / "out",
                                                 workers=args.workers, chunk_size=20))
        pages = [json.loads(line)["pages"]
                 for line in (Path(tmp) / "out" / "manifest.jsonl").read_text().splitlines()]
    batch_rate = summary.rendered / summary.seconds
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    workers = args.workers or os.cpu_count() or 1
    print(f"machine: {os.cpu_count()} cores; batch workers: {workers}")
    print(f"documents: {summary.rendered} rendered, {sum(pages) / len(pages):.1f} pages on average")
    print(f"naive one-at-a-time WeasyPrint: {naive_rate:6.1f} docs/s  ({args.naive} documents)")
    print(f"totudocs batch:                 {batch_rate:6.1f} docs/s  = "
          f"{batch_rate / naive_rate:.1f}x naive (target >= 10x)")
    if typst_docs:
        print(f"Typst, equivalent document:     {typst_docs:6.1f} docs/s  = "
              f"{typst_docs / naive_rate:.1f}x naive")
    else:
        print("Typst: not installed (pip install typst)")
    print(f"peak resident memory: coordinator {own:.0f} MiB, largest worker {child:.0f} MiB, "
          f"estimated total {own + workers * child:.0f} MiB "
          "(target < 1536 MiB at 20,000 documents)")


if __name__ == "__main__":
    main()
