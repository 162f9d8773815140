"""Word-level differences between two versions of a text, as safe HTML.

Insertions are wrapped in <ins> and deletions in <del>; each also carries a
visually hidden "inserted:"/"deleted:" label and visible brackets, so that the
change can be read without colour and by screen readers. Every piece of text
is escaped here; the result is Markup only because of that.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from flask_babel import gettext as _
from markupsafe import Markup, escape

# Words, runs of whitespace (line breaks kept apart) and single punctuation marks.
_TOKEN = re.compile(r"\n|[^\S\n]+|\w+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("\r\n", "\n"))


@dataclass(frozen=True)
class DiffStats:
    inserted: int
    deleted: int

    @property
    def unchanged(self) -> bool:
        return not (self.inserted or self.deleted)


def word_diff(old: str, new: str) -> tuple[Markup, DiffStats]:
    """HTML of `new` compared with `old`, and how many words changed."""
    before, after = tokens(old), tokens(new)
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    out: list[str] = []
    inserted = deleted = 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(str(escape("".join(before[a1:a2]))))
            continue
        if op in ("delete", "replace"):
            deleted += _count_words(before[a1:a2])
            out.append(_mark("del", _("deleted:"), "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            inserted += _count_words(after[b1:b2])
            out.append(_mark("ins", _("inserted:"), "".join(after[b1:b2])))
    return Markup("".join(out)), DiffStats(inserted, deleted)  # noqa: S704 - escaped above  # nosec B704


def _mark(tag: str, label: str, text: str) -> str:
    open_bracket, close_bracket = ("[-", "-]") if tag == "del" else ("{+", "+}")
    return (f'<{tag}><span class="visually-hidden">{escape(label)} </span>'
            f'<span class="diff-bracket" aria-hidden="true">{open_bracket}</span>'
            f"{escape(text)}"
            f'<span class="diff-bracket" aria-hidden="true">{close_bracket}</span></{tag}>')


def _count_words(pieces: list[str]) -> int:
    return sum(1 for piece in pieces if piece.strip())
