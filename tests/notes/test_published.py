"""Published notes: the list with its filters, the note page, the Atom feed,
the needs dashboard and its CSV."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

from sqlalchemy import event

from rmn_portal import pagecache
from rmn_portal.content import Visibility
from rmn_portal.db import db

from ..factories import login
from .conftest import RAW_NAME

ATOM = "{http://www.w3.org/2005/Atom}"


def test_anonymous_visitors_see_public_notes_only(client, notes):
    public = notes.published()
    network = notes.published(visibility=Visibility.NETWORK, region="vojvodina")
    draft = notes.draft()
    page = client.get("/notes").get_data(as_text=True)
    assert f"/notes/{public.id}" in page
    assert f"/notes/{network.id}" not in page and f"/notes/{draft.id}" not in page
    assert client.get(f"/notes/{network.id}").status_code == 404
    assert client.get(f"/notes/{draft.id}").status_code == 404


def test_members_see_network_notes_too(client, people, notes):
    network = notes.published(visibility=Visibility.NETWORK)
    login(client, people.other_member)
    assert f"/notes/{network.id}" in client.get("/notes").get_data(as_text=True)
    assert client.get(f"/notes/{network.id}").status_code == 200


def test_the_note_page_shows_placeholders_and_age_band_not_the_person(client, notes):
    note = notes.published()
    page = client.get(f"/notes/{note.id}").get_data(as_text=True)
    assert "[NAME]" in page and "[PHONE]" in page and "18–24" in page
    assert RAW_NAME not in page and "Farshad" not in page
    # The public page does not name the reporting organisation: its town
    # would narrow the region down.
    assert note.org.name not in page


def test_filters_by_category_group_region_and_period(client, notes):
    legal = notes.published(categories=["legal-aid"], groups=["trans"], region="vojvodina",
                            period=date(2025, 5, 1))
    health = notes.published(categories=["health"], groups=["gay"], region="belgrade",
                             period=date(2026, 2, 1))

    def listed(query):
        page = client.get("/notes?" + query).get_data(as_text=True)
        return {note.id for note in (legal, health) if f"/notes/{note.id}\"" in page}

    assert listed("") == {legal.id, health.id}
    assert listed("category=legal-aid") == {legal.id}
    assert listed("group=gay") == {health.id}
    assert listed("region=vojvodina") == {legal.id}
    assert listed("start=2026-01") == {health.id}
    assert listed("end=2025-12") == {legal.id}
    assert listed("start=2025-01&end=2025-06&category=legal-aid") == {legal.id}
    assert client.get("/notes?category=weather").status_code == 422


def test_list_page_links_the_feed_and_the_new_note_form(client, people):
    page = client.get("/notes").get_data(as_text=True)
    assert 'rel="alternate" type="application/atom+xml" href="/notes/feed.atom"' in page
    login(client, people.author)
    assert 'href="/notes/new"' in client.get("/notes").get_data(as_text=True)


def test_list_page_runs_a_constant_number_of_queries(client, notes, app):
    def count_queries(path):
        statements = []

        def before(*_args):
            statements.append(1)

        pagecache.forget_everything(app)  # count a render, not a cached copy
        event.listen(db.engine, "before_cursor_execute", before)
        try:
            client.get(path)
        finally:
            event.remove(db.engine, "before_cursor_execute", before)
        return len(statements)

    notes.published()
    few = count_queries("/notes")
    for _ in range(5):
        notes.published()
    assert count_queries("/notes") == few


def test_atom_feed_has_public_notes_with_redacted_text(client, notes):
    public = notes.published()
    network = notes.published(visibility=Visibility.NETWORK)
    response = client.get("/notes/feed.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)  # noqa: S314 -- our own feed
    entries = feed.findall(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert any(link.endswith(f"/notes/{public.id}") for link in links)
    assert not any(link.endswith(f"/notes/{network.id}") for link in links)
    assert "[NAME]" in entries[0].find(f"{ATOM}summary").text
    assert b"Farshad" not in response.data


def _published_many(notes, count, **fields):
    return [notes.published(**fields) for _ in range(count)]


def test_dashboard_suppresses_small_counts(client, notes):
    _published_many(notes, 6, categories=["legal-aid"], region="belgrade",
                    period=date(2025, 2, 1))
    _published_many(notes, 2, categories=["health"], region="vojvodina",
                    period=date(2025, 2, 1))
    page = client.get("/notes/dashboard?year=2025").get_data(as_text=True)
    table = page.split('id="table-regions"')[1].split("</table>")[0]
    belgrade = table.split("Belgrade region")[1].split("</tr>")[0]
    vojvodina = table.split("Vojvodina")[1].split("</tr>")[0]
    assert ">6<" in belgrade
    assert "&lt;5" in vojvodina and ">2<" not in vojvodina
    assert 'role="img"' in page and "Data table for this chart" in page
    assert "shown as “&lt;5”" in page  # escaped, also inside a translated sentence


def test_dashboard_counts_public_notes_for_anonymous_visitors(client, people, notes):
    _published_many(notes, 5, period=date(2025, 4, 1))
    _published_many(notes, 5, period=date(2025, 4, 1), visibility=Visibility.NETWORK)
    anonymous = client.get("/notes/dashboard?year=2025").get_data(as_text=True)
    quarters = anonymous.split('id="table-quarters"')[1].split("</table>")[0]
    assert quarters.split("Q2 2025")[1].split("</tr>")[0].count(">5<") == 1
    login(client, people.other_member)
    member = client.get("/notes/dashboard?year=2025").get_data(as_text=True)
    quarters = member.split('id="table-quarters"')[1].split("</table>")[0]
    assert ">10<" in quarters.split("Q2 2025")[1].split("</tr>")[0]


def test_dashboard_csv_has_the_same_suppression(client, notes):
    for month, count in ((1, 6), (4, 6), (7, 6), (10, 2)):
        _published_many(notes, count, region="belgrade", period=date(2025, month, 1))
    response = client.get("/notes/dashboard.csv?year=2025")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["table", "row", "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "total"]
    belgrade = next(row[2:] for row in rows
                    if row[0] == "Notes by region" and row[1] == "Belgrade region")
    # Q4 (2) is under 5; the shown total 20 would give it away, so the
    # smallest other quarter is hidden as well.
    assert belgrade == ["hidden", "6", "6", "<5", "20"]
    page = client.get("/notes/dashboard?year=2025").get_data(as_text=True)
    row = page.split('id="table-regions"')[1].split("Belgrade region")[1].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:-1]] == [
        "hidden", "6", "6", "&lt;5", "20"]


def test_dashboard_for_an_unknown_year_is_404(client, notes):
    notes.published()
    assert client.get("/notes/dashboard?year=1999").status_code == 404
    assert client.get("/notes/dashboard?year=abc").status_code == 404


def test_the_list_counts_up_to_the_cap_and_says_more_than(app, client, notes):
    app.config["LIST_COUNT_CAP"] = 2
    try:
        for _ in range(2):
            notes.published()
        notes.published(visibility=Visibility.NETWORK)  # not counted for visitors
        assert "2 notes" in client.get("/notes").get_data(as_text=True)
        notes.published()
        page = client.get("/notes").get_data(as_text=True)
        assert "More than 2 notes. Narrow the list with the filters." in page
        # Pages end at the cap: no address makes the database skip more rows.
        statements = []
        engine = db.session.get_bind()
        listener = lambda *args: statements.append((args[2], args[3]))  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get("/notes?page=99999").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        offsets = [list(params.values() if isinstance(params, dict) else params)[-1]
                   for sql, params in statements if "OFFSET" in sql.upper()]
        assert offsets and max(offsets) <= 2 + 20  # the cap and one page, not 99,998 pages
    finally:
        app.config["LIST_COUNT_CAP"] = 10_000
