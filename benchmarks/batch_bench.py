"""Batch benchmark: documents per second for naive one-at-a-time WeasyPrint, totudocs batch, and
Typst on an equivalent document (when the `typst` package is installed), measured in one run,
plus peak resident memory.

Run: python benchmarks/batch_bench.py [--n 400] [--naive 40] [--workers 0]
Figures only; nothing is asserted. "Naive" is the straightforward use of the library: render the
HTML, then one WeasyPrint HTML().write_pdf() per document with WeasyPrint's default font handling
(a subset of every font for every document), in one process. Also printed, on the same documents:
naive with the original (unprepared) font files, which is what rendering cost before the fonts
were prepared, and the single-document path of `totudocs render`.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from pathlib import Path

from weasyprint import HTML

from totudocs.batch import BatchOptions, run_batch
from totudocs.model import Decision
from totudocs.phrases.sandbox import format_day, format_eur
from totudocs.render.fonts import prepared_fonts
from totudocs.render.html import Renderer
from totudocs.render.pdf import PdfEngine, RestrictedFetcher, pdf_bytes, pdf_options
from totudocs.resources import font_files
from totudocs.synth import synth_cases


def naive(cases: list[Decision], original_fonts: bool = False) -> float:
    """One plain WeasyPrint write_pdf() per document, default font subsetting."""
    renderer = Renderer.create()
    documents = [renderer.render(case) for case in cases]
    if original_fonts:
        originals = font_files()
        for doc in documents:
            for name, path in prepared_fonts().items():
                doc.html = doc.html.replace(path.as_uri(), originals[name].as_uri())
    fetcher = RestrictedFetcher([renderer.templates, *{p.parent for p in font_files().values()},
                                 *{p.parent for p in prepared_fonts().values()}])
    started = time.perf_counter()
    for doc in documents:
        html = HTML(string=doc.html, base_url=str(renderer.templates) + "/", url_fetcher=fetcher)
        html.write_pdf(**{**pdf_options(doc), "full_fonts": False})
    return len(cases) / (time.perf_counter() - started)


def single(cases: list[Decision]) -> float:
    """`totudocs render`'s path, one document at a time: one pdf_bytes() per document (the
    process's engine keeps fonts and stylesheets, as a batch worker does)."""
    renderer = Renderer.create()
    started = time.perf_counter()
    for case in cases:
        pdf_bytes(renderer.render(case), renderer.templates)
    return len(cases) / (time.perf_counter() - started)


def layout_only(cases: list[Decision]) -> float:
    """WeasyPrint's layout alone (stylesheet and fonts shared, no PDF written): a ceiling for any
    WeasyPrint-based path on one core, since every document has to be laid out."""
    renderer = Renderer.create()
    documents = [renderer.render(case) for case in cases]
    engine = PdfEngine(renderer.templates)
    engine.layout(documents[0])  # set-up, as a batch worker does once
    started = time.perf_counter()
    for doc in documents:
        engine.layout(doc)
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


class TreeMemory:
    """Samples the resident memory of this process and all its descendants (Linux /proc) every
    half second in a thread, keeping the peak of the sum: the whole batch's footprint."""

    def __init__(self) -> None:
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _tree_rss_mib() -> float:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue  # the process ended meanwhile
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            parents[int(entry.name)] = int(fields["PPid"])
            rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
        tree, frontier = {os.getpid()}, [os.getpid()]
        while frontier:
            parent = frontier.pop()
            children = [pid for pid, ppid in parents.items() if ppid == parent]
            tree.update(children)
            frontier.extend(children)
        return sum(rss.get(pid, 0) for pid in tree) / 1024

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.peak_mib = max(self.peak_mib, self._tree_rss_mib())

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=400, help="documents for the batch run")
    parser.add_argument("--naive", type=int, default=40, help="documents for the naive run")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--batch-only", action="store_true",
                        help="only the batch runs and their memory (for long runs)")
    parser.add_argument("--lint-only", action="store_true",
                        help="only the batch with --lint and its memory (the 20,000-document run)")
    args = parser.parse_args()
    workers = args.workers or os.cpu_count() or 1
    prepared_fonts()  # built once per machine; not part of any figure

    # The batch runs first, so that the coordinator's memory holds nothing of the comparisons.
    sample_records = []
    with tempfile.TemporaryDirectory(prefix="totudocs-batch-") as tmp:
        source = Path(tmp) / "cases.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for record in synth_cases(args.n, seed=3):
                if len(sample_records) < args.naive:
                    sample_records.append(record)
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        if not args.lint_only:
            with TreeMemory() as memory:
                summary = run_batch(source, BatchOptions(output=Path(tmp) / "out",
                                                         workers=args.workers, chunk_size=20))
        # the same documents with --lint: each worker analyses what it rendered
        with TreeMemory() as lint_memory:
            linted = run_batch(source, BatchOptions(output=Path(tmp) / "out-lint",
                                                    workers=args.workers, chunk_size=20,
                                                    lint=True))
        pages = [json.loads(line)["pages"]
                 for line in (Path(tmp) / "out-lint" / "manifest.jsonl").read_text().splitlines()]
    lint_rate = linted.rendered / linted.seconds
    print(f"machine: {os.cpu_count()} cores; batch workers: {workers}")
    print(f"documents: {linted.rendered} rendered in {linted.seconds:.0f} s with --lint, "
          f"{sum(pages) / len(pages):.1f} pages on average; {linted.failed} failed")
    print(f"peak resident memory of the batch's process tree with --lint: "
          f"{lint_memory.peak_mib:.0f} MiB (target < 1536 MiB at 20,000 documents)")
    if args.lint_only:
        print(f"totudocs batch --lint:          {lint_rate:6.1f} docs/s")
        return
    batch_rate = summary.rendered / summary.seconds
    print(f"batch with --lint: {lint_rate:6.1f} docs/s = {lint_rate / batch_rate:.2f} x batch "
          "without (target >= 0.7)")
    print(f"peak resident memory of the batch's process tree without --lint: "
          f"{memory.peak_mib:.0f} MiB")
    if args.batch_only:
        print(f"totudocs batch:                 {batch_rate:6.1f} docs/s")
        return

    sample = [Decision.model_validate(r) for r in sample_records]
    naive_rate = naive(sample)
    original_rate = naive(sample, original_fonts=True)
    single_rate = single(sample)
    layout_rate = layout_only(sample)
    typst_docs = typst_rate(sample)
    print(f"naive one-at-a-time WeasyPrint: {naive_rate:6.1f} docs/s  ({args.naive} documents)")
    print(f"  same, original font files:    {original_rate:6.1f} docs/s  = "
          f"{original_rate / naive_rate:.1f}x naive")
    print(f"totudocs render, one at a time: {single_rate:6.1f} docs/s  = "
          f"{single_rate / naive_rate:.1f}x naive")
    print(f"totudocs batch:                 {batch_rate:6.1f} docs/s  = "
          f"{batch_rate / naive_rate:.1f}x naive (target >= 10x)")
    print(f"WeasyPrint layout alone, 1 core: {layout_rate:6.1f} docs/s; x {workers} cores = "
          f"{layout_rate * workers:.1f} docs/s = {layout_rate * workers / naive_rate:.1f}x naive "
          "(ceiling for any WeasyPrint batch here)")
    print(f"batch / layout ceiling: {batch_rate / (layout_rate * workers):.2f} (target >= 0.85)")
    if typst_docs:
        print(f"Typst, equivalent document:     {typst_docs:6.1f} docs/s  = "
              f"{typst_docs / naive_rate:.1f}x naive")
    else:
        print("Typst: not installed (pip install typst)")


if __name__ == "__main__":
    main()
