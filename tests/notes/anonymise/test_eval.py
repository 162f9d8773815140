"""Hold the line on the whole labelled evaluation set: dev, held-out, fresh and
rounds 2 to 7 (851 fictional notes, see docs/anonymiser.md)."""

from __future__ import annotations

import pytest

from .scoring import clean_retention, load_clean, load_eval, score

THRESHOLDS = {
    "PHONE": 0.98,
    "EMAIL": 0.98,
    "URL": 0.98,
    "HANDLE": 0.98,
    "ID": 0.98,
    "DATE": 0.95,
    "AGE": 0.95,
    "ADDRESS": 0.95,
    "NAME": 0.90,
    "PLACE": 0.90,
}


@pytest.fixture(scope="module")
def result():
    return score(load_eval())


def test_eval_set_shape():
    notes = load_eval()
    assert len(notes) >= 150
    langs = {n["lang"] for n in notes}
    assert langs == {"en", "sr", "sr-Cyrl"}
    for lang in langs:
        share = sum(1 for n in notes if n["lang"] == lang) / len(notes)
        assert 0.25 <= share <= 0.40
    clean = sum(1 for n in notes if not n["spans"]) / len(notes)
    assert clean >= 0.12
    for n in notes:
        for sp in n["spans"]:
            assert 0 <= sp["start"] < sp["end"] <= len(n["text"])


@pytest.mark.parametrize("kind", sorted(THRESHOLDS))
def test_recall_per_kind(result, kind):
    r = result["kinds"][kind]
    assert r["gold"] > 0
    missed = [m for m in result["misses"] if m[1] == kind]
    assert r["recall"] >= THRESHOLDS[kind], (kind, r["recall"], missed)


def test_clean_notes_keep_words(result):
    assert result["clean_word_retention"] >= 0.97


def test_adversarial_clean_sentences_keep_words():
    ratio, hits = clean_retention(load_clean())
    assert ratio >= 0.97, hits
