"""The needs dashboard with the figure cache on (tests/conftest.py turns it
off for the rest of the suite): the same page as without it, one entry per
visibility scope, changes shown at once, Redis failing open, and two servers
sharing their figures through Redis."""

import re
import socket
import uuid
from datetime import date

import pytest
from sqlalchemy import text

from rmn_portal import cache
from rmn_portal.config import redis_options
from rmn_portal.content import Visibility
from rmn_portal.db import db
from rmn_portal.notes import services

from ..conftest import PortalClient, make_app, migrate
from ..factories import Factory, login
from .conftest import NoteMaker, People

PAGE = "/notes/dashboard?year=2025"
TOKENS = re.compile(r'(name="csrf_token"[^>]*value=|name="csrf-token" content=)"[^"]*"')
PATHS = (PAGE, "/notes/dashboard.csv?year=2025")
LANGUAGES = ("en", "sr_Latn", "sr_Cyrl")
TEST_REDIS = "redis://127.0.0.1:6379/7"  # a database number of its own


def _notes_in_q2(page: str) -> str:
    """The Q2 2025 cell of the notes-by-quarter table."""
    table = page.split('id="table-quarters"')[1].split("</table>")[0]
    return table.split("Q2 2025</th>")[1].split("</td>")[0].split(">")[-1]


def _page(client, path=PAGE) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return TOKENS.sub("TOKEN", response.get_data(as_text=True))


def _publish(notes, count, **fields):
    fields.setdefault("period", date(2025, 5, 1))
    return [notes.published(**fields) for _ in range(count)]


def test_the_cached_page_is_the_page_without_the_cache(app, client, people, notes):
    _publish(notes, 6, categories=["legal-aid"], region="belgrade")
    _publish(notes, 2, categories=["health"], region="vojvodina", visibility=Visibility.NETWORK)
    reader = people.other_member
    login(client, reader)
    pages = {}
    for language in LANGUAGES:
        reader.locale = language
        pages.update({(path, language): _page(client, path) for path in PATHS})
    switched_off = app.extensions[cache.EXTENSION]
    app.extensions[cache.EXTENSION] = figures = cache.FigureCache(cache.MemoryStore(), 60)
    try:
        for (path, language), page in pages.items():  # English first, then from its entries
            reader.locale = language
            assert _page(client, path) == page  # computed and stored
            assert _page(client, path) == page  # read from the cache
        assert len(figures.store._entries) == 2  # the years and the counts: no language
    finally:
        app.extensions[cache.EXTENSION] = switched_off
    assert ">&lt;5<" in pages[(PAGE, "en")]  # the two in Vojvodina stay suppressed
    assert "Notes by region" in pages[(PAGE, "en")]
    assert "Notes by region" not in pages[(PAGE, "sr_Latn")]  # the language is not cached


@pytest.mark.parametrize("member_first", [True, False])
def test_readers_who_see_different_notes_never_share_figures(client, people, notes,
                                                             figure_cache, member_first):
    _publish(notes, 5)
    _publish(notes, 5, visibility=Visibility.NETWORK)
    readers = [("member", people.colleague, "10"), ("anonymous", None, "5")]
    for _label, person, expected in readers if member_first else readers[::-1]:
        client.post("/logout")
        if person:
            login(client, person)
        assert _notes_in_q2(_page(client)) == expected


def test_an_organisation_sees_its_own_figures_only(client, people, notes, figure_cache):
    # Published notes are public or network-wide; the dashboard still counts
    # with the general rule (visible_to), which lets an organisation see its
    # own organisation-only content: the cache key must follow it.
    _publish(notes, 5)
    for note in _publish(notes, 6, visibility=Visibility.NETWORK):
        note.visibility = Visibility.ORGANISATION  # the author's organisation only
    login(client, people.colleague)  # the author's organisation
    assert _notes_in_q2(_page(client)) == "11"
    client.post("/logout")
    login(client, people.other_member)
    assert _notes_in_q2(_page(client)) == "5"
    client.post("/logout")
    login(client, people.own_org_admin)  # the author's organisation again, another role
    assert _notes_in_q2(_page(client)) == "11"


def test_publishing_and_deleting_a_note_show_at_once(client, people, notes, figure_cache):
    published = _publish(notes, 5)
    assert _notes_in_q2(_page(client)) == "5"
    _publish(notes, 1)
    assert _notes_in_q2(_page(client)) == "6"
    services.delete(people.coordinator, published[0])  # moderation
    assert _notes_in_q2(_page(client)) == "5"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_dashboard_works_while_redis_is_down(app, client, people, notes):
    _publish(notes, 5)
    url = f"redis://127.0.0.1:{_closed_port()}/7"
    switched_off = app.extensions[cache.EXTENSION]
    app.extensions[cache.EXTENSION] = cache.FigureCache(
        cache.RedisStore(url, redis_options({"REDIS_URL": url, "REDIS_TIMEOUT": 0.5})), 60)
    try:
        assert _notes_in_q2(_page(client)) == "5"
        _publish(notes, 1)  # its bump fails too: no error for the person publishing
        db.session.commit()
        login(client, people.other_member)
        assert _notes_in_q2(_page(client)) == "6"
        assert client.get("/notes/dashboard.csv?year=2025").status_code == 200
    finally:
        app.extensions[cache.EXTENSION] = switched_off


# --- two servers sharing one Redis --------------------------------------------------------

def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def shared_redis(tmp_path):
    """Settings for servers sharing the test Redis under a key prefix of their
    own; the keys are removed afterwards."""
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    import redis

    prefix = f"test-figures-{uuid.uuid4().hex[:12]}:"
    yield {"REDIS_URL": TEST_REDIS, "RATELIMIT_KEY_PREFIX": prefix, "CACHE_SECONDS": 60}
    client = redis.Redis.from_url(TEST_REDIS)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    # Flask-Limiter keeps one storage for the whole process, set by the last
    # app created: a throwaway app puts the rest of the suite back in memory.
    make_app(tmp_path / "throwaway", "sqlite://")


def test_two_servers_share_the_figures_and_see_a_publication_at_once(tmp_path, databases,
                                                                     shared_redis):
    url = databases.new_url()
    one = make_app(tmp_path / "one", url, **shared_redis)
    migrate(one)
    two = make_app(tmp_path / "two", url, **shared_redis)
    one.test_client_class = two.test_client_class = PortalClient
    with one.app_context():
        notes = NoteMaker(People(Factory(db.session)))
        hidden = _publish(notes, 6)[0].id
        db.session.commit()
    assert _notes_in_q2(_page(one.test_client())) == "6"  # computed by one, stored in Redis

    with two.app_context():  # a change that bypasses the ORM bumps nothing
        db.session.execute(text("UPDATE notes SET status = 'draft' WHERE id = :id"),
                           {"id": hidden})
        db.session.commit()
    assert _notes_in_q2(_page(two.test_client())) == "6"  # server two reads one's entry

    with two.app_context():
        notes = NoteMaker(People(Factory(db.session)))
        _publish(notes, 2)
        db.session.commit()  # bumps the version in Redis
    assert _notes_in_q2(_page(one.test_client())) == "7"
    assert _notes_in_q2(_page(two.test_client())) == "7"
    for server in (one, two):
        with server.app_context():
            db.engine.dispose()
