"""Scoring helpers shared by test_eval.py and bench/anonymise_bench.py."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from rmn_portal.notes.anonymise import KINDS, find_personal_data

DATA = Path(__file__).parent / "data"
EVAL_PATH = DATA / "eval_notes.jsonl"
CLEAN_PATH = DATA / "clean_sentences.txt"

# Kind pairs accepted as "found" in the lenient score only (see docs).
LENIENT = {("ADDRESS", "PLACE"), ("PLACE", "ADDRESS"), ("DATE", "AGE"), ("AGE", "DATE")}
_WORD = re.compile(r"\w+")


def load_eval(split: str | None = None) -> list[dict]:
    notes = [
        json.loads(line)
        for line in EVAL_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if split:
        notes = [n for n in notes if n["split"] == split]
    return notes


def load_clean() -> list[str]:
    lines = CLEAN_PATH.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def covered(span: dict, findings, kinds: set[str] | None, text: str) -> bool:
    """True when findings (of an accepted kind) cover every non-space char."""
    for i in range(span["start"], span["end"]):
        if text[i].isspace():
            continue
        if not any(f.start <= i < f.end and (kinds is None or f.kind in kinds) for f in findings):
            return False
    return True


def score(notes: list[dict]) -> dict:
    gold = defaultdict(int)
    hit = defaultdict(int)
    hit_lenient = defaultdict(int)
    hit_any = defaultdict(int)
    tp = defaultdict(int)
    fp = defaultdict(int)
    misses: list[tuple[str, str, str]] = []
    false_pos: list[tuple[str, str, str]] = []
    clean_words = clean_kept = 0
    for note in notes:
        text = note["text"]
        found = find_personal_data(text, note.get("lang"))
        for sp in note["spans"]:
            k = sp["kind"]
            gold[k] += 1
            if covered(sp, found, {k}, text):
                hit[k] += 1
            else:
                misses.append((note["id"], k, text[sp["start"] : sp["end"]]))
            if covered(sp, found, {k} | {b for a, b in LENIENT if a == k}, text):
                hit_lenient[k] += 1
            if covered(sp, found, None, text):
                hit_any[k] += 1
        for f in found:
            ok = any(
                f.start < sp["end"] and sp["start"] < f.end and sp["kind"] == f.kind
                for sp in note["spans"]
            )
            if ok:
                tp[f.kind] += 1
            else:
                fp[f.kind] += 1
                false_pos.append((note["id"], f.kind, f.text))
        if not note["spans"]:
            words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
            clean_words += len(words)
            clean_kept += sum(
                1 for s, e in words if not any(f.start < e and s < f.end for f in found)
            )
    res = {"kinds": {}, "misses": misses, "false_pos": false_pos}
    for k in KINDS:
        res["kinds"][k] = {
            "gold": gold[k],
            "recall": hit[k] / gold[k] if gold[k] else None,
            "recall_lenient": hit_lenient[k] / gold[k] if gold[k] else None,
            "recall_any_kind": hit_any[k] / gold[k] if gold[k] else None,
            "precision": tp[k] / (tp[k] + fp[k]) if (tp[k] + fp[k]) else None,
            "found": tp[k] + fp[k],
        }
    res["clean_word_retention"] = clean_kept / clean_words if clean_words else None
    return res


def clean_retention(sentences: list[str]) -> tuple[float, list[tuple[str, str]]]:
    total = kept = 0
    hits = []
    for s in sentences:
        found = find_personal_data(s)
        words = [(m.start(), m.end()) for m in _WORD.finditer(s)]
        total += len(words)
        kept += sum(1 for a, b in words if not any(f.start < b and a < f.end for f in found))
        hits.extend((f.kind, f.text) for f in found)
    return (kept / total if total else 1.0), hits
