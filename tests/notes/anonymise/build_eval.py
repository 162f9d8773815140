"""Build the labelled evaluation set ``data/eval_notes.jsonl``.

All notes are FICTIONAL.  They are written with inline markup
``[[K:text]]`` where K is one of

    N NAME   T PHONE   E EMAIL   I ID   A ADDRESS   D DATE
    U URL    H HANDLE  P PLACE   G AGE

The notes live in ``data/eval_source.txt``.  The markup is stripped and the
gold spans are recorded with offsets into the clean text.  Notes of the
``sr-Cyrl`` section are written in Serbian Latin and
transliterated to Serbian Cyrillic here (except inside PHONE, EMAIL, ID, URL
and HANDLE spans, which stay as written), so about a third of the set is in
Cyrillic script.

Each note gets a ``split``: "dev" or "holdout" (every other note of each
language, decided by position, so the split does not depend on content).  The
rules were developed against "dev" only; "holdout" was scored at the end.  The
sections ``<lang>-fresh`` form the split "fresh": notes written after the
held-out half had been scored and the rules adjusted, scored once at the end.

Later rounds live in their own files (``data/eval_source_round2.txt`` to
``data/eval_source_round7.txt``); every note of such a file gets the file's
split ("round2" ... "round7").  They were written in deliberately different
styles and each was scored once before any rule was changed because of it.
Two extra conventions are used there:

* ``{{...}}`` keeps its content exactly as written (no transliteration), so a
  Cyrillic note can contain a Latin name: ``[[N:{{Kateryna}}]]``;
* the two characters ``\\n`` stand for a line break (bullet-like notes).

Run:  python tests/notes/anonymise/build_eval.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

KIND = {
    "N": "NAME",
    "T": "PHONE",
    "E": "EMAIL",
    "I": "ID",
    "A": "ADDRESS",
    "D": "DATE",
    "U": "URL",
    "H": "HANDLE",
    "P": "PLACE",
    "G": "AGE",
}
KEEP_LATIN = {"T", "E", "I", "U", "H"}

DATA = Path(__file__).parent / "data"
SOURCE = DATA / "eval_source.txt"
# (file, split): split None means the dev/holdout/fresh scheme of the first file.
SOURCES = (
    (SOURCE, None),
    (DATA / "eval_source_round2.txt", "round2"),
    (DATA / "eval_source_round3.txt", "round3"),
    (DATA / "eval_source_round4.txt", "round4"),
    (DATA / "eval_source_round5.txt", "round5"),
    (DATA / "eval_source_round6.txt", "round6"),
    (DATA / "eval_source_round7.txt", "round7"),
)


# --------------------------------------------------------------------------
_LAT2CYR_DI = {
    "lj": "љ",
    "Lj": "Љ",
    "LJ": "Љ",
    "nj": "њ",
    "Nj": "Њ",
    "NJ": "Њ",
    "dž": "џ",
    "Dž": "Џ",
    "DŽ": "Џ",
}
_LAT2CYR = dict(
    zip(
        "abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ",
        "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ",
        strict=True,
    )
)


def to_cyrillic(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        two = text[i : i + 2]
        if two in _LAT2CYR_DI:
            out.append(_LAT2CYR_DI[two])
            i += 2
            continue
        out.append(_LAT2CYR.get(text[i], text[i]))
        i += 1
    return "".join(out)


RE_MARK = re.compile(r"\[\[([NTEIADUHPG]):(.+?)\]\]")
RE_VERBATIM = re.compile(r"\{\{(.+?)\}\}")


def _convert(text: str, cyrillic: bool) -> str:
    """Transliterate (when ``cyrillic``) except inside ``{{...}}``; drop the braces."""
    out = []
    pos = 0
    for m in RE_VERBATIM.finditer(text):
        out.append(to_cyrillic(text[pos : m.start()]) if cyrillic else text[pos : m.start()])
        out.append(m.group(1))
        pos = m.end()
    out.append(to_cyrillic(text[pos:]) if cyrillic else text[pos:])
    return "".join(out)


def parse(marked: str, cyrillic: bool = False) -> tuple[str, list[dict]]:
    marked = marked.replace("\\n", "\n")
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in RE_MARK.finditer(marked):
        plain = _convert(marked[pos : m.start()], cyrillic)
        out.append(plain)
        length += len(plain)
        k, body = m.group(1), m.group(2)
        body = _convert(body, cyrillic and k not in KEEP_LATIN)
        spans.append({"start": length, "end": length + len(body), "kind": KIND[k]})
        out.append(body)
        length += len(body)
        pos = m.end()
    out.append(_convert(marked[pos:], cyrillic))
    return "".join(out), spans


def read_source(path: Path = SOURCE) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = []
        elif line and not line.startswith("#") and current is not None:
            sections[current].append(line)
    return sections


def build() -> list[dict]:
    notes = []
    for path, round_split in SOURCES:
        if path.exists():
            notes.extend(_build_file(path, round_split))
    return notes


def _build_file(path: Path, round_split: str | None) -> list[dict]:
    notes = []
    for name, lines in read_source(path).items():
        fresh = name.endswith("-fresh")
        lang = name.removesuffix("-fresh")
        for i, line in enumerate(lines):
            text, spans = parse(line, cyrillic=lang == "sr-Cyrl")
            for sp in spans:
                assert text[sp["start"] : sp["end"]].strip() == text[sp["start"] : sp["end"]], line
            if round_split:
                tag = round_split.removeprefix("round")
                split, nid = round_split, f"{lang}-r{tag}-{i + 1:03d}"
            elif fresh:
                split, nid = "fresh", f"{lang}-f{i + 1:03d}"
            else:
                split, nid = ("dev" if i % 2 == 0 else "holdout"), f"{lang}-{i + 1:03d}"
            notes.append({"id": nid, "lang": lang, "split": split, "text": text, "spans": spans})
    return notes


def main() -> None:
    path = Path(__file__).parent / "data" / "eval_notes.jsonl"
    notes = build()
    with path.open("w", encoding="utf-8") as fh:
        for n in notes:
            fh.write(json.dumps(n, ensure_ascii=False) + "\n")
    print(f"wrote {len(notes)} notes to {path}")


if __name__ == "__main__":
    main()
