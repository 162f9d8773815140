"""Feeds: linked from their pages with <link rel="alternate">, and valid when
parsed back (Atom with feedparser, iCalendar with icalendar)."""

import re

import feedparser
from icalendar import Calendar

from .conftest import PRIVATE, published_note


def test_every_feed_is_linked_and_parses_back(client, net):
    published_note(net.member, net.coordinator)
    home = client.get("/").get_data(as_text=True)
    links = {href for href in re.findall(r'<link rel="alternate"[^>]*?href="([^"]+)"', home)}
    links |= {href for href in re.findall(
        r'<link rel="alternate" type="[^"]+" (?:title="[^"]*" )?href="([^"]+)"', home)}
    for page in ("/statements", "/notes", "/events"):
        html = client.get(page).get_data(as_text=True)
        assert 'rel="alternate"' in html, page
    atom = [href for href in links if href.endswith(".atom")]
    ics = [href for href in links if href.endswith(".ics")]
    assert {"/statements/feed.atom", "/notes/feed.atom"} <= set(atom) and ics
    statements = feedparser.parse(client.get("/statements/feed.atom").data)
    assert not statements.bozo, statements.bozo_exception
    assert [entry.title for entry in statements.entries] == ["Stop pushbacks now"]
    notes = feedparser.parse(client.get("/notes/feed.atom").data)
    assert not notes.bozo and len(notes.entries) == 1
    calendar = Calendar.from_ical(client.get(ics[0]).data)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "Open legal clinic" in summaries
    assert "Network strategy meeting" not in summaries and PRIVATE not in summaries
