"""Serbian script conversion and the folding used for search.

Serbian is written in both Latin and Cyrillic with a one-to-one mapping, so the
interface's Cyrillic catalogue and Cyrillic display of user text are derived
mechanically from Latin, and search compares text in one folded form.
"""

import re
import unicodedata

_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
    # Macedonian letters, so that names from North Macedonia fold sensibly too.
    "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}
_CYR_TO_LAT.update({k.upper(): v.capitalize() for k, v in list(_CYR_TO_LAT.items())})

_LAT_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "LJ": "Љ", "Nj": "Њ", "NJ": "Њ",
                 "Dž": "Џ", "DŽ": "Џ"}
_LAT_TO_CYR = {
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "đ": "ђ", "e": "е", "ž": "ж", "z": "з",
    "i": "и", "j": "ј", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "t": "т", "ć": "ћ", "u": "у", "f": "ф", "h": "х", "c": "ц", "č": "ч", "š": "ш",
}
_LAT_TO_CYR.update({k.upper(): v.upper() for k, v in list(_LAT_TO_CYR.items())})

_CYR_TABLE = str.maketrans(_CYR_TO_LAT)
_LAT_DIGRAPH_RE = re.compile("|".join(sorted(_LAT_DIGRAPHS, key=len, reverse=True)))
# Names and codes that Serbian Cyrillic text keeps in Latin letters: the
# network's name, product names, and codes a person types as they are.
LATIN_TERMS = (
    "Rainbow Migration Network", "Aegis", "FreeOTP", "Google Authenticator", "Markdown",
    "slug", "login", "otpauth", "iCalendar", "GitHub",
)
# Pieces that must stay as they are in Cyrillic text: format placeholders,
# HTML tags and entities, URLs and e-mail addresses, acronyms (PDF, UNHCR),
# foreign words (they contain q, w, x or y, which Serbian Latin does not use)
# and the terms above.
_KEEP_LATIN = re.compile(
    "|".join(re.escape(term) for term in LATIN_TERMS) + "|"
    r"%\([a-z_]+\)[sdf]|%[sdf]|\{[a-z_0-9]*\}|<[^>]*>|&[a-z]+;|&#\d+;"
    r"|https?://\S*|[\w.+-]+@[\w-]+\.[\w.]+|\b[A-Z]{2,}[a-z]?s?\b|\b[\w-]*[qwxyQWXY][\w-]*\b"
)


def to_latin(text: str) -> str:
    return text.translate(_CYR_TABLE)


def to_cyrillic(text: str) -> str:
    """Serbian Latin → Cyrillic, leaving placeholders, markup, URLs and acronyms intact."""
    out, last = [], 0
    for match in _KEEP_LATIN.finditer(text):
        out.append(_latin_run_to_cyrillic(text[last:match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_latin_run_to_cyrillic(text[last:]))
    return "".join(out)


def _latin_run_to_cyrillic(text: str) -> str:
    text = _LAT_DIGRAPH_RE.sub(lambda m: _LAT_DIGRAPHS[m.group()], text)
    return "".join(_LAT_TO_CYR.get(char, char) for char in text)


_FOLD_EXTRA = str.maketrans({"đ": "dj", "Đ": "dj", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l",
                             "ı": "i", "œ": "oe"})


def fold(text: str) -> str:
    """The search form of text: Latin script, lower case, no diacritics (đ → dj)."""
    text = to_latin(text).translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold()


_LATIN_LETTER = re.compile(r"[A-Za-zČčĆćĐđŠšŽž]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"\w+")


def mixed_script_words(text: str) -> list[str]:
    """Words that mix Latin and Cyrillic letters (a sign of a broken transliteration)."""
    return [word for word in _WORD.findall(text)
            if _LATIN_LETTER.search(word) and _CYRILLIC_LETTER.search(word)]


# Short words that are frequent in Serbian (and its neighbours) and rare in
# English: enough to tell a Serbian title from an English one.
_SERBIAN_WORDS = frozenset((
    "i", "u", "na", "za", "je", "se", "od", "sa", "da", "su", "ili", "kao", "o", "po", "pri",
    "iz", "nije", "sto", "koji", "koja", "koje", "kod", "do", "ka", "bez", "preko", "posle",
    "tokom", "kroz", "ali", "vec", "jos", "samo", "sve", "svi", "mi", "vi", "oni", "ona"))
_ENGLISH_WORDS = frozenset((
    "the", "and", "of", "for", "to", "in", "on", "with", "at", "by", "from", "is", "are", "be",
    "this", "that", "an", "as", "or"))
_SERBIAN_LATIN_LETTERS = re.compile("[čćđšžČĆĐŠŽ]")
_MACEDONIAN_ONLY = re.compile("[ѓќѕЃЌЅ]")


def looks_serbian(text: str) -> bool:
    """A guess for user text whose language is not recorded: Serbian letters
    (č, ć, đ, š, ž or Serbian Cyrillic) or more Serbian than English words."""
    if _MACEDONIAN_ONLY.search(text):
        return False
    if _CYRILLIC_LETTER.search(text) or _SERBIAN_LATIN_LETTERS.search(text):
        return True
    words = [word.casefold() for word in _WORD.findall(text)]
    serbian = sum(word in _SERBIAN_WORDS for word in words)
    english = sum(word in _ENGLISH_WORDS for word in words)
    return serbian > english
