"""Benchmark of the anonymiser: recall/precision per kind on the evaluation
set (dev, held-out, fresh, rounds 2 to 7), word retention on clean notes and on the
adversarial clean sentences, and single-core throughput on 5-sentence notes.

    python bench/anonymise_bench.py            # everything
    python bench/anonymise_bench.py --quick    # fewer throughput rounds
    python bench/anonymise_bench.py --no-speed --misses round2   # list errors of a split
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_api = importlib.import_module("rmn_portal.notes.anonymise")
_scoring = importlib.import_module("tests.notes.anonymise.scoring")
KINDS = _api.KINDS
redact = _api.redact
clean_retention = _scoring.clean_retention
load_clean = _scoring.load_clean
load_eval = _scoring.load_eval
score = _scoring.score


def fmt(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def report(title: str, notes: list[dict]) -> None:
    res = score(notes)
    print(f"\n== {title}: {len(notes)} notes ==")
    head = ("kind", "gold", "recall", "lenient", "anykind", "precis.", "found")
    print("{:8} {:>5} {:>7} {:>7} {:>7} {:>7} {:>6}".format(*head))
    for k in KINDS:
        r = res["kinds"][k]
        print(
            f"{k:8} {r['gold']:5d} {fmt(r['recall'])} {fmt(r['recall_lenient'])} "
            f"{fmt(r['recall_any_kind'])} {fmt(r['precision'])} {r['found']:6d}"
        )
    print(f"clean-note word retention: {fmt(res['clean_word_retention'])}")


def five_sentence_notes(notes: list[dict], n: int, stride: int = 7919) -> list[str]:
    """Build n notes of 5 sentences from the eval set's sentences (deterministic)."""
    sentences = []
    for note in notes:
        for s in note["text"].replace("? ", ". ").split(". "):
            if len(s) > 15:
                sentences.append(s.rstrip(".") + ".")
    k = len(sentences)
    return [" ".join(sentences[(i * 5 + j) * stride % k] for j in range(5)) for i in range(n)]


def _clear_caches() -> None:
    from rmn_portal.notes.anonymise import detectors, lexicon, names

    for fn in (
        lexicon.name_key,
        lexicon.candidate_bases,
        lexicon.is_blocked,
        lexicon.name_lookup,
        lexicon.place_stem,
        names._lookup,
        names._token_keys,
        detectors._phone_valid,
    ):
        fn.cache_clear()


def throughput(notes: list[str], rounds: int, cold: bool) -> tuple[float, float]:
    """Best (CPU-time, wall-clock) notes/s over ``rounds`` passes.

    CPU time (``time.process_time``) is what one core delivers even when the
    machine is shared; wall-clock time is printed too.  ``cold`` clears the
    word caches before each pass.
    """
    best_cpu = best_wall = 0.0
    for _ in range(rounds):
        if cold:
            _clear_caches()
        c0, w0 = time.process_time(), time.perf_counter()
        for t in notes:
            redact(t)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        best_cpu = max(best_cpu, len(notes) / cpu)
        best_wall = max(best_wall, len(notes) / wall)
    return best_cpu, best_wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument(
        "--misses", metavar="SPLIT", help="list misses and false positives of a split or 'all'"
    )
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    args = ap.parse_args()
    notes = load_eval()
    report("dev half", [n for n in notes if n["split"] == "dev"])
    report("held-out half", [n for n in notes if n["split"] == "holdout"])
    report("fresh notes (third batch)", [n for n in notes if n["split"] == "fresh"])
    for split, title in (
        ("round2", "round 2 (new styles)"),
        ("round3", "round 3 (new styles)"),
        ("round4", "round 4 (plain common styles + harder ones)"),
        ("round5", "round 5 (new authors' styles)"),
        ("round6", "round 6 (chats, forms, forwards; dates and ages)"),
        ("round7", "round 7 (SMS, referrals, lists, transcripts; written last)"),
    ):
        part = [n for n in notes if n["split"] == split]
        if part:
            report(title, part)
    report("all", notes)
    if args.misses:
        res = score(
            notes if args.misses == "all" else [n for n in notes if n["split"] == args.misses]
        )
        for nid, kind, text in res["misses"]:
            print(f"   MISS {nid:14} {kind:8} {text!r}")
        for nid, kind, text in res["false_pos"]:
            print(f"   FP   {nid:14} {kind:8} {text!r}")
    ratio, hits = clean_retention(load_clean())
    print(f"\nadversarial clean sentences: {len(load_clean())}, word retention {ratio:.4f}")
    for kind, text in hits:
        print(f"   over-redacted {kind}: {text!r}")
    if args.no_speed:
        return
    bench_notes = five_sentence_notes(notes, 1000)
    avg_len = sum(len(t) for t in bench_notes) / len(bench_notes)
    rounds = 1 if args.quick else 3
    cold_cpu, cold_wall = throughput(bench_notes, rounds, cold=True)
    warm_cpu, warm_wall = throughput(bench_notes, rounds, cold=False)
    print(f"\nthroughput on 1000 notes of 5 sentences (avg {avg_len:.0f} chars), one core:")
    print(f"  cold word caches: {cold_cpu:,.0f} notes per CPU-second ({cold_wall:,.0f}/s wall)")
    print(f"  warm word caches: {warm_cpu:,.0f} notes per CPU-second ({warm_wall:,.0f}/s wall)")


if __name__ == "__main__":
    main()
