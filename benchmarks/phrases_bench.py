"""Phrase-gate benchmark: check a generated 1,000-phrase library (fi and sv), cold and cached.

Run: python benchmarks/phrases_bench.py [--phrases 1000]
Prints: time for a first check in a fresh process (model load included; target < 20 s), and for a
second check after changing one phrase, with the content-hash cache (target < 3 s).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

SECTIONS = ["outcome", "payments", "own-share", "next-steps", "review", "reduction", "housing-cap"]
SUBJECTS_FI = ["vuokran", "sähkölaskun", "lääkkeet", "hammashoidon", "muuton", "vuokravakuuden",
               "kotivakuutuksen", "vesimaksun", "silmälasit", "lasten harrastukset", "bussikortin",
               "puhelinlaskun", "sängyn", "patjan", "pesukoneen", "talvitakin"]
SUBJECTS_SV = ["hyran", "elräkningen", "läkemedlen", "tandvården", "flytten", "hyresgarantin",
               "hemförsäkringen", "vattenavgiften", "glasögonen", "barnens fritid", "busskortet",
               "telefonräkningen", "sängen", "madrassen", "tvättmaskinen", "vinterjackan"]
FRAMES = [
    ("Maksamme {s} {{{{ granted_total | eur }}}} {{{{ first_payment_date | day }}}}.",
     "Vi betalar {s} {{{{ granted_total | eur }}}} {{{{ first_payment_date | day }}}}."),
    ("Hyväksymme {s} laskelmaan, koska lähetit kuitin ajoissa.",
     "Vi godkänner {s} i beräkningen, eftersom du skickade kvittot i tid."),
    ("Lähetä meille kuitti, kun olet maksanut {s}.",
     "Skicka kvittot till oss när du har betalat {s}."),
    ("Jos et pysty maksamaan {s}, soita meille ennen eräpäivää.",
     "Om du inte kan betala {s}, ring oss före förfallodagen."),
    ("Otimme {s} huomioon {{{{ period.start | day }}}} alkaen.",
     "Vi beaktade {s} från och med {{{{ period.start | day }}}}."),
    ("Kysy neuvoa sosiaalityöntekijältä, jos {s} maksaminen on vaikeaa.",
     "Fråga socialarbetaren om råd om det är svårt att betala {s}."),
]
EXTRA_FI = ["Tarkistamme tilanteen kuukauden kuluttua.", "Voit kysyä lisää puhelimitse.",
            "Säilytä kuitit.", "Kerro meille muutoksista heti.", "Hae tukea ajoissa."]
EXTRA_SV = ["Vi kontrollerar situationen om en månad.", "Du kan fråga mer per telefon.",
            "Spara kvittona.", "Berätta genast om förändringar.", "Ansök om stöd i tid."]


def generate(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    phrases = []
    for index in range(count):
        frame = rng.randrange(len(FRAMES))
        subject = rng.randrange(len(SUBJECTS_FI))
        extra = rng.randrange(len(EXTRA_FI))
        fi, sv = FRAMES[frame]
        phrases.append({
            "id": f"generated.{index:04d}",
            "section": SECTIONS[index % len(SECTIONS)],
            "when": "kind == 'basic'",
            "fi": f"{fi.format(s=SUBJECTS_FI[subject])} {EXTRA_FI[extra]} Kohta {index}.",
            "sv": f"{sv.format(s=SUBJECTS_SV[subject])} {EXTRA_SV[extra]} Punkt {index}.",
        })
    return phrases


def run(root: Path, cache: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "totudocs", "phrases", "check", str(root), "--cache-dir", str(cache),
         "--fail-on", "never"],
        capture_output=True, text=True, check=True,
    )
    return time.perf_counter() - started, result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phrases", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="totudocs-bench-") as tmp:
        root, cache = Path(tmp) / "phrases", Path(tmp) / "cache"
        root.mkdir()
        (root / "_library.yaml").write_text("name: generated\nversion: '1'\n", encoding="utf-8")
        phrases = generate(args.phrases)
        (root / "generated.yaml").write_text(
            yaml.safe_dump({"phrases": phrases}, allow_unicode=True, sort_keys=False), "utf-8")
        first, summary = run(root, cache)
        phrases[len(phrases) // 2]["fi"] += " Tämä lause on uusi."
        (root / "generated.yaml").write_text(
            yaml.safe_dump({"phrases": phrases}, allow_unicode=True, sort_keys=False), "utf-8")
        second, _ = run(root, cache)
        unchanged, _ = run(root, cache)
    print(f"library: {args.phrases} phrases × fi, sv ({summary})")
    print(f"first check, fresh process, model load included: {first:.1f} s (target < 20 s)")
    print(f"second check after changing one phrase (cache):   {second:.1f} s (target < 3 s)")
    print(f"third check, nothing changed (cache):             {unchanged:.1f} s")


if __name__ == "__main__":
    main()
