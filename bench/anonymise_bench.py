"""Benchmark of the anonymiser: recall/precision per kind on the evaluation
set (dev and held-out halves), word retention on clean notes and on the
adversarial clean sentences, and single-core throughput on 5-sentence notes.

    python bench/anonymise_bench.py            # everything
    python bench/anonymise_bench.py --quick    # fewer throughput rounds
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rmn_portal.notes.anonymise import KINDS, redact  # noqa: E402
from tests.notes.anonymise.scoring import clean_retention, load_clean, load_eval, score  # noqa: E402


def fmt(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def report(title: str, notes: list[dict]) -> None:
    res = score(notes)
    print(f"\n== {title}: {len(notes)} notes ==")
    print(f"{'kind':8} {'gold':>5} {'recall':>7} {'lenient':>7} {'anykind':>7} {'precis.':>7} {'found':>6}")
    for k in KINDS:
        r = res["kinds"][k]
        print(f"{k:8} {r['gold']:5d} {fmt(r['recall'])} {fmt(r['recall_lenient'])} "
              f"{fmt(r['recall_any_kind'])} {fmt(r['precision'])} {r['found']:6d}")
    print(f"clean-note word retention: {fmt(res['clean_word_retention'])}")


def five_sentence_notes(notes: list[dict], n: int, seed: int = 7) -> list[str]:
    """Build n notes of 5 sentences by sampling sentences of the eval set."""
    rnd = random.Random(seed)
    sentences = []
    for note in notes:
        for s in note["text"].replace("? ", ". ").split(". "):
            if len(s) > 15:
                sentences.append(s.rstrip(".") + ".")
    return [" ".join(rnd.choice(sentences) for _ in range(5)) for _ in range(n)]


def throughput(notes: list[str], rounds: int) -> float:
    for t in notes[:20]:
        redact(t)  # warm-up (lazy caches)
    best = 0.0
    for _ in range(rounds):
        t0 = time.perf_counter()
        for t in notes:
            redact(t)
        dt = time.perf_counter() - t0
        best = max(best, len(notes) / dt)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    notes = load_eval()
    report("dev half", [n for n in notes if n["split"] == "dev"])
    report("held-out half", [n for n in notes if n["split"] == "holdout"])
    report("all", notes)
    ratio, hits = clean_retention(load_clean())
    print(f"\nadversarial clean sentences: {len(load_clean())}, word retention {ratio:.4f}")
    for kind, text in hits:
        print(f"   over-redacted {kind}: {text!r}")
    bench_notes = five_sentence_notes(notes, 1000)
    avg_len = sum(len(t) for t in bench_notes) / len(bench_notes)
    rate = throughput(bench_notes, 1 if args.quick else 3)
    print(f"\nthroughput: {rate:,.0f} notes/s (5-sentence notes, avg {avg_len:.0f} chars, single core)")


if __name__ == "__main__":
    main()
