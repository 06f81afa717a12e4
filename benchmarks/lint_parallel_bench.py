"""`totudocs lint` over many files: -j 2 against -j 1, measured in one run.

Run: python benchmarks/lint_parallel_bench.py [--files 40] [--words 1000]
Builds FILES text files of about WORDS words each from the register corpus (Finnish; every
sentence carries its file's number, so files share no sentence), lints the
folder with -j 1 and -j 2 (each run twice, the better kept), checks that both reports are the
same, and prints the times and their ratio. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lint_bench import _build, _texts


def _run(folder: Path, jobs: int) -> tuple[float, str]:
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "totudocs", "lint", str(folder), "-j", str(jobs), "--format",
         "json", "--fail-on", "never"],
        capture_output=True, text=True, check=True,
    )
    return time.perf_counter() - started, run.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    texts = _texts()
    with tempfile.TemporaryDirectory(prefix="totudocs-lint-bench-") as tmp:
        folder = Path(tmp)
        for number in range(args.files):
            rotated = texts[number % len(texts):] + texts[: number % len(texts)]
            # a file number in every sentence: no two files share a sentence, so the analysis
            # cache (per sentence text) does not make the comparison about start-up alone
            text = re.sub(r"([.!?])(\s)", rf" {number + 2}\1\2", _build(args.words, rotated))
            (folder / f"doc{number:03d}.txt").write_text(text, "utf-8")
        words = sum(len(p.read_text("utf-8").split()) for p in folder.glob("*.txt"))
        timings = {}
        reports = {}
        for jobs in (1, 2):
            best = min(_run(folder, jobs) for _ in range(2))
            timings[jobs], reports[jobs] = best
        same = reports[1] == reports[2]
        print(f"{args.files} files, {words} words")
        print(f"lint -j 1: {timings[1]:.2f} s ({words / timings[1]:.0f} words/s)")
        print(f"lint -j 2: {timings[2]:.2f} s ({words / timings[2]:.0f} words/s)")
        print(f"ratio -j 2 / -j 1 (speed-up): {timings[1] / timings[2]:.2f}x; same report: {same}")


if __name__ == "__main__":
    main()
