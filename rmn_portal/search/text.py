"""Search text: folding, query terms, and snippets built from the original text.

Indexed text and queries are both folded (`translit.fold`: Latin script, lower
case, no diacritics, đ → dj) and reduced to plain words, so that SQLite's FTS5
and PostgreSQL's `simple` parser see the same tokens. Every query word is a
prefix, which matches Serbian inflected forms ("azil" finds "азилу").
"""

import re

from markupsafe import Markup, escape

from ..translit import fold

WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 8
MIN_TERM_LENGTH = 2
MAX_INDEXED_CHARS = 200_000


def index_form(text: str | None, limit: int = MAX_INDEXED_CHARS) -> str:
    """Folded words separated by single spaces: what the index stores."""
    if not text:
        return ""
    return " ".join(WORD.findall(fold(text[:limit])))


def query_terms(query: str | None) -> list[str]:
    """The folded words of a query, duplicates and one-letter words dropped."""
    terms: list[str] = []
    for word in WORD.findall(fold(query or "")):
        if len(word) >= MIN_TERM_LENGTH and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def fts5_query(terms: list[str]) -> str:
    # Terms are letters and digits only; quoting keeps FTS5 operators inert.
    return " ".join(f'"{term}"*' for term in terms)


def tsquery(terms: list[str]) -> str:
    return " & ".join(f"{term}:*" for term in terms)


def _matches(word: str, terms: list[str]) -> bool:
    folded = fold(word)
    return any(folded.startswith(term) for term in terms)


def highlight(text: str | None, terms: list[str]) -> Markup:
    """The whole text, escaped, with matching words in <mark>."""
    return _marked(text or "", terms, 0, None)


def snippet(text: str | None, terms: list[str], words: int = 28) -> Markup:
    """A window of the original text around the first match, escaped, with
    matching words in <mark>; the opening words when nothing matches."""
    text = text or ""
    matches = list(WORD.finditer(text))
    if not matches:
        return Markup("")
    first = next((i for i, m in enumerate(matches) if _matches(m.group(), terms)), 0) \
        if terms else 0
    start_index = max(first - words // 3, 0)
    end_index = min(start_index + words, len(matches)) - 1
    start = matches[start_index].start() if start_index else 0
    end = matches[end_index].end()
    body = _marked(text, terms, start, end)
    prefix = Markup("… ") if start_index else Markup("")
    suffix = Markup(" …") if end_index < len(matches) - 1 else Markup("")
    return prefix + body + suffix


def _marked(text: str, terms: list[str], start: int, end: int | None) -> Markup:
    end = len(text) if end is None else end
    out, position = [], start
    for match in WORD.finditer(text, start, end):
        if terms and _matches(match.group(), terms):
            out.append(escape(text[position:match.start()]))
            out.append(Markup("<mark>%s</mark>") % match.group())
            position = match.end()
    out.append(escape(text[position:end]))
    return Markup("").join(out)
