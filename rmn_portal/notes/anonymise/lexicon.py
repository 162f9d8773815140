"""Word lists shipped in ``data/`` and the lookup helpers built on them.

Everything is loaded once at import time into sets and dicts keyed by the
folded, lower-cased spelling (see :mod:`.shadow`).  Person names are
additionally keyed by a loose *phonetic key* so that the usual
transliteration variants meet (Šahid / Shahid, Džamal / Jamal,
Jusuf / Yusuf, Mohammad / Mohamad, Abdullah / Abdula ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .shadow import fold_key

_DATA = resources.files(__package__).joinpath("data")


def _read_words(name: str) -> list[str]:
    text = _DATA.joinpath(name).read_text(encoding="utf-8")
    out: list[str] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        out.extend(line.split())
    return out


def _read_lines(name: str) -> list[str]:
    text = _DATA.joinpath(name).read_text(encoding="utf-8")
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


# --------------------------------------------------------------------------
# phonetic key for person names
# --------------------------------------------------------------------------
_KEY_RULES = [
    ("dzh", "j"),
    ("dz", "j"),
    ("dj", "j"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("gh", "g"),
    ("dh", "d"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "j"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
]
_DOUBLE = re.compile(r"([a-z])\1+")
_NON_ALPHA = re.compile(r"[^a-z]")
_VOWEL_I = re.compile(r"([aeou])i(?![aeiou])")


@lru_cache(maxsize=65536)
def name_key(low: str) -> str:
    """Loose phonetic key of a folded lower-case word."""
    k = _NON_ALPHA.sub("", low)
    for a, b in _KEY_RULES:
        if a in k:
            k = k.replace(a, b)
    k = _DOUBLE.sub(r"\1", k)
    k = _VOWEL_I.sub(r"\1j", k)  # Gulalai / Gulalaj, Stanekzai / Stanekzaj
    if len(k) > 3 and k.endswith("h") and k[-2] in "aeiou":
        k = k[:-1]
    return k


# --------------------------------------------------------------------------
# Serbian / Croatian / Bosnian case endings
# --------------------------------------------------------------------------
# Endings stripped from a word before lexicon lookup (longest first).  The
# stem is tried as is and with the base vowels -a/-o/-e re-added, which covers
# masculine consonant stems (Farshad-om), feminine -a stems (Amin-om ->
# Amina), -o/-e stems (Mark-om -> Marko, Pavl-om -> Pavle), -i stems with a
# j-glide (Alij-em -> Ali) and the fleeting a (Principovc-u -> Principovac).
_CASE_SUFFIXES = sorted(
    {
        "a",
        "u",
        "om",
        "em",
        "e",
        "i",
        "o",
        "oj",
        "ov",
        "ova",
        "ove",
        "ovo",
        "ovu",
        "ovog",
        "ovom",
        "ovoj",
        "ovim",
        "ovih",
        "ev",
        "eva",
        "evo",
        "evu",
        "evog",
        "evom",
        "evoj",
        "in",
        "ina",
        "ine",
        "inu",
        "ino",
        "inog",
        "inom",
        "inoj",
        "inim",
        "ju",
        "jom",
        "jem",
        "ja",
        "je",
        "ji",
        "ima",
        "ama",
        "ih",
        "im",
        "og",
        "ogu",
        "ome",
        "oga",
        "ega",
        "emu",
        "ijem",
        "ija",
        "iju",
        "ije",
        "ijom",
        "ici",
        "icu",
        "ovca",
        "ovcu",
        "ovcem",
        "ovcima",
        "cima",
        "aca",
    },
    key=len,
    reverse=True,
)

_VOWELS = set("aeiou")


@lru_cache(maxsize=65536)
def candidate_bases(low: str) -> tuple[str, ...]:
    """Possible dictionary forms of an inflected folded lower-case word."""
    out = [low]
    n = len(low)
    for suf in _CASE_SUFFIXES:
        if n - len(suf) < 2 or not low.endswith(suf):
            continue
        stem = low[: n - len(suf)]
        out.append(stem)
        out.append(stem + "a")
        out.append(stem + "o")
        out.append(stem + "e")
        out.append(stem + "i")
        if stem.endswith("j") and len(stem) > 2:
            out.append(stem[:-1])  # Alij-a -> Ali, Mehdij-em -> Mehdi
        last = stem[-1]
        if len(stem) >= 3 and last not in _VOWELS and stem[-2] not in _VOWELS:
            # fleeting a: Principovc -> Principovac, Adasevc(ima) -> Adasevac
            out.append(stem[:-1] + "a" + last)
            out.append(stem[:-1] + "a" + last + "i")
        if suf in ("i", "e") and last in "czs":
            # sibilarisation: Anci -> Anka, Olgi/Olzi -> Olga
            back = {"c": "k", "z": "g", "s": "h"}[last]
            out.append(stem[:-1] + back + "a")
    return tuple(dict.fromkeys(out))


# --------------------------------------------------------------------------
# name lexicon
# --------------------------------------------------------------------------
def _keys(words: list[str]) -> set[str]:
    return {name_key(fold_key(w)) for w in words if len(name_key(fold_key(w))) >= 2}


GIVEN_KEYS: set[str] = _keys(_read_words("given_names.txt")) | _keys(
    _read_words("given_names_en.txt")
)
SURNAME_KEYS: set[str] = _keys(_read_words("surnames.txt")) | _keys(_read_words("surnames_en.txt"))
NAME_KEYS: set[str] = GIVEN_KEYS | SURNAME_KEYS

# surface forms (folded lower case) of names that are also ordinary words
AMBIGUOUS: set[str] = {fold_key(w) for w in _read_words("ambiguous_names.txt")}

COMMON_EN: frozenset[str] = frozenset(_read_words("common_en.txt"))
COMMON_SH: frozenset[str] = frozenset(_read_words("common_sh.txt"))

# English census names that are also frequent English words become ambiguous
# automatically (Will, Hope, Grace, Young ...); Serbian ones are curated by
# hand in ambiguous_names.txt because the dictionaries list many real first
# names in lower case (zoran 'vivid', jelena 'deer').
for _w in _read_words("given_names_en.txt") + _read_words("surnames_en.txt"):
    _f = fold_key(_w)
    if _f in COMMON_EN:
        AMBIGUOUS.add(_f)

# words that are never a name without an explicit naming cue
BLOCKED: set[str] = {fold_key(w) for w in _read_words("not_names.txt")}
_BIG = [fold_key(w) for w in _read_words("big_places.txt")]
BIG_PLACES: set[str] = {w for w in _BIG if "_" not in w}
BIG_PLACE_PHRASES: set[str] = {w.replace("_", " ") for w in _BIG if "_" in w}
BLOCKED |= BIG_PLACES

# curated surnames that are also blocked words (Islam, Hazara ...): a name only
# right after an accepted given name
BLOCKED_SURNAMES: frozenset[str] = frozenset(
    fold_key(w) for w in _read_words("surnames.txt") if fold_key(w) in BLOCKED
)

# surfaces of the hand-curated name lists (reviewed against the dictionaries)
CURATED: set[str] = {
    fold_key(w) for w in _read_words("given_names.txt") + _read_words("surnames.txt")
}


@lru_cache(maxsize=65536)
def is_blocked(low: str) -> bool:
    if low in BLOCKED:
        return True
    if name_key(low) in NAME_KEYS:
        return False  # an exact name (Parisa) is not blocked by an inflection (Paris-a)
    if len(low) >= 5 and place_stem(low) in BIG_PLACE_STEMS and low[:-1] in BIG_PLACES:
        return True  # "iz Bagdada": a case form of a big place, not the surname Baghdadi
    bases = candidate_bases(low)[1:]
    blocked = max((len(b) for b in bases if b in BLOCKED and len(b) >= 4), default=0)
    if not blocked:
        return False
    # "Bajramijem" is Bajrami (a surname) rather than Bajram (a holiday): the
    # longer dictionary form wins
    named = max((len(b) for b in bases if len(b) >= 3 and name_key(b) in NAME_KEYS), default=0)
    return blocked >= named


@lru_cache(maxsize=65536)
def name_lookup(low: str) -> str | None:
    """Return the lexicon key matched by a folded lower-case token, or None."""
    k = name_key(low)
    if k in NAME_KEYS:
        return k
    if len(low) < 4:
        return None
    for b in candidate_bases(low)[1:]:
        if len(b) < 3:
            continue
        k = name_key(b)
        if k in NAME_KEYS:
            return k
    return None


def is_common(low: str, lang: str) -> bool:
    if lang == "en":
        return low in COMMON_EN
    return low in COMMON_SH or (len(low) > 3 and low in COMMON_EN)


def is_common_any(low: str) -> bool:
    return low in COMMON_EN or low in COMMON_SH


# --------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------
# PLACE_WORDS maps a tuple of folded lower-case word *stems* to a region.
_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=65536)
def place_stem(low: str) -> str:
    """Crude stem for place matching: drop a final case ending."""
    for suf in ("ima", "ama", "om", "em", "oj", "u", "a", "e", "i", "o"):
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            return low[: -len(suf)]
    return low


def _place_variants(word: str) -> set[str]:
    low = fold_key(word)
    out = {place_stem(low)}
    # fleeting a: Principovac -> Principovc(u), Bujanovac -> Bujanovc(u)
    if len(low) > 4 and low[-2] == "a" and low[-1] not in _VOWELS and low[-3] not in _VOWELS:
        out.add(low[:-2] + low[-1])
    return out


PLACES: dict[tuple[str, ...], tuple[str, str]] = {}  # stems -> (canonical, region)
PLACE_FIRST: set[str] = set()
PLACE_MAXLEN = 1
for _line in _read_lines("places.tsv"):
    if "\t" not in _line:
        continue
    _names, _region = _line.split("\t", 1)
    _spellings = _names.split("|")
    for _sp in _spellings:
        _words = _WORD.findall(fold_key(_sp))
        if not _words:
            continue
        _variant_lists = [sorted(_place_variants(w)) for w in _words]
        # cartesian product of the per-word variants (at most a few)
        _combos: list[tuple[str, ...]] = [()]
        for _vl in _variant_lists:
            _combos = [(*c, v) for c in _combos for v in _vl]
        for _c in _combos:
            PLACES[_c] = (_spellings[0], _region.strip())
            PLACE_FIRST.add(_c[0])
        PLACE_MAXLEN = max(PLACE_MAXLEN, len(_words))

BIG_PLACE_STEMS: set[str] = {place_stem(w) for w in BIG_PLACES}
AMBIGUOUS_PLACES: set[str] = {place_stem(fold_key(w)) for w in _read_words("ambiguous_places.txt")}
BIG_PHRASE_STEMS: set[tuple[str, ...]] = {
    tuple(place_stem(w) for w in p.split()) for p in BIG_PLACE_PHRASES
}
