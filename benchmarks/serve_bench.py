"""Drafting form benchmark: warm latency of one feedback update for a 300-word statement.

Run: python benchmarks/serve_bench.py [--runs 20]   (target: under 300 ms per update)
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from totudocs.serve.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        client = TestClient(create_app(Path(tmp)), base_url="http://127.0.0.1:8765")
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
        location = client.post("/drafts", data={"csrf": token, "category": "other_basic_expenses",
                                                "language": "fi"}, follow_redirects=False
                               ).headers["location"]
        sentences = ["Asiakas asuu yksin vuokra-asunnossa, jonka vuokra on 820 € kuukaudessa.",
                     "Hän tarvitsee halvemman asunnon, koska tulot eivät riitä vuokraan.",
                     "Muuttofirman tarjouksen mukaan muutto maksaa 350 € joulukuussa."]
        words, text = 0, []
        while words < 300:
            sentence = sentences[len(text) % 3]
            text.append(sentence)
            words += len(sentence.split())
        form = {"individual_need": " ".join(text), "grounds": "Ehdotan muuttokulujen hyväksymistä.",
                "client.name": "Mikko Virtanen", "client.hetu": "120487-934J"}
        client.post(location, data=form, headers={"X-CSRF-Token": token})  # warm up
        times = []
        for run in range(args.runs):
            form["grounds"] = f"Ehdotan muuttokulujen hyväksymistä ({run})."
            started = time.perf_counter()
            client.post(location, data=form, headers={"X-CSRF-Token": token})
            times.append(time.perf_counter() - started)
    print(f"feedback update, {words}-word statement, warm: median "
          f"{1000 * statistics.median(times):.0f} ms, max {1000 * max(times):.0f} ms "
          f"over {args.runs} runs (target < 300 ms)")


if __name__ == "__main__":
    main()
