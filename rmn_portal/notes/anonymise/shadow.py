"""Shadow text: one ASCII-ish Latin rendering of a note, with an offset map.

Every detector runs once on the *shadow* of a note instead of the original:

* Serbian / Macedonian / Russian / Ukrainian Cyrillic is transliterated to
  Latin (``Љ`` -> ``Lj``, ``Њ`` -> ``Nj``, ``Џ`` -> ``Dž`` -> ``Dz``,
  ``Ђ`` -> ``Đ`` -> ``Dj``, ...);
* diacritics are stripped (``đ`` -> ``dj``, ``č``/``ć`` -> ``c``,
  ``š`` -> ``s``, ``ž`` -> ``z``, ``ë`` -> ``e``, ...);
* case is kept (``lower`` gives a case-folded copy of the same length), so
  capitalisation cues still work.

One original character may become zero, one or several shadow characters.
``starts[i]`` / ``ends[i]`` give the original span of the original character
that produced shadow character ``i``; a shadow span ``[s, e)`` maps back to
``[starts[s], ends[e - 1])``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Cyrillic -> Latin (Serbian Gaj alphabet, then extended for Macedonian,
# Russian, Ukrainian and Belarusian letters).  Values are already
# diacritic-free because they are stripped right afterwards anyway.
_CYR = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "dj",
    "е": "e",
    "ж": "z",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "c",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "c",
    "џ": "dz",
    "ш": "s",
    # Macedonian
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
    # Russian / Ukrainian / Belarusian
    "й": "y",
    "ы": "y",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ё": "yo",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "є": "ye",
    "і": "i",
    "ї": "yi",
    "ґ": "g",
    "ў": "u",
}
# Russian/Ukrainian transliteration conventions differ from Serbian for a few
# letters (ж -> zh, ш -> sh, ч -> ch, х -> kh/h, ц -> ts).  Names of
# Russian-speaking clients are usually written in English-style
# transliteration, but the shadow text keeps the Serbian one; the name
# lexicon is normalised through the same function, so lookups stay
# consistent.

_LATIN_SPECIAL = {
    "đ": "dj",
    "Đ": "Dj",
    "ß": "ss",
    "æ": "ae",
    "Æ": "Ae",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "œ": "oe",
    "Œ": "Oe",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "Ð": "D",
    "ʼ": "'",
    "’": "'",
    "‘": "'",
    "ʻ": "'",
    "ʿ": "'",
    "ʾ": "'",
    "`": "'",
    "´": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
}


def _build_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for k, v in _CYR.items():
        table[k] = v
        up = k.upper()
        if up != k:
            table[up] = v[:1].upper() + v[1:] if v else v
    table.update(_LATIN_SPECIAL)
    return table


_TABLE = _build_table()
_CACHE: dict[str, str] = {}


def fold_char(ch: str) -> str:
    """Return the shadow rendering of one character (may be '' or several)."""
    out = _CACHE.get(ch)
    if out is not None:
        return out
    if ch in _TABLE:
        out = _TABLE[ch]
    elif ch < "\u0080":
        out = ch
    else:
        decomposed = unicodedata.normalize("NFKD", ch)
        out = "".join(c for c in decomposed if not unicodedata.combining(c))
        if not out and not unicodedata.combining(ch):
            out = ch
    _CACHE[ch] = out
    return out


def fold(text: str) -> str:
    """Shadow rendering of a string without the offset map (for lexicons)."""
    return "".join(fold_char(c) for c in text)


def fold_key(text: str) -> str:
    """Lower-cased shadow rendering, used as lookup key in lexicons."""
    return fold(text).lower()


@dataclass(frozen=True)
class Shadow:
    original: str
    text: str  # folded, case preserved
    lower: str  # folded and lower-cased, same length as ``text``
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, s: int, e: int) -> tuple[int, int]:
        """Map a shadow span to the original string."""
        if e <= s:
            pos = self.starts[s] if s < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[s], self.ends[e - 1]


class _FoldTable(dict):
    """str.translate table that folds characters on first use."""

    def __missing__(self, key: int) -> str:
        value = fold_char(chr(key))
        self[key] = value
        return value


_FOLD_TABLE = _FoldTable()


def make_shadow(text: str) -> Shadow:
    if text.isascii():
        one_to_one = True
        shadow = text
    else:
        shadow = text.translate(_FOLD_TABLE)
        one_to_one = len(shadow) == len(text) and all(
            len(_FOLD_TABLE[ord(c)]) == 1 for c in set(text)
        )
    if one_to_one:
        # fast path: one shadow character per original character
        n = len(text)
        lower = shadow.lower()
        if len(lower) != n:
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in shadow)
        return Shadow(text, shadow, lower, range(n), range(1, n + 1))  # type: ignore[arg-type]
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = 0
    for i, ch in enumerate(text):
        out = fold_char(ch)
        if not out:
            # combining mark or soft sign: attach to the previous character
            if ends:
                ends[-1] = i + 1
            continue
        parts.append(out)
        for _ in out:
            starts.append(i)
            ends.append(i + 1)
        n += len(out)
    shadow = "".join(parts)
    lower_chars = []
    for c in shadow:
        low = c.lower()
        lower_chars.append(low if len(low) == 1 else c)
    lower = "".join(lower_chars)
    return Shadow(text, shadow, lower, tuple(starts), tuple(ends))


def lower_pattern(pattern: str) -> str:
    """The source of a case-insensitive pattern rewritten for ``Shadow.lower``.

    Python's ``re`` is several times slower with ``re.IGNORECASE``; running the
    lower-cased pattern without the flag on the lower-cased shadow (same length,
    same offsets) finds the same matches.  Escapes (``\\D``, ``\\S``) and
    group names are kept as written.
    """
    out = []
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P<", i):
            j = pattern.index(">", i)
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        if pattern.startswith("(?P=", i):
            j = pattern.index(")", i)
            out.append(pattern[i : j + 1])
            i = j + 1
            continue
        out.append(c.lower())
        i += 1
    return "".join(out)


def lower_compile(rx: re.Pattern[str]) -> re.Pattern[str]:
    """Compile the lower-cased twin of a case-insensitive regex (see lower_pattern)."""
    return re.compile(lower_pattern(rx.pattern), rx.flags & ~re.IGNORECASE)
