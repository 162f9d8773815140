"""Times are typed and read in the reader's time zone and stored in UTC,
including on the nights the clocks change in Europe/Belgrade:
28 March 2027 (02:00 → 03:00) and 31 October 2027 (03:00 → 02:00)."""

import pytest
from sqlalchemy import select

from rmn_portal.events.models import Event
from tests.factories import login

from .helpers import make_event, utc


def event_form(**overrides):
    data = {"title": "Night shift handover", "kind": "meeting", "format": "in_person",
            "city": "Beograd", "country": "RS", "visibility": "network",
            "starts_at": "2027-03-28T01:30", "ends_at": "2027-03-28T04:00"}
    data.update(overrides)
    return data


def saved(db_session, title="Night shift handover") -> Event:
    return db_session.scalar(select(Event).where(Event.title == title))


@pytest.mark.parametrize(("typed", "stored"), [
    ("2027-03-28T01:30", utc(2027, 3, 28, 0, 30)),  # before the change: UTC+1
    ("2027-03-28T03:30", utc(2027, 3, 28, 1, 30)),  # after: UTC+2
    ("2027-10-31T01:30", utc(2027, 10, 30, 23, 30)),  # summer time still
    # 02:30 happens twice on 31 October; it means the first one (UTC+2).
    ("2027-10-31T02:30", utc(2027, 10, 31, 0, 30)),
    ("2027-10-31T03:30", utc(2027, 10, 31, 2, 30)),  # winter time: UTC+1
])
def test_form_times_are_read_in_the_readers_zone_across_dst(client, make, db_session, typed,
                                                            stored):
    login(client, make.user())
    response = client.post("/events/new", data=event_form(starts_at=typed,
                                                          ends_at=typed[:10] + "T23:00"))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert saved(db_session).starts_at == stored


def test_a_time_the_clocks_skip_is_refused_beside_the_field(client, make, db_session):
    login(client, make.user())
    response = client.post("/events/new", data=event_form(starts_at="2027-03-28T02:30"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="starts_at-error"' in page
    assert "This time does not exist in your time zone (Europe/Belgrade)" in page
    assert saved(db_session) is None


def test_a_reader_elsewhere_types_and_reads_in_their_own_zone(client, make, db_session):
    person = make.user(timezone="America/New_York")
    login(client, person)
    response = client.post("/events/new", data=event_form(starts_at="2027-03-28T01:30",
                                                          ends_at="2027-03-28T03:00"))
    assert response.status_code == 302
    event = saved(db_session)
    # 01:30 in New York (already on summer time since 14 March: UTC-4).
    assert event.starts_at == utc(2027, 3, 28, 5, 30)
    assert event.timezone == "America/New_York"
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "1:30\u202fAM–3:00\u202fAM (UTC-4)" in page or "1:30 AM–3:00 AM (UTC-4)" in page
    assert "Local time at the event" not in page


def test_the_same_wall_clock_hour_twice_in_october_is_told_apart(client, make, db_session):
    organiser = make.user()
    first = make_event(organiser, title="First 02:30", starts_at=utc(2027, 10, 31, 0, 30),
                       ends_at=utc(2027, 10, 31, 0, 45))
    second = make_event(organiser, title="Second 02:30", starts_at=utc(2027, 10, 31, 1, 30),
                        ends_at=utc(2027, 10, 31, 1, 45))
    login(client, make.user())
    first_page = client.get(f"/events/{first.id}").get_data(as_text=True)
    second_page = client.get(f"/events/{second.id}").get_data(as_text=True)
    assert "(UTC+2)" in first_page and "(UTC+1)" in second_page
    for page in (first_page, second_page):
        assert "October 31, 2027, 2:30" in page


def test_anonymous_readers_see_the_portal_zone_and_others_their_own(client, make, db_session):
    organiser = make.user()
    event = make_event(organiser, visibility="public", starts_at=utc(2027, 7, 1, 8),
                       ends_at=utc(2027, 7, 1, 10), timezone="Europe/Belgrade")
    anonymous = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "10:00\u202fAM–12:00\u202fPM (UTC+2)" in anonymous
    login(client, make.user(timezone="Asia/Kabul"))
    kabul = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "12:30\u202fPM–2:30\u202fPM (UTC+4:30)" in kabul
    assert "Local time at the event (Europe/Belgrade)" in kabul


def test_editing_shows_stored_times_back_in_the_readers_zone(client, make, db_session):
    organiser = make.user()
    event = make_event(organiser, starts_at=utc(2027, 10, 31, 2, 30),
                       ends_at=utc(2027, 10, 31, 4))
    login(client, organiser)
    page = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert 'value="2027-10-31T03:30"' in page and 'value="2027-10-31T05:00"' in page
    # Saving the form unchanged keeps the instant (no drift of an hour).
    data = event_form(title=event.title, starts_at="2027-10-31T03:30",
                      ends_at="2027-10-31T05:00", version=str(event.version))
    assert client.post(f"/events/{event.id}/edit", data=data).status_code == 302
    db_session.refresh(event)
    assert event.starts_at == utc(2027, 10, 31, 2, 30)
