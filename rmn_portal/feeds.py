"""Atom feeds (RFC 4287) for published content: statements, notes, resources."""

from dataclasses import dataclass
from datetime import datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Response

from .db import utcnow

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class FeedEntry:
    id: str  # a stable URI, e.g. "tag:rmn.example.org,2026:statement-12" or the permalink
    title: str
    url: str  # absolute permalink
    updated: datetime
    published: datetime | None = None
    summary: str = ""  # plain text
    author: str = ""
    categories: tuple[str, ...] = ()


def atom_response(*, title: str, feed_url: str, site_url: str, entries: list[FeedEntry],
                  feed_id: str | None = None) -> Response:
    """Render a feed. Text is inserted as XML text nodes, so it is escaped."""
    feed = Element("feed", xmlns=ATOM_NS)
    SubElement(feed, "id").text = feed_id or feed_url
    SubElement(feed, "title").text = title
    SubElement(feed, "updated").text = _iso(max((e.updated for e in entries), default=utcnow()))
    SubElement(feed, "link", rel="self", href=feed_url, type=ATOM_TYPE)
    SubElement(feed, "link", rel="alternate", href=site_url, type="text/html")
    for entry in entries:
        _entry(feed, entry)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="utf-8",
                                                                  xml_declaration=False)
    return Response(body, mimetype=ATOM_TYPE,
                    headers={"Cache-Control": "public, max-age=300"})


def _entry(feed: Element, entry: FeedEntry) -> None:
    node = SubElement(feed, "entry")
    SubElement(node, "id").text = entry.id
    SubElement(node, "title").text = entry.title
    SubElement(node, "link", rel="alternate", href=entry.url, type="text/html")
    SubElement(node, "updated").text = _iso(entry.updated)
    if entry.published:
        SubElement(node, "published").text = _iso(entry.published)
    if entry.author:
        SubElement(SubElement(node, "author"), "name").text = entry.author
    for category in entry.categories:
        SubElement(node, "category", term=category)
    if entry.summary:
        SubElement(node, "summary", type="text").text = entry.summary


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")
