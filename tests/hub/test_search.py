"""One search for everything: resources, events, trainings, published notes,
statements and organisations in one index, each kind with its own visibility
rule inside the SQL query. Runs on SQLite (FTS5) and, with
RMN_TEST_DATABASE_URL, on PostgreSQL (tsvector)."""

import re

import pytest
from sqlalchemy import text

from rmn_portal.content import Visibility
from rmn_portal.db import db
from rmn_portal.events import services as events
from rmn_portal.notes import services as notes
from rmn_portal.search import reindex
from rmn_portal.statements import services as statements
from rmn_portal.statements.models import StatementStatus

from ..events.helpers import make_event
from ..factories import login
from .conftest import (
    add_resource,
    add_training,
    note_fields,
    published_note,
    published_statement,
)

KINDS = ("resource", "event", "training", "note", "statement", "organisation")
HIDDEN = "Zmajevac"  # the private word: never outside its organisation


def one_of_each(net, make, word: str) -> dict:
    """An object of every kind with `word` in its title (the note: its text),
    visible to every member of the network."""
    objects = {
        "resource": add_resource(net.member, f"Vodič: {word}"),
        "event": make_event(net.member, title=f"Radionica {word}"),
        "training": add_training(net.coordinator, f"Obuka {word}"),
        "note": published_note(net.member, net.coordinator, Visibility.NETWORK,
                               narrative=f"Needs help with the {word} against the decision."),
        "statement": published_statement(net.member, f"Izjava {word}", language="sr"),
        "organisation": make.org(name=f"Udruženje {word}", slug=f"org-{abs(hash(word))}"),
    }
    db.session.flush()
    return objects


def results(client, query: str, **params) -> str:
    response = client.get("/search", query_string={"q": query, **params})
    assert response.status_code == 200
    return response.get_data(as_text=True)


URLS = {"resource": "/resources/{}", "event": "/events/{}", "training": "/trainings/{}",
        "note": "/notes/{}", "statement": "/statements/{}", "organisation": "/organisations/{}"}


def links(objects: dict) -> dict[str, str]:
    return {kind: f'href="{URLS[kind].format(obj.slug if kind == "organisation" else obj.id)}"'
            for kind, obj in objects.items()}


def found_kinds(page: str, objects: dict) -> set[str]:
    return {kind for kind, link in links(objects).items() if link in page}


@pytest.mark.parametrize("query", ["zalba", "ŽALBA", "жалба", "Жалб"])
def test_every_kind_found_whatever_the_case_diacritics_or_script(client, net, make, query):
    latin = one_of_each(net, make, "žalba")
    cyrillic = one_of_each(net, make, "жалба")
    login(client, net.coordinator)
    page = results(client, query)
    assert found_kinds(page, latin) == set(KINDS)
    assert found_kinds(page, cyrillic) == set(KINDS)
    for kind in KINDS:
        assert f'id="group-{kind}"' in page


def test_sasa_finds_sasa_in_both_scripts(client, net, make):
    latin = one_of_each(net, make, "Saša")
    cyrillic = one_of_each(net, make, "Саша")
    login(client, net.coordinator)
    page = results(client, "sasa")
    # Notes: a name in a narrative is redacted before publication, so only
    # the kinds whose title may carry a name are expected.
    expected = set(KINDS) - {"note"}
    assert found_kinds(page, latin) >= expected
    assert found_kinds(page, cyrillic) >= expected


@pytest.fixture
def hidden(net, make):
    """Iris's organisation-only content of every kind, titled with HIDDEN
    (notes cannot be published for one organisation: a note awaiting review),
    and an inactive, unlisted organisation of that name."""
    objects = {
        "resource": add_resource(net.member, f"{HIDDEN} spisak", Visibility.ORGANISATION,
                                 summary=f"{HIDDEN} adrese"),
        "event": make_event(net.member, title=f"{HIDDEN} sastanak",
                            visibility=Visibility.ORGANISATION),
        "training": add_training(net.org_admin, f"{HIDDEN} obuka", org=net.iris,
                                 visibility="organisation"),
        "note": submitted_note(net.member, f"Shelter in {HIDDEN} street is full."),
        "statement": statements.create_statement(net.member, title=f"{HIDDEN} nacrt",
                                                 body=f"{HIDDEN} tekst", language="sr"),
        "organisation": make.org(name=f"{HIDDEN} inicijativa", slug="hidden-initiative",
                                 is_active=False, is_listed=False),
    }
    db.session.flush()
    return objects


def submitted_note(author, narrative: str):
    note = notes.create_draft(author, note_fields(narrative=narrative))
    notes.submit(author, note)
    return note


def assert_nothing_hidden(page: str) -> None:
    assert HIDDEN.lower() not in page.lower()
    assert "0 results" in page
    assert "group-" not in page  # not even an empty heading or a count


@pytest.mark.parametrize("kind", [None, *KINDS])
def test_private_titles_never_appear_for_other_organisations_or_anonymous(client, net, hidden,
                                                                           kind):
    params = {"kind": kind} if kind else {}
    assert_nothing_hidden(results(client, "ZMAJEV", **params))
    login(client, net.outsider)
    assert_nothing_hidden(results(client, "ZMAJEV", **params))


def test_organisation_only_content_is_found_inside_the_organisation(client, net, hidden):
    login(client, net.member)
    page = results(client, "zmajevac")
    # Unpublished notes are not indexed, not even for their author.
    assert found_kinds(page, hidden) == {"resource", "event", "training", "statement"}
    # The training's session is an event of its own.
    assert re.search(r"\b5 results", page)
    assert "<mark>Zmajevac</mark> obuka, session 1" in page


def test_network_notes_are_found_by_members_only(client, net):
    note = published_note(net.member, net.coordinator, Visibility.NETWORK,
                          narrative="Shelter in Kovilj village is full.")
    assert "0 results" in results(client, "kovilj")
    login(client, net.outsider)
    assert found_kinds(results(client, "kovilj"), {"note": note}) == {"note"}


def test_statement_drafts_stay_with_their_team_and_open_ones_with_members(client, net):
    statement = statements.create_statement(net.member, title="Nacrt o pritvoru",
                                            body="Tekst.", language="sr")
    login(client, net.outsider)
    assert "Nacrt" not in results(client, "pritvor")
    statement.set_status(StatementStatus.OPEN)
    db.session.flush()
    assert "<mark>Nacrt</mark> o pritvoru" in results(client, "nacrt pritvor") or \
        "Nacrt o <mark>pritvoru</mark>" in results(client, "pritvor")
    client.post("/logout")
    assert "Nacrt" not in results(client, "pritvor")


def test_the_index_follows_edits_and_deletions(client, net):
    event = make_event(net.member, title="Stari naslov", visibility=Visibility.PUBLIC)
    db.session.commit()
    assert "Stari" in results(client, "stari")
    events.update_event(net.member, event, title="Novi naslov")
    db.session.commit()
    assert "Stari" not in results(client, "stari")
    assert "<mark>Novi</mark> naslov" in results(client, "novi")
    db.session.delete(event)
    db.session.commit()
    assert "0 results" in results(client, "novi")


def test_unpublished_notes_are_never_indexed(client, net, make):
    draft = submitted_note(net.member, "Draft about Kikinda shelter.")
    db.session.flush()
    documents = db.session.execute(text(
        "SELECT count(*) FROM search_fts_docs WHERE kind = 'note' AND object_id = :id"),
        {"id": draft.id}).scalar()
    assert documents == 0
    login(client, net.member)
    assert "0 results" in results(client, "kikinda")


def test_reindex_rebuilds_every_kind(client, net, make):
    expected = links(one_of_each(net, make, "Reindeksiraj"))
    db.session.execute(text("DELETE FROM search_fts_docs"))
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("DELETE FROM search_fts"))
    login(client, net.coordinator)
    assert "0 results" in results(client, "reindeksiraj")
    reindex()  # leaves the session empty: compare links taken before
    page = results(client, "reindeksiraj")
    assert {kind for kind, link in expected.items() if link in page} == set(KINDS)


def test_kind_filter_and_pages(client, net):
    for n in range(13):
        make_event(net.member, title=f"Klinika broj {n}", visibility=Visibility.PUBLIC)
    page = results(client, "klinika")
    assert "13 results" in page and page.count('href="/events/') == 5
    assert "All 13 results in Events" in page
    first = results(client, "klinika", kind="event")
    assert first.count('href="/events/') == 10 and 'rel="next"' in first
    second = results(client, "klinika", kind="event", page=2)
    assert second.count('href="/events/') == 3 and 'rel="prev"' in second
    assert 'rel="next"' not in second


def test_a_search_box_in_the_header_of_every_page(client, net):
    for path in ("/", "/events", "/organisations", "/search?q=klinika"):
        page = client.get(path).get_data(as_text=True)
        assert 'class="site-search"' in page
        assert '<label for="site-search-q"' in page
        assert 'action="/search"' in page


# --- counts capped at SEARCH_COUNT_CAP ----------------------------------------

def clinics(net, count: int, visibility=Visibility.PUBLIC, word: str = "Klinika") -> list:
    return [make_event(net.member, title=f"{word} broj {n}", visibility=visibility)
            for n in range(count)]


def event_links(page: str) -> int:
    return page.count('href="/events/')


def test_above_the_cap_the_count_says_more_than_the_cap(client, net, app, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", 3)
    clinics(net, 5)
    page = results(client, "klinika")
    assert "More than 3 results" in page
    assert "Everything (more than 3)" in page and "Events (more than 3)" in page
    assert "More than 3 results in Events" in page and "All 5" not in page
    assert event_links(page) == 3  # the first page of the overview: at most the cap
    chosen = results(client, "klinika", kind="event")
    assert event_links(chosen) == 3 and 'rel="next"' not in chosen
    assert "Only the first 3 results are shown. Refine your search" in chosen


def test_pages_of_a_capped_kind_go_up_to_the_cap(client, net, app, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", 12)
    clinics(net, 15)
    first = results(client, "klinika", kind="event")
    assert event_links(first) == 10 and 'rel="next"' in first
    second = results(client, "klinika", kind="event", page=2)
    assert event_links(second) == 2 and 'rel="next"' not in second
    assert "Only the first 12 results are shown" in second
    assert event_links(results(client, "klinika", kind="event", page=3)) == 0
    # Twelve different events over the two pages: no repeats.
    found = set(re.findall(r'href="/events/(\d+)"', first + second))
    assert len(found) == 12


def test_at_or_below_the_cap_the_count_is_exact(client, net, app, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", 3)
    clinics(net, 3)
    page = results(client, "klinika")
    assert re.search(r"\b3 results", page) and "Events (3)" in page
    assert "more than" not in page.lower()
    chosen = results(client, "klinika", kind="event")
    assert event_links(chosen) == 3 and "Refine your search" not in chosen


def test_the_capped_count_in_serbian_scripts(client, net, app, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", 3)
    clinics(net, 4)
    client.set_cookie("rmn_lang", "sr_Latn")
    assert "Više od 3 rezultata" in results(client, "klinika")
    client.set_cookie("rmn_lang", "sr_Cyrl")
    page = results(client, "klinika")
    assert "Више од 3 резултата" in page and "више од 3" in page


def test_hidden_matches_neither_count_nor_take_the_place_of_visible_ones(client, net, app,
                                                                         monkeypatch):
    """The newest matches are private to Iris's organisation: an outsider gets
    the exact count of the two older public ones, and both of them."""
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", 3)
    visible = clinics(net, 2)
    clinics(net, 5, Visibility.ORGANISATION, word=f"Klinika {HIDDEN}")
    db.session.flush()
    login(client, net.outsider)
    for params in ({}, {"kind": "event"}):
        page = results(client, "klinika", **params)
        assert re.search(r"\b2 results", page) and "more than" not in page.lower()
        assert HIDDEN.lower() not in page.lower()
        assert set(re.findall(r'href="/events/(\d+)"', page)) == {str(e.id) for e in visible}
    client.post("/logout")
    login(client, net.member)  # inside the organisation all seven count, capped
    assert "Events (more than 3)" in results(client, "klinika")


def resource_order(page: str) -> list[int]:
    return [int(found) for found in re.findall(r'href="/resources/(\d+)"', page)]


@pytest.mark.parametrize("cap", [4, 1000])
def test_below_the_cap_a_title_match_ranks_above_newer_body_matches(client, net, app,
                                                                    monkeypatch, cap):
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", cap)
    titled = add_resource(net.member, "Deportacija: pregled prakse")
    newer = [add_resource(net.member, f"Izveštaj {n}", summary="Slučaj deportacije iz Srbije.")
             for n in range(3)]
    db.session.flush()
    login(client, net.member)
    order = resource_order(results(client, "deportacij", kind="resource"))
    assert order[0] == titled.id and set(order[1:]) == {r.id for r in newer}


def test_above_the_cap_only_the_newest_matches_are_ranked(client, net, app, monkeypatch):
    """The documented trade-off: with more matches than the cap, the best of
    the newest `cap` matches come first; an older, better one is left out."""
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", 3)
    titled = add_resource(net.member, "Deportacija: pregled prakse")
    newer = [add_resource(net.member, f"Izveštaj {n}", summary="Slučaj deportacije iz Srbije.")
             for n in range(3)]
    db.session.flush()
    login(client, net.member)
    page = results(client, "deportacij", kind="resource")
    assert set(resource_order(page)) == {r.id for r in newer}
    assert f'href="/resources/{titled.id}"' not in page
    assert "Resources (more than 3)" in page
