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
    """Title, summary and the files' text; tags, topics and file names are
    searched too but left out of snippets."""
    body = [plain_summary(resource.summary)]
    body.extend(resource_file.extracted_text or "" for resource_file in resource.files)
    keywords = [resource.tags, *(f"{topic.name} {topic.name_sr}" for topic in resource.topics),
                *(resource_file.stored.original_name for resource_file in resource.files)]
    return SearchDocument(title=resource.title, body="\n".join(part for part in body if part),
                          keywords="\n".join(part for part in keywords if part))
