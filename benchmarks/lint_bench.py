"""Linter benchmark: prints cold start, warm latency (300 words) and throughput (10,000 words).

Run: python benchmarks/lint_bench.py [--runs 20]
Figures only; nothing is asserted (shared machines are noisy: compare figures from one run).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
REGISTERS = REPO / "corpus" / "readability" / "registers"


def _texts() -> list[str]:
    texts = []
    for path in sorted(REGISTERS.glob("*.yaml")):
        topic = yaml.safe_load(path.read_text(encoding="utf-8"))
        if topic.get("lang", "fi") == "fi":
            texts += [topic["plain"], topic["standard"], topic["officialese"]]
    return texts


def _words(text: str) -> int:
    return len(text.split())


def _build(target_words: int, texts: list[str]) -> str:
    parts, count, index = [], 0, 0
    while count < target_words:
        text = texts[index % len(texts)]
        parts.append(text)
        count += _words(text)
        index += 1
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    code = (
        "import time; t=time.perf_counter();"
        "from totudocs.reading import parse_text;"
        "from totudocs.lint.engine import LintContext, lint_document;"
        "lint_document(parse_text('Kela myöntää sinulle tukea.', 'x'), LintContext(), 'fi');"
        "print(time.perf_counter()-t)"
    )
    started = time.perf_counter()
    inner = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout)
    cold_total = time.perf_counter() - started

    from totudocs.lint.engine import LintContext, lint_document
    from totudocs.reading import parse_text
    from totudocs.reading.language import voikko_backend

    texts = _texts()
    statement = " ".join(_build(300, texts).split()[:300])
    context = LintContext()
    lint_document(parse_text(statement, "warmup"), context, "fi")  # load and warm the caches
    latencies = []
    for _ in range(args.runs):
        t = time.perf_counter()
        lint_document(parse_text(statement, "statement"), context, "fi")
        latencies.append(time.perf_counter() - t)

    big = _build(10_000, texts)
    t = time.perf_counter()
    result = lint_document(parse_text(big, "big"), context, "fi")
    elapsed = time.perf_counter() - t
    tokens = result.metrics["words"]

    print(f"voikko backend:                 {voikko_backend()}")
    print(f"cold start (process, 1 sentence): {cold_total:.2f} s (import + model load + lint "
          f"{inner:.2f} s)")
    print(f"warm latency, 300-word text:    median {1000 * statistics.median(latencies):.0f} ms, "
          f"p90 {1000 * sorted(latencies)[int(0.9 * len(latencies)) - 1]:.0f} ms "
          f"over {args.runs} runs (target < 150 ms)")
    print(f"throughput, {tokens}-word text:  {tokens / elapsed:,.0f} words/s ({elapsed:.2f} s, "
          f"{len(result.findings)} findings)")


if __name__ == "__main__":
    main()
