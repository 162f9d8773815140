"""Creating, changing and cancelling events: rules, notifications, series."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from rmn_portal.accounts.models import Role
from rmn_portal.audit import AuditEvent
from rmn_portal.errors import ServiceError
from rmn_portal.events import services
from rmn_portal.events.models import Event, EventStatus, Frequency
from rmn_portal.events.services import Repeat, Scope
from rmn_portal.notify.models import Notification

from .helpers import make_event, soon, utc


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"ends_at": soon(7, hour=8)}, "ends_at", "The end must be after the start."),
    ({"capacity": -1}, "capacity", "The capacity cannot be below zero."),
    ({"online_url": "javascript:alert(1)"}, "online_url", "web address"),
    ({"online_url": "ftp://files.example.org/x"}, "online_url", "web address"),
    ({"registration_deadline": soon(8)}, "registration_deadline", "must not be after the start"),
    ({"title": "   "}, "title", "title"),
    ({"city": "", "venue": ""}, "venue", "venue or a city"),
    ({"languages": ["xx"]}, "languages", "languages"),
])
def test_bad_input_is_refused_and_nothing_is_saved(db_session, organiser, changes, field,
                                                   message):
    with pytest.raises(ServiceError) as refused:
        make_event(organiser, **changes)
    assert refused.value.field == field
    assert message in refused.value.message
    assert db_session.scalar(select(Event.id)) is None


def test_bad_update_changes_nothing(db_session, organiser):
    event = make_event(organiser, title="Original")
    before = (event.title, event.ends_at, event.version, event.sequence)
    with pytest.raises(ServiceError):
        services.update_event(organiser, event, title="New", ends_at=event.starts_at
                              - timedelta(hours=1))
    assert (event.title, event.ends_at, event.version, event.sequence) == before


def test_only_organisers_change_or_cancel(db_session, organiser, make):
    event = make_event(organiser)
    stranger = make.user(make.org())
    colleague = make.user(organiser.org)  # a member, not the author
    for person in (stranger, colleague):
        with pytest.raises(ServiceError) as refused:
            services.update_event(person, event, title="Hijacked")
        assert refused.value.status == 403
        with pytest.raises(ServiceError):
            services.cancel_event(person, event)
    coordinator = make.user(make.org(), Role.COORDINATOR)
    services.update_event(coordinator, event, title="Moderated")
    assert event.title == "Moderated"


def test_members_organise_only_for_their_own_organisation(db_session, make):
    member = make.user(make.org())
    with pytest.raises(ServiceError):
        make_event(member, org=make.org())
    coordinator = make.user(make.org(), Role.COORDINATOR)
    other = make.org()
    assert make_event(coordinator, org=other).org_id == other.id


def test_sequence_and_version_rise_on_changes_only(db_session, organiser):
    event = make_event(organiser)
    uid = event.uid
    assert services.update_event(organiser, event, title=event.title) == []
    assert (event.sequence, event.version) == (0, 1)
    services.update_event(organiser, event, capacity=30)
    assert (event.sequence, event.version) == (0, 2)  # not a calendar change
    services.update_event(organiser, event, starts_at=event.starts_at + timedelta(hours=1),
                          ends_at=event.ends_at + timedelta(hours=1))
    assert (event.sequence, event.version) == (1, 3)
    assert event.uid == uid


def test_edit_conflict_when_the_event_moved_on(db_session, organiser):
    event = make_event(organiser)
    services.update_event(organiser, event, title="Changed by a colleague",
                          expected_version=1)
    with pytest.raises(services.EditConflict) as conflict:
        services.update_event(organiser, event, title="My older edit", expected_version=1)
    assert conflict.value.status == 409
    assert event.title == "Changed by a colleague"


def test_time_or_place_change_tells_registrants_and_resets_reminders(db_session, organiser,
                                                                    members, outbox):
    event = make_event(organiser)
    going = services.rsvp(members[0], event, "going")
    services.rsvp(members[1], event, "not_going")
    going.reminded_at = event.starts_at - timedelta(hours=20)
    services.update_event(organiser, event, description="Only the text changed")
    assert not db_session.scalars(select(Notification).where(
        Notification.kind == "events.changed")).all()

    services.update_event(organiser, event, venue="New venue, Knez Mihailova 1")
    services.update_event(organiser, event, starts_at=event.starts_at + timedelta(days=1),
                          ends_at=event.ends_at + timedelta(days=1))
    notes = db_session.scalars(select(Notification).where(
        Notification.kind == "events.changed")).all()
    assert [n.user_id for n in notes] == [members[0].id, members[0].id]
    assert "New venue, Knez Mihailova 1" in notes[0].body
    assert going.reminded_at is None
    assert [m.to_address for m in outbox.messages()].count(members[0].email) == 2


def test_cancellation_keeps_the_event_and_tells_everyone_interested(db_session, organiser,
                                                                    members):
    event = make_event(organiser, capacity=1)
    services.rsvp(members[0], event, "going")
    services.rsvp(members[1], event, "going")  # waiting list
    services.rsvp(members[2], event, "not_going")
    services.cancel_event(organiser, event, reason="The venue is closed")
    assert event.status is EventStatus.CANCELLED and event.sequence == 1
    told = {n.user_id for n in db_session.scalars(select(Notification).where(
        Notification.kind == "events.cancelled"))}
    assert told == {members[0].id, members[1].id}
    with pytest.raises(ServiceError):
        services.update_event(organiser, event, title="Too late")
    with pytest.raises(ServiceError):
        services.cancel_event(organiser, event)
    assert db_session.scalar(select(AuditEvent.action).where(
        AuditEvent.action == "event.cancelled")) == "event.cancelled"


# --- recurring events ---------------------------------------------------------------------

def series_of(db_session, event):
    return db_session.scalars(select(Event).where(Event.series_id == event.series_id)
                              .order_by(Event.starts_at)).all()


def test_weekly_series_keeps_wall_clock_time_across_the_spring_change(db_session, organiser):
    # Tuesdays at 10:00 in Belgrade, 17 March to 7 April 2026: clocks change on 29 March.
    first = make_event(organiser, starts_at=utc(2026, 3, 17, 9), ends_at=utc(2026, 3, 17, 11),
                       timezone="Europe/Belgrade", repeat=Repeat(Frequency.WEEKLY, count=4))
    occurrences = series_of(db_session, first)
    assert [e.starts_at for e in occurrences] == [
        utc(2026, 3, 17, 9), utc(2026, 3, 24, 9), utc(2026, 3, 31, 8), utc(2026, 4, 7, 8)]
    assert all(e.ends_at - e.starts_at == timedelta(hours=2) for e in occurrences)
    assert len({e.uid for e in occurrences}) == 4


def test_monthly_series_until_a_date_skips_short_months(db_session, organiser):
    first = make_event(organiser, starts_at=utc(2026, 1, 31, 9), ends_at=utc(2026, 1, 31, 10),
                       repeat=Repeat(Frequency.MONTHLY, until=date(2026, 6, 30)))
    assert [e.starts_at.date() for e in series_of(db_session, first)] == [
        date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)]


@pytest.mark.parametrize(("repeat", "field"), [
    (Repeat(Frequency.WEEKLY), "repeat_until"),
    (Repeat(Frequency.WEEKLY, count=53), "repeat_count"),
    (Repeat(Frequency.WEEKLY, until=date(2030, 1, 1)), "repeat_until"),
    (Repeat(Frequency.WEEKLY, until=date(2020, 1, 1)), "repeat_until"),
])
def test_series_limits(db_session, organiser, repeat, field):
    with pytest.raises(ServiceError) as refused:
        make_event(organiser, repeat=repeat)
    assert refused.value.field == field


def test_editing_one_occurrence_or_the_whole_series(db_session, organiser, members):
    first = make_event(organiser, starts_at=utc(2030, 3, 5, 9), ends_at=utc(2030, 3, 5, 10),
                       repeat=Repeat(Frequency.WEEKLY, count=4))
    occurrences = series_of(db_session, first)
    services.update_event(organiser, occurrences[1], title="Special edition")
    assert [e.title for e in occurrences] == ["Network meeting", "Special edition",
                                              "Network meeting", "Network meeting"]
    services.rsvp(members[0], occurrences[3], "going")

    # Move the whole series an hour later, from the third occurrence's form.
    third = occurrences[2]
    services.update_event(organiser, third, scope=Scope.SERIES, title="Coordination call",
                          starts_at=third.starts_at + timedelta(hours=1),
                          ends_at=third.ends_at + timedelta(hours=1, minutes=30))
    assert {e.title for e in occurrences} == {"Coordination call"}
    # The 31 March 2030 clock change sits between the second and third occurrences.
    assert [e.starts_at for e in occurrences] == [
        utc(2030, 3, 5, 10), utc(2030, 3, 12, 10), utc(2030, 3, 19, 10), utc(2030, 3, 26, 10)]
    assert all(e.ends_at - e.starts_at == timedelta(hours=1, minutes=30) for e in occurrences)
    told = db_session.scalars(select(Notification.user_id).where(
        Notification.kind == "events.changed")).all()
    assert told == [members[0].id]


def test_series_edits_leave_past_occurrences_alone(db_session, organiser):
    first = make_event(organiser, starts_at=soon(1, hour=9),
                       repeat=Repeat(Frequency.WEEKLY, count=3))
    occurrences = series_of(db_session, first)
    services.update_event(organiser, occurrences[1], scope=Scope.SERIES, title="Renamed",
                          now=occurrences[1].starts_at - timedelta(hours=1))
    assert [e.title for e in occurrences] == ["Network meeting", "Renamed", "Renamed"]


def test_cancelling_one_occurrence_or_what_remains_of_a_series(db_session, organiser):
    first = make_event(organiser, starts_at=soon(1, hour=9),
                       repeat=Repeat(Frequency.WEEKLY, count=4))
    occurrences = series_of(db_session, first)
    services.cancel_event(organiser, occurrences[3])
    assert [e.status for e in occurrences] == [EventStatus.SCHEDULED] * 3 + [
        EventStatus.CANCELLED]
    # A week later the first occurrence is over; cancelling the series leaves it.
    services.cancel_event(organiser, occurrences[1], scope=Scope.SERIES,
                          now=occurrences[1].starts_at - timedelta(hours=1))
    assert [e.status for e in occurrences] == [EventStatus.SCHEDULED] + [
        EventStatus.CANCELLED] * 3


# --- clash warning ------------------------------------------------------------------------

def test_clashes_are_network_events_in_the_same_country(db_session, organiser, make):
    start = soon(10, hour=9)
    network = make_event(organiser, title="Network", starts_at=start, country="RS")
    make_event(organiser, title="Org only", starts_at=start, country="RS",
               visibility="organisation")
    make_event(organiser, title="Elsewhere", starts_at=start, country="BA")
    make_event(organiser, title="Later", starts_at=start + timedelta(hours=3), country="RS")
    cancelled = make_event(organiser, title="Cancelled", starts_at=start, country="RS")
    services.cancel_event(organiser, cancelled)

    found = services.find_clashes(ranges=[(start + timedelta(hours=1), start
                                           + timedelta(hours=2))],
                                  country="RS", visibility="network")
    assert [e.title for e in found] == ["Network"]
    assert services.find_clashes(ranges=[(start, start + timedelta(hours=1))], country="RS",
                                 visibility="organisation") == []
    assert services.find_clashes(ranges=[(start, start + timedelta(hours=1))], country="RS",
                                 visibility="public", exclude_ids=[network.id]) == []
