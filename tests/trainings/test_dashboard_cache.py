"""The network's training dashboard with the figure cache on (it is off for
the rest of the suite): the same page as without it, attendance shown at
once, names and language never cached, Redis failing open."""

import re
import socket

from rmn_portal import cache
from rmn_portal.config import redis_options
from rmn_portal.trainings import attendance, services
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AttendanceStatus

from ..factories import login
from .conftest import enrol_all, make_programme

LANGUAGES = ("en", "sr_Latn", "sr_Cyrl")
TOKENS = re.compile(r'(name="csrf_token"[^>]*value=|name="csrf-token" content=)"[^"]*"')


def _page(client, year: int) -> str:
    response = client.get(f"/trainings/dashboard?year={year}")
    assert response.status_code == 200
    return TOKENS.sub("TOKEN", response.get_data(as_text=True))


def _people_in_the_year(page: str) -> str:
    footer = page.split('id="table-quarters"')[1].split("<tfoot>")[1].split("</tfoot>")[0]
    return footer.split("</td>")[0].split(">")[-1]


def _trained(net, make, people: int):
    """A past session attended by `people` new people of Iris; returns it and its year."""
    programme = make_programme(net, days=(-3,))
    session = programme.sessions[0]
    enrolments = enrol_all(net, programme, [make.user(net.iris) for _ in range(people)])
    attendance.record(net.coordinator, session, {e.id: Mark(AttendanceStatus.PRESENT)
                                                 for e in enrolments})
    return programme, session.event.starts_at.year


def test_the_cached_page_is_the_page_without_the_cache(app, client, net, make):
    _programme, year = _trained(net, make, 6)
    enrol_all(net, make_programme(net, days=(-2,), title="Second"), [net.luka_staff[0]])
    reader = net.luka_staff[1]
    login(client, reader)
    pages = {}
    for language in LANGUAGES:
        reader.locale = language
        pages[language] = _page(client, year)
    switched_off = app.extensions[cache.EXTENSION]
    app.extensions[cache.EXTENSION] = cache.FigureCache(cache.MemoryStore(), 60)
    try:
        for language in LANGUAGES:  # English first: then the others read its entry
            reader.locale = language
            assert _page(client, year) == pages[language]  # computed and stored
            assert _page(client, year) == pages[language]  # read from the cache
    finally:
        app.extensions[cache.EXTENSION] = switched_off
    assert _people_in_the_year(pages["en"]) == "6"
    assert "People trained by country" in pages["en"]
    assert "People trained by country" not in pages["sr_Latn"]  # the language is not cached


def test_recorded_attendance_shows_at_once(client, net, make, figure_cache):
    programme, year = _trained(net, make, 6)
    login(client, net.luka_staff[1])
    assert _people_in_the_year(_page(client, year)) == "6"
    late = enrol_all(net, programme, [make.user(net.luka)])[0]
    attendance.record(net.coordinator, programme.sessions[0],
                      {late.id: Mark(AttendanceStatus.LATE)})
    assert _people_in_the_year(_page(client, year)) == "7"


def test_a_renamed_competency_shows_at_once(client, net, make, figure_cache):
    _programme, year = _trained(net, make, 6)
    login(client, net.luka_staff[1])
    assert "Asylum law" in _page(client, year)
    services.save_competency(net.coordinator, net.law, name="Refugee law", description="")
    page = _page(client, year)
    assert "Refugee law" in page and "Asylum law" not in page


def test_the_dashboard_works_while_redis_is_down(app, client, net, make):
    _programme, year = _trained(net, make, 6)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        url = f"redis://127.0.0.1:{sock.getsockname()[1]}/7"  # closed once the block ends
    switched_off = app.extensions[cache.EXTENSION]
    app.extensions[cache.EXTENSION] = cache.FigureCache(
        cache.RedisStore(url, redis_options({"REDIS_URL": url, "REDIS_TIMEOUT": 0.5})), 60)
    try:
        login(client, net.luka_staff[1])
        assert _people_in_the_year(_page(client, year)) == "6"
    finally:
        app.extensions[cache.EXTENSION] = switched_off
