"""The text of a resource as search and lists see it."""

import re

from ..search import SearchDocument
from .models import Resource

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|~]+")


def plain_summary(summary: str | None) -> str:
    """The summary's Markdown reduced to its words (for snippets and feeds)."""
    text = _LINK.sub(r"\1", summary or "")
    return " ".join(_MARKUP.sub(" ", text).split())


def resource_document(resource: Resource) -> SearchDocument:
    """Title, summary, tags, topics, file names and the files' text."""
    parts = [plain_summary(resource.summary), resource.tags]
    parts.extend(f"{topic.name} {topic.name_sr}" for topic in resource.topics)
    for resource_file in resource.files:
        parts.append(resource_file.stored.original_name)
    for resource_file in resource.files:
        parts.append(resource_file.extracted_text or "")
    return SearchDocument(title=resource.title, body="\n".join(part for part in parts if part))
