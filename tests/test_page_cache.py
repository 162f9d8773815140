"""The page cache (`rmn_portal/pagecache.py`) as readers see it: a page read
again comes back without being rendered, but never to another reader, never
after a change, never with another session's CSRF token or without a message
that was waiting."""

import re
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from rmn_portal import pagecache
from rmn_portal.accounts.models import Role
from rmn_portal.api import tokens
from rmn_portal.content import Visibility
from rmn_portal.db import db

from .factories import login
from .servers import TEST_REDIS_URL, redis_answers

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@contextmanager
def statements_counted():
    """The SELECT statements run meanwhile (not the test's own savepoints)."""
    executed = []

    def count(_connection, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            executed.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield executed
    finally:
        event.remove(Engine, "before_cursor_execute", count)


@pytest.fixture
def org(make):
    return make.org(name="Duga Collective", short_name="Duga")


@pytest.fixture
def member(make, org):
    return make.user(org, Role.MEMBER, name="Mila Member")


def test_a_page_read_again_is_served_without_rendering_it(client, member, add_resource):
    add_resource(member, "Reception conditions in Bihać")
    login(client, member)
    client.get("/privacy")  # the first page after signing in starts the session's CSRF secret
    with statements_counted() as rendering:
        first = client.get("/resources")
    with statements_counted() as serving:
        again = client.get("/resources")
    assert first.status_code == again.status_code == 200
    assert "Reception conditions in Bihać" in again.get_data(as_text=True)
    # Rendering reads the list, its count and its filters; a cached copy only
    # needs to know who is asking (the session).
    assert len(rendering) >= 5 and len(serving) <= 1
    without_tokens = [CSRF.sub("", page.get_data(as_text=True)) for page in (first, again)]
    assert without_tokens[0] == without_tokens[1]


def test_each_reader_gets_the_page_rendered_for_them(app, client, make, org, member,
                                                     add_resource):
    add_resource(member, "Internal safety plan", visibility=Visibility.ORGANISATION)
    outsider = make.user(make.org(name="Other Org", short_name="Other"), Role.MEMBER)
    other, anonymous = app.test_client(), app.test_client()
    # Signing in is recorded (an audit event, a change): everyone signs in first.
    login(client, member)
    login(other, outsider)
    for _ in range(2):
        assert "Internal safety plan" in client.get("/resources").get_data(as_text=True)
    for reader in (other, anonymous, other, anonymous):
        page = reader.get("/resources")
        assert page.status_code == 200
        assert "Internal safety plan" not in page.get_data(as_text=True)


def test_a_committed_change_shows_at_once(client, member):
    login(client, member)
    for _ in range(2):
        assert "Shelter map" not in client.get("/resources").get_data(as_text=True)
    created = client.post("/resources/new", data={
        "title": "Shelter map", "kind": "report", "languages": ["en"], "visibility": "network",
        "summary": "", "tags": "", "year": "", "external_url": "https://example.org/map"},
        follow_redirects=True)  # the resource's page shows "saved" (and no longer waits)
    assert created.status_code == 200
    assert "Shelter map" in client.get("/resources").get_data(as_text=True)


def test_a_cached_page_carries_a_token_that_works_for_the_session_reading_it(app, client,
                                                                             member):
    phone = app.test_client()  # the same person, signed in on a second device
    login(client, member)
    login(phone, member)
    for _ in range(2):
        assert client.get("/resources").status_code == 200  # rendered and kept
    page = phone.get("/resources").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    signed_out = phone.post("/logout", data={"csrf_token": token}, csrf=False)
    assert signed_out.status_code == 302
    assert phone.get("/dashboard").status_code == 302  # to the sign-in page
    assert client.get("/dashboard").status_code == 200  # the first device is still in


def test_a_waiting_message_is_shown_once(client, member):
    login(client, member)
    client.get("/resources")
    client.get("/resources")
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Your export is ready.")]
    assert "Your export is ready." in client.get("/resources").get_data(as_text=True)
    assert "Your export is ready." not in client.get("/resources").get_data(as_text=True)


def test_a_revoked_token_reads_nothing_from_the_cache(client, member, add_resource, db_session):
    add_resource(member, "Network strategy")
    token, secret = tokens.create_token(member, "Reporting", 30)
    db_session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    for _ in range(2):
        listing = client.get("/api/v1/resources", headers=headers)
        assert "Network strategy" in listing.get_data(as_text=True)
    # Revoking changes only the token's own row, which no page shows.
    tokens.revoke(member, token)
    db_session.commit()
    assert client.get("/api/v1/resources", headers=headers).status_code == 401
    anonymous = client.get("/api/v1/resources")
    assert "Network strategy" not in anonymous.get_data(as_text=True)


def test_queries_are_counted_on_a_render_not_on_a_cached_copy(client, member):
    """`queries_per_page` (bench, query-growth test) empties the cache first."""
    from rmn_portal.benchdata.pages import queries_per_page

    login(client, member)
    with client.application.app_context():
        engine = db.engine
    counts = queries_per_page(client, engine, [("resources", "/resources")])
    assert counts["/resources"] >= 5


# --- the shared data version ---------------------------------------------------------

def _versions(kind: str, tmp_path: Path):
    if kind == "file":
        return pagecache.FileVersion(tmp_path / "data-version")
    if not redis_answers():
        pytest.skip("Redis does not answer at RMN_TEST_REDIS_URL")
    return pagecache.RedisVersion(TEST_REDIS_URL, {}, f"test:{uuid.uuid4().hex}:version")


@pytest.mark.parametrize("kind", ["file", "redis"])
def test_a_change_seen_by_one_worker_empties_every_worker(kind, tmp_path):
    shared = _versions(kind, tmp_path)
    workers = [pagecache.PageCache(shared, 30) for _ in range(2)]
    page = pagecache.Page(time.monotonic() + 30, 200, [], b"<p>old figures</p>")
    for worker in workers:
        version = worker.version()
        worker.store.get(version, ("user:1", "en", "/notes"))
        worker.store.put(version, ("user:1", "en", "/notes"), page)
        assert worker.store.get(version, ("user:1", "en", "/notes")) is page

    workers[0].data_changed()

    version = workers[1].version()
    assert workers[1].store.get(version, ("user:1", "en", "/notes")) is None


def test_a_page_is_kept_no_longer_than_its_time(tmp_path):
    cache = pagecache.PageCache(pagecache.FileVersion(tmp_path / "data-version"), 30)
    version = cache.version()
    cache.store.get(version, "key")
    cache.store.put(version, "key", pagecache.Page(time.monotonic() - 0.001, 200, [], b"x"))
    assert cache.store.get(version, "key") is None


# --- sessions remembered between requests ------------------------------------------------

def _replay_cookie(app, client):
    """A second client holding a copy of `client`'s session cookie (a stolen one)."""
    thief = app.test_client()
    thief.set_cookie("rmn_session", client.get_cookie("rmn_session").value)
    return thief


def test_a_session_ends_at_once_though_workers_remember_it(app, client, member):
    login(client, member)
    thief = _replay_cookie(app, client)
    for _ in range(2):  # remembered, with the resources page
        assert thief.get("/resources").status_code == 200
        assert thief.get("/dashboard").status_code == 200
    assert client.post("/logout").status_code == 302
    assert thief.get("/dashboard").status_code == 302
    assert "Mila Member" not in thief.get("/resources").get_data(as_text=True)


def test_a_deactivated_account_is_signed_out_at_once(app, client, member, db_session):
    login(client, member)
    for _ in range(2):
        assert client.get("/dashboard").status_code == 200
    member.active = False
    db_session.commit()
    assert client.get("/dashboard").status_code == 302


def test_a_remembered_session_keeps_no_password_hash_or_second_factor_secret(app, client,
                                                                              member):
    from rmn_portal.accounts import known_sessions

    login(client, member)
    client.get("/dashboard")
    client.get("/dashboard")
    remembered = app.extensions[known_sessions.EXTENSION]
    copies = list(remembered._sessions.values())
    assert copies and all(copy.user["id"] == member.id for copy in copies)
    assert all(not {"password_hash", "totp_secret"} & copy.user.keys() for copy in copies)


def test_readers_of_a_page_being_rendered_wait_for_that_copy():
    import threading

    store = pagecache.PageStore()
    store.get("v1", "key")
    assert store.claim("key") is None  # this thread renders
    waiting = store.claim("key")  # another reader of the same page waits
    assert waiting is not None and not waiting.is_set()
    seen = []
    reader = threading.Thread(target=lambda: seen.append(
        waiting.wait(5) and store.get("v1", "key")))
    reader.start()
    page = pagecache.Page(time.monotonic() + 30, 200, [], b"<p>rendered once</p>")
    store.put("v1", "key", page)
    store.rendered("key")
    reader.join(5)
    assert seen == [page]
    assert store.claim("key") is None  # the next change's first reader renders again
