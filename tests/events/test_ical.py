"""iCalendar downloads and feeds, parsed back with the icalendar library."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import select

from rmn_portal.events import services
from rmn_portal.events.models import CalendarSubscription
from tests.factories import login

from .helpers import make_event, utc

BELGRADE = ZoneInfo("Europe/Belgrade")


def parse(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def vevents(calendar: Calendar) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_event_download_has_zone_times_uid_and_vtimezone(client, organiser, db_session):
    event = make_event(organiser, title="Summer school", visibility="public",
                       starts_at=utc(2027, 7, 5, 7), ends_at=utc(2027, 7, 5, 15),
                       venue="Dom omladine", city="Beograd", country="RS")
    calendar = parse(client.get(f"/events/{event.id}.ics"))
    [vevent] = calendar.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start == utc(2027, 7, 5, 7)
    assert str(start.tzinfo) == "Europe/Belgrade" and start.hour == 9  # local wall time
    assert vevent["DTSTART"].params["TZID"] == "Europe/Belgrade"
    assert vevent.decoded("DTEND") == utc(2027, 7, 5, 15)
    assert str(vevent["UID"]) == event.uid
    assert str(vevent["STATUS"]) == "CONFIRMED" and vevent.decoded("SEQUENCE") == 0
    assert str(vevent["LOCATION"]) == "Dom omladine, Beograd, Serbia"
    assert str(vevent["URL"]).endswith(f"/events/{event.id}")
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Belgrade"
    assert {c.name for c in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_uid_stays_and_sequence_rises_with_changes_and_cancellation(client, organiser,
                                                                    db_session):
    event = make_event(organiser, title="Board meeting", visibility="public")
    first = vevents(parse(client.get(f"/events/{event.id}.ics")))["Board meeting"]
    services.update_event(organiser, event, title="Board meeting",
                          starts_at=event.starts_at + timedelta(hours=2),
                          ends_at=event.ends_at + timedelta(hours=2))
    moved = vevents(parse(client.get(f"/events/{event.id}.ics")))["Board meeting"]
    services.cancel_event(organiser, event, reason="Postponed to spring")
    cancelled = vevents(parse(client.get(f"/events/{event.id}.ics")))["Board meeting"]

    assert str(first["UID"]) == str(moved["UID"]) == str(cancelled["UID"])
    assert [e.decoded("SEQUENCE") for e in (first, moved, cancelled)] == [0, 1, 2]
    assert moved.decoded("DTSTART") - first.decoded("DTSTART") == timedelta(hours=2)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert "Postponed to spring" in str(cancelled["DESCRIPTION"])


def test_public_feed_carries_only_public_events_and_keeps_cancelled_ones(client, organiser,
                                                                         db_session):
    make_event(organiser, title="Public launch", visibility="public")
    make_event(organiser, title="Network only", visibility="network")
    make_event(organiser, title="Org only", visibility="organisation")
    gone = make_event(organiser, title="Called off", visibility="public")
    services.cancel_event(organiser, gone)
    calendar = parse(client.get("/events/public.ics"))
    found = vevents(calendar)
    assert set(found) == {"Public launch", "Called off"}
    assert str(found["Called off"]["STATUS"]) == "CANCELLED"
    assert str(calendar["X-WR-CALNAME"])


def test_online_link_only_in_calendars_of_people_with_a_place(client, organiser, members,
                                                              db_session):
    event = make_event(organiser, title="Webinar", format="online", city="",
                       online_url="https://meet.example.org/secret-room", visibility="public",
                       capacity=1)
    services.rsvp(members[0], event, "going")
    services.rsvp(members[1], event, "going")  # waiting list
    assert b"secret-room" not in client.get(f"/events/{event.id}.ics").data
    login(client, members[1])
    waiting = vevents(parse(client.get(f"/events/{event.id}.ics")))["Webinar"]
    assert "secret-room" not in waiting.to_ical().decode()
    assert str(waiting["STATUS"]) == "TENTATIVE"
    client.post("/logout")
    login(client, members[0])
    going = parse(client.get(f"/events/{event.id}.ics"))
    assert "https://meet.example.org/secret-room" in str(vevents(going)["Webinar"]["LOCATION"])


def test_ics_of_an_invisible_event_is_not_found(client, organiser, make, db_session):
    event = make_event(organiser, visibility="organisation")
    assert client.get(f"/events/{event.id}.ics").status_code == 302  # sign in first
    login(client, make.user(make.org()))
    assert client.get(f"/events/{event.id}.ics").status_code == 404


# --- personal subscriptions ---------------------------------------------------------------

def new_feed_url(client, include_network=False) -> str:
    data = {"include_network": "y"} if include_network else {}
    page = client.post("/events/subscriptions", data=data).get_data(as_text=True)
    marker = 'id="feed-url" type="text" readonly value="'
    assert marker in page
    url = page.split(marker, 1)[1].split('"', 1)[0]
    return url.replace("http://localhost", "")


def test_personal_feed_has_my_events_and_optionally_the_network(client, organiser, members,
                                                                 make, db_session):
    me = members[0]
    mine = make_event(organiser, title="Registered", visibility="network",
                      format="online", city="", online_url="https://meet.example.org/mine")
    maybe = make_event(organiser, title="Maybe", visibility="network")
    declined = make_event(organiser, title="Declined", visibility="network")
    make_event(organiser, title="Other network event", visibility="network")
    hidden = make_event(organiser, title="Another org's internal", visibility="organisation")
    services.rsvp(me, mine, "going")
    services.rsvp(me, maybe, "maybe")
    services.rsvp(me, declined, "not_going")
    cancelled = make_event(organiser, title="Cancelled later", visibility="network")
    services.rsvp(me, cancelled, "going")
    services.cancel_event(organiser, cancelled)
    assert hidden.org_id != me.org_id

    login(client, me)
    url = new_feed_url(client)
    client.post("/logout")  # calendar programs fetch without a session
    found = vevents(parse(client.get(url)))
    assert set(found) == {"Registered", "Maybe", "Cancelled later"}
    assert str(found["Maybe"]["STATUS"]) == "TENTATIVE"
    assert str(found["Cancelled later"]["STATUS"]) == "CANCELLED"
    assert "https://meet.example.org/mine" in str(found["Registered"]["LOCATION"])

    login(client, me)
    client.post("/events/subscriptions", data={"include_network": "y"})
    client.post("/logout")
    found = vevents(parse(client.get(url)))
    assert "Other network event" in found and "Declined" in found
    assert "Another org's internal" not in found


def test_feed_token_is_stored_hashed_and_can_be_regenerated_or_revoked(client, members,
                                                                       db_session):
    me = members[0]
    login(client, me)
    url = new_feed_url(client)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = db_session.scalar(select(CalendarSubscription).where(
        CalendarSubscription.user_id == me.id))
    assert stored.token_hash != token and token not in stored.token_hash
    assert len(token) >= 40
    # The address is shown once; the page does not show it again.
    assert token not in client.get("/events/subscriptions").get_data(as_text=True)
    assert client.get(url).status_code == 200

    page = client.post("/events/subscriptions/regenerate").get_data(as_text=True)
    new_token = page.split('readonly value="', 1)[1].split('"', 1)[0].rsplit("/", 1)[1]
    assert client.get(url).status_code == 404
    assert client.get(f"/events/feeds/{new_token}").status_code == 200

    client.post("/events/subscriptions/revoke")
    assert client.get(f"/events/feeds/{new_token}").status_code == 404
    assert db_session.scalar(select(CalendarSubscription.id).where(
        CalendarSubscription.user_id == me.id)) is None


def test_feed_of_a_deactivated_person_stops(client, members, db_session):
    me = members[0]
    login(client, me)
    url = new_feed_url(client)
    me.active = False
    db_session.flush()
    assert client.get(url).status_code == 404
    assert client.get("/events/feeds/not-a-real-token.ics").status_code == 404


def test_pages_link_their_calendar_feeds(client, organiser, db_session):
    event = make_event(organiser, visibility="public")
    for path in ("/events", "/events/month", f"/events/{event.id}"):
        page = client.get(path).get_data(as_text=True)
        assert '<link rel="alternate" type="text/calendar"' in page, path
    assert f'href="/events/{event.id}.ics"' in client.get(f"/events/{event.id}").get_data(
        as_text=True)


def test_unchanged_feeds_answer_304_and_changes_show(client, organiser, db_session):
    event = make_event(organiser, title="Polled", visibility="public")
    first = client.get("/events/public.ics")
    etag = first.headers["ETag"]
    again = client.get("/events/public.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    services.update_event(organiser, event, title="Polled and renamed")
    changed = client.get("/events/public.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and b"Polled and renamed" in changed.data
    assert changed.headers["ETag"] != etag
    assert first.headers["Cache-Control"] == "public, max-age=300"
