"""Lint time and memory against input size: texts of 0.25, 0.5 and 1 MB, with and without
sentence breaks, each linted in a fresh process. Prints seconds per MB; linear time means the
per-MB figures stay level as the size doubles (start-up is included, so small inputs cost a
little more per MB). Run: python benchmarks/lint_scaling_bench.py"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "Kela", "myöntää", "sinulle", "perustoimeentulotukea", "joulukuulle", "koska", "tulosi",
    "eivät", "riitä", "menoihin", "vuokra", "sähkö", "hyväksymme", "laskun", "ja", "maksamme",
    "tuen", "tilillesi",
)


def text(size: int, breaks: bool) -> str:
    rng = random.Random(1)
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(12))
        sentence = sentence[0].upper() + sentence[1:] + ("." if breaks else "")
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def run(path: Path) -> tuple[float, float]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "totudocs", "lint", "--exit-zero", "--statistics",
                    str(path)], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - started, max(before, after) / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for breaks in (True, False):
            label = "with sentence breaks" if breaks else "no sentence breaks"
            for megabytes in (0.25, 0.5, 1.0):
                path = Path(folder) / f"text-{megabytes}-{breaks}.txt"
                path.write_text(text(int(megabytes * 1_000_000), breaks), encoding="utf-8")
                seconds, peak = run(path)
                print(f"{label:21} {megabytes:4.2f} MB: {seconds:6.1f} s "
                      f"({seconds / megabytes:5.1f} s/MB), peak {peak:6.0f} MiB")


if __name__ == "__main__":
    main()
