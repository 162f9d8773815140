"""Pure helpers for statement texts: paragraphs, fingerprints, tags."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt

# Only used to find block boundaries; rendering goes through rmn_portal.markdown.
_parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])

MAX_TAGS = 8
TAG_LENGTH = 40


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, as people count
    source: str

    @property
    def excerpt(self) -> str:
        return excerpt(self.source)


def paragraphs(body: str) -> list[Paragraph]:
    """Split Markdown into its top-level blocks (paragraphs, headings, whole
    lists, quotes), each with the source lines it came from, so that each can
    be rendered on its own, numbered, and commented on."""
    lines = body.splitlines()
    blocks = []
    for token in _parser.parse(body):
        if token.level == 0 and token.nesting != -1 and token.map:
            start, end = token.map
            source = "\n".join(lines[start:end]).strip()
            if source:
                blocks.append(source)
    return [Paragraph(number, source) for number, source in enumerate(blocks, start=1)]


_MARKUP = re.compile(r"[*_`>#~|]+|^\s*(?:[-+]|\d+[.)])\s+", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def excerpt(source: str, length: int = 160) -> str:
    """The start of a paragraph as plain text, for quoting it beside a comment."""
    plain = _MARKUP.sub("", _LINK.sub(r"\1", source))
    plain = " ".join(plain.split())
    return plain if len(plain) <= length else plain[: length - 1].rstrip() + "…"


def text_sha256(title: str, body: str) -> str:
    """Fingerprint of one text: SHA-256 of the title, a blank line and the
    body (UTF-8, NFC, line endings as LF)."""
    canonical = unicodedata.normalize("NFC", f"{title}\n\n{body}".replace("\r\n", "\n"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def bundle_sha256(text_hashes: dict[str, str]) -> str:
    """Fingerprint of all language versions signed together: SHA-256 of the
    lines "<language> <text fingerprint>" in language-code order."""
    lines = "".join(f"{language} {digest}\n" for language, digest in sorted(text_hashes.items()))
    return hashlib.sha256(lines.encode("ascii")).hexdigest()


def parse_tags(raw: str) -> list[str]:
    """Comma-separated tags, lower-cased, without duplicates, in given order."""
    tags: list[str] = []
    for part in (raw or "").split(","):
        tag = " ".join(part.split()).lower()[:TAG_LENGTH]
        if tag and tag not in tags:
            tags.append(tag)
    return tags
