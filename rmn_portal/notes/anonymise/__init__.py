"""Offline anonymiser for short case notes (English, Serbian/Croatian/Bosnian
in Latin and Cyrillic script).

    >>> r = redact("Farshad (24) lives in Krnjača, tel. 064 123 4567.")
    >>> r.redacted
    '[NAME] [aged 18–24] lives in [PLACE: Belgrade region], tel. [PHONE].'

All rules run once on a *shadow* copy of the note (Cyrillic transliterated,
diacritics stripped, see :mod:`.shadow`); findings are mapped back to offsets
of the original string.  See docs/anonymiser.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import detectors as _d
from .names import find_names as _find_names
from .shadow import make_shadow

__all__ = [
    "KINDS",
    "Finding",
    "Redaction",
    "age_band",
    "detect_language",
    "find_personal_data",
    "redact",
]

KINDS = ("NAME", "PHONE", "EMAIL", "ID", "ADDRESS", "DATE", "URL", "HANDLE", "PLACE", "AGE")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str
    replacement: str


@dataclass(frozen=True)
class Redaction:
    redacted: str
    findings: list[Finding]


# --------------------------------------------------------------------------
# age bands
# --------------------------------------------------------------------------
def age_band(age: int) -> str:
    """Age band used by the notes feature: under 18, 18–24, 25–34, 35–49, 50+."""
    if age < 18:
        return "under 18"
    if age <= 24:
        return "18–24"
    if age <= 34:
        return "25–34"
    if age <= 49:
        return "35–49"
    return "50+"


_AGE_FORMS = {
    # band text -> (en, sr Latin, sr Cyrillic)
    "under 18": ("[aged under 18]", "[mlađe od 18 godina]", "[млађе од 18 година]"),
    "50+": ("[aged 50+]", "[50+ godina]", "[50+ година]"),
}


def _age_replacement(age: int, lang: str) -> str:
    band = age_band(age)
    default = (f"[aged {band}]", f"[{band} godina]", f"[{band} година]")
    en, sr, cyr = _AGE_FORMS.get(band, default)
    return {"en": en, "sr": sr, "sr-Cyrl": cyr}.get(lang, en)


# --------------------------------------------------------------------------
# language
# --------------------------------------------------------------------------
_RE_CYR = re.compile(r"[\u0400-\u04FF]")
_RE_LAT = re.compile(r"[A-Za-zčćšžđČĆŠŽĐ]")
_RE_SR_DIAC = re.compile(r"[čćšžđČĆŠŽĐ]")
_SR_WORDS = frozenset(
    {
        "je",
        "i",
        "u",
        "da",
        "se",
        "na",
        "su",
        "za",
        "od",
        "sa",
        "iz",
        "nije",
        "smo",
        "sam",
        "ali",
        "kao",
        "koji",
        "koja",
        "koje",
        "što",
        "sto",
        "ona",
        "on",
        "oni",
        "klijent",
        "klijentkinja",
        "godine",
        "godina",
        "zbog",
        "kod",
        "bio",
        "bila",
        "bilo",
        "ima",
        "nema",
        "treba",
        "prema",
        "dana",
        "jer",
        "kako",
        "samo",
        "još",
        "jos",
        "već",
        "vec",
        "posle",
        "nakon",
        "pre",
        "prije",
        "ovo",
        "tog",
        "toga",
        "njen",
        "njegov",
        "nju",
        "njega",
        "joj",
        "mu",
    }
)
_EN_WORDS = frozenset(
    {
        "the",
        "and",
        "is",
        "to",
        "of",
        "she",
        "he",
        "they",
        "was",
        "were",
        "has",
        "have",
        "had",
        "for",
        "with",
        "from",
        "that",
        "this",
        "on",
        "in",
        "at",
        "client",
        "her",
        "his",
        "their",
        "will",
        "would",
        "not",
        "but",
        "be",
        "been",
        "are",
        "an",
        "who",
        "which",
        "by",
        "as",
        "it",
    }
)


def detect_language(text: str) -> str:
    """Rough language guess: "sr-Cyrl", "sr" or "en"."""
    cyr = len(_RE_CYR.findall(text))
    lat = len(_RE_LAT.findall(text))
    if cyr and cyr >= lat:
        return "sr-Cyrl"
    words = re.findall(r"[a-zčćšžđ]+", text.lower())
    sr = sum(1 for w in words if w in _SR_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    if sr == en:
        return "sr" if _RE_SR_DIAC.search(text) else "en"
    return "sr" if sr > en else "en"


# --------------------------------------------------------------------------
# core
# --------------------------------------------------------------------------
_PLAIN = {
    "NAME": "[NAME]",
    "PHONE": "[PHONE]",
    "EMAIL": "[EMAIL]",
    "ID": "[ID]",
    "ADDRESS": "[ADDRESS]",
    "DATE": "[DATE]",
    "URL": "[URL]",
    "HANDLE": "[HANDLE]",
}


def _resolve(cands: list[_d.Cand]) -> list[_d.Cand]:
    """Pick non-overlapping candidates: higher priority, then longer, then earlier.

    An ADDRESS that strictly contains a DATE, AGE, PLACE or NAME candidate
    (streets named after dates or people: "Ulica 27. marta 33",
    "Kralja Petra 12") wins over it, unless a date sticks out of its end.
    """
    for c in cands:
        if c.kind == "ADDRESS" and c.prio < _d.P_DATE + 1:
            if any(
                o.kind == "DATE" and o.s < c.e and c.s < o.e and not (c.s <= o.s and o.e <= c.e)
                for o in cands
            ):
                continue  # its "house number" is the day of a date: "u Sjenici 20. ovog meseca"
            for o in cands:
                if (
                    o.kind in ("DATE", "AGE", "PLACE", "NAME")
                    and c.s <= o.s
                    and o.e <= c.e
                    and (o.e - o.s) < (c.e - c.s)
                ):
                    c.prio = _d.P_DATE + 1
                    break
    order = sorted(cands, key=lambda c: (-c.prio, -(c.e - c.s), c.s))
    chosen: list[_d.Cand] = []
    occupied: list[tuple[int, int]] = []
    for c in order:
        if c.e <= c.s:
            continue
        if any(c.s < b and a < c.e for a, b in occupied):
            # same kind overlapping: extend the chosen one if c sticks out
            for k in chosen:
                if (
                    k.kind == c.kind
                    and c.s < k.e
                    and k.s < c.e
                    and k.kind in ("NAME", "ADDRESS", "DATE", "ID")
                ):
                    ns, ne = min(k.s, c.s), max(k.e, c.e)
                    if not any(ns < b and a < ne for a, b in occupied if (a, b) != (k.s, k.e)):
                        occupied.remove((k.s, k.e))
                        k.s, k.e = ns, ne
                        occupied.append((ns, ne))
                    break
            continue
        chosen.append(_d.Cand(c.s, c.e, c.kind, c.prio, c.extra))
        occupied.append((c.s, c.e))
    chosen.sort(key=lambda c: c.s)
    return chosen


def _merge_adjacent(cands: list[_d.Cand], text: str) -> list[_d.Cand]:
    out: list[_d.Cand] = []
    for c in cands:
        if out:
            p = out[-1]
            gap = text[p.e : c.s]
            if (
                p.kind == c.kind
                and c.kind in ("NAME", "ADDRESS")
                and re.fullmatch(r"[ \t]{0,2}", gap)
            ):
                p.e = c.e
                continue
        out.append(c)
    return out


def _detect(text: str, lang: str | None) -> tuple[list[_d.Cand], object, str]:
    sh = make_shadow(text)
    if lang not in ("en", "sr", "sr-Cyrl"):
        lang = detect_language(text)
    cands: list[_d.Cand] = []
    _d.find_emails(sh, cands)
    _d.find_urls(sh, cands)
    _d.find_handles(sh, cands)
    _d.find_ids(sh, cands)
    _d.find_phones(sh, cands)
    _d.find_dates(sh, cands)
    _d.find_ages(sh, cands)
    _d.find_addresses(sh, cands)
    _d.find_places(sh, cands)
    resolved = _resolve(cands)
    name_cands: list[_d.Cand] = []
    _find_names(
        sh,
        lang,
        [(c.s, c.e) for c in resolved],
        name_cands,
        frozenset(c.s for c in resolved if c.kind == "AGE"),
    )
    resolved = _resolve(resolved + name_cands)
    ages = _d.ages_after_names(sh.text, resolved)
    if ages:
        resolved = _resolve(resolved + ages)
    resolved = _merge_adjacent(resolved, sh.text)
    return resolved, sh, lang


def _replacement(c: _d.Cand, lang: str) -> str:
    if c.kind == "AGE":
        return _age_replacement(int(c.extra), lang)  # type: ignore[arg-type]
    if c.kind == "PLACE":
        return f"[PLACE: {c.extra}]" if c.extra else "[PLACE]"
    return _PLAIN[c.kind]


def _findings(text: str, lang: str | None) -> list[Finding]:
    if not text:
        return []
    cands, sh, lang = _detect(text, lang)
    out: list[Finding] = []
    for c in cands:
        s, e = sh.to_original(c.s, c.e)  # type: ignore[attr-defined]
        if e <= s:
            continue
        rep = _replacement(c, lang)
        if c.kind == "DATE" and text[e - 1] == ".":
            rep += "."  # keep the ordinal / sentence dot of "12.03.2023." readable
        out.append(Finding(s, e, c.kind, text[s:e], rep))
    return out


def find_personal_data(text: str, lang: str | None = None) -> list[Finding]:
    """Return sorted, non-overlapping findings of personal data in ``text``."""
    return _findings(text, lang)


def _norm_spans(spans: Iterable[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    out = []
    for sp in spans:
        s, e = int(sp[0]), int(sp[1])
        s, e = max(0, min(s, n)), max(0, min(e, n))
        if e > s:
            out.append((s, e))
    return sorted(out)


def redact(
    text: str,
    lang: str | None = None,
    *,
    extra_spans: Iterable[tuple[int, int]] = (),
    ignore_spans: Iterable[tuple[int, int]] = (),
) -> Redaction:
    """Redact ``text``.

    ``ignore_spans``: ranges the author marked as "not personal data"; every
    finding overlapping one of them is dropped.
    ``extra_spans``: ranges the author additionally selected.  Each becomes a
    finding of kind NAME with replacement ``[REDACTED]`` (the author's choice
    is not second-guessed); automatic findings overlapping it are absorbed so
    the result stays non-overlapping.
    """
    n = len(text)
    ignore = _norm_spans(ignore_spans, n)
    extra = _norm_spans(extra_spans, n)
    found = [
        f for f in _findings(text, lang) if not any(f.start < b and a < f.end for a, b in ignore)
    ]
    # merge the author's extra spans (overlapping extras are united)
    merged: list[list[int]] = []
    for s, e in extra:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    for s, e in merged:
        # absorb overlapping automatic findings into the author's selection
        over = [f for f in found if f.start < e and s < f.end]
        if over:
            s = min([s] + [f.start for f in over])
            e = max([e] + [f.end for f in over])
            found = [f for f in found if f not in over]
        found.append(Finding(s, e, "NAME", text[s:e], "[REDACTED]"))
    found.sort(key=lambda f: (f.start, f.end))
    # a second pass keeps the list non-overlapping when absorbed spans chain
    final: list[Finding] = []
    for f in found:
        if final and f.start < final[-1].end:
            p = final[-1]
            s, e = p.start, max(p.end, f.end)
            final[-1] = Finding(s, e, "NAME", text[s:e], "[REDACTED]")
            continue
        final.append(f)
    parts: list[str] = []
    pos = 0
    for f in final:
        parts.append(text[pos : f.start])
        parts.append(f.replacement)
        pos = f.end
    parts.append(text[pos:])
    return Redaction("".join(parts), final)
