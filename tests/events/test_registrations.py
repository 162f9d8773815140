"""RSVPs, the waiting list and its automatic promotion, approval, attendance."""

from datetime import timedelta

import pytest

from rmn_portal.accounts.models import Role
from rmn_portal.db import utcnow
from rmn_portal.errors import ServiceError
from rmn_portal.events import services
from rmn_portal.events.models import RegistrationStatus as S
from rmn_portal.events.registrations import going_count, waitlist_position
from rmn_portal.notify.models import Notification

from .helpers import make_event, soon


def notifications_for(db_session, user, kind):
    return db_session.query(Notification).filter_by(user_id=user.id, kind=kind).all()


def test_full_event_waitlists_in_order_and_promotes_the_first_when_someone_cancels(
        db_session, organiser, members, make, outbox):
    event = make_event(organiser, capacity=2)
    fourth = make.user(make.org(), name="Member 4")
    first, second, third = members
    assert services.rsvp(first, event, "going").status is S.GOING
    assert services.rsvp(second, event, "going").status is S.GOING
    waiting = services.rsvp(third, event, "going")
    later = services.rsvp(fourth, event, "going")
    assert (waiting.status, later.status) == (S.WAITLISTED, S.WAITLISTED)
    assert (waitlist_position(waiting), waitlist_position(later)) == (1, 2)

    services.rsvp(first, event, "not_going")

    assert waiting.status is S.GOING
    assert later.status is S.WAITLISTED and waitlist_position(later) == 1
    assert going_count(event) == 2
    [note] = notifications_for(db_session, third, "events.promoted")
    assert event.title in note.title and note.url == f"/events/{event.id}"
    assert any(m.to_address == third.email and event.title in m.subject
               for m in outbox.messages())
    assert not notifications_for(db_session, fourth, "events.promoted")


def test_switching_to_maybe_also_frees_the_place(db_session, organiser, members):
    event = make_event(organiser, capacity=1)
    services.rsvp(members[0], event, "going")
    waiting = services.rsvp(members[1], event, "going")
    services.rsvp(members[0], event, "maybe")
    assert waiting.status is S.GOING


def test_answering_going_again_keeps_the_place_in_the_queue(db_session, organiser, members):
    event = make_event(organiser, capacity=1)
    services.rsvp(members[0], event, "going")
    waiting = services.rsvp(members[1], event, "going")
    services.rsvp(members[2], event, "going")
    again = services.rsvp(members[1], event, "going", dietary_requirements="Vegan")
    assert again.status is S.WAITLISTED and waitlist_position(again) == 1
    assert again.dietary_requirements == "Vegan"
    assert waiting is again


def test_raising_the_capacity_promotes_people_waiting(db_session, organiser, members):
    event = make_event(organiser, capacity=1)
    for member in members:
        services.rsvp(member, event, "going")
    services.update_event(organiser, event, capacity=3)
    assert going_count(event) == 3


def test_capacity_cannot_drop_below_people_with_a_place(db_session, organiser, members):
    event = make_event(organiser, capacity=5)
    for member in members:
        services.rsvp(member, event, "going")
    with pytest.raises(ServiceError) as refused:
        services.update_event(organiser, event, capacity=2)
    assert refused.value.field == "capacity"
    assert "3 people already have a place" in refused.value.message


def test_approval_queue(db_session, organiser, members):
    event = make_event(organiser, capacity=1, requires_approval=True)
    asked = services.rsvp(members[0], event, "going")
    other = services.rsvp(members[1], event, "going")
    assert (asked.status, other.status) == (S.PENDING, S.PENDING)
    assert going_count(event) == 0

    services.approve(organiser, asked)
    services.approve(organiser, other)  # full by now: waits for a place
    assert (asked.status, other.status) == (S.GOING, S.WAITLISTED)
    assert notifications_for(db_session, members[1], "events.approved")

    refused = services.rsvp(members[2], event, "going")
    services.reject(organiser, refused)
    assert refused.status is S.REJECTED
    with pytest.raises(ServiceError, match="did not approve"):
        services.rsvp(members[2], event, "going")
    # Approved once, a person need not be approved again after saying maybe.
    services.rsvp(members[0], event, "maybe")
    assert other.status is S.GOING
    assert services.rsvp(members[0], event, "going").status is S.WAITLISTED


def test_only_organisers_approve(db_session, organiser, members):
    event = make_event(organiser, requires_approval=True)
    pending = services.rsvp(members[0], event, "going")
    with pytest.raises(ServiceError) as refused:
        services.approve(members[1], pending)
    assert refused.value.status == 403
    assert pending.status is S.PENDING


@pytest.mark.parametrize("response", ["going", "maybe"])
def test_no_answer_after_the_deadline(db_session, organiser, members, response):
    event = make_event(organiser, starts_at=soon(3), registration_deadline=utcnow()
                       - timedelta(minutes=1))
    with pytest.raises(ServiceError, match="Registration closed") as refused:
        services.rsvp(members[0], event, response)
    assert refused.value.status == 409
    assert going_count(event) == 0


def test_after_the_deadline_people_can_still_free_their_place(db_session, organiser, members):
    event = make_event(organiser, capacity=1, starts_at=soon(3))
    services.rsvp(members[0], event, "going")
    waiting = services.rsvp(members[1], event, "going")
    event.registration_deadline = utcnow() - timedelta(hours=1)
    services.rsvp(members[0], event, "not_going")
    assert waiting.status is S.GOING


def test_no_answer_to_a_cancelled_event(db_session, organiser, members):
    event = make_event(organiser)
    services.cancel_event(organiser, event, reason="Venue flooded")
    with pytest.raises(ServiceError, match="cancelled"):
        services.rsvp(members[0], event, "going")


def test_required_questions_and_choices(db_session, organiser, members):
    event = make_event(organiser, questions=[
        {"label": "Session", "choices": ["Morning", "Afternoon"], "required": True},
        {"label": "Anything else?"}])
    with pytest.raises(ServiceError) as missing:
        services.rsvp(members[0], event, "going")
    assert missing.value.field == "q_q1"
    with pytest.raises(ServiceError, match="offered answers"):
        services.rsvp(members[0], event, "going", answers={"q1": "Evening"})
    registration = services.rsvp(members[0], event, "going", answers={"q1": "Morning",
                                                                       "q2": "  "})
    assert registration.answers == {"q1": "Morning"}
    # Saying no needs no answers.
    assert services.rsvp(members[1], event, "not_going").status is S.NOT_GOING


def test_people_who_cannot_see_the_event_cannot_register(db_session, organiser, make):
    event = make_event(organiser, visibility="organisation")
    outsider = make.user(make.org())
    with pytest.raises(ServiceError) as refused:
        services.rsvp(outsider, event, "going")
    assert refused.value.status == 403


def test_organisers_may_register_someone_else_and_members_may_not(db_session, organiser,
                                                                  members):
    event = make_event(organiser)
    registration = services.rsvp(organiser, event, "going", person=members[0])
    assert registration.user_id == members[0].id and registration.status is S.GOING
    with pytest.raises(ServiceError):
        services.rsvp(members[1], event, "going", person=members[2])


def test_attendance_keeps_participants_per_organisation(db_session, organiser, members, make):
    event = make_event(organiser, starts_at=soon(1))
    colleague = make.user(members[0].org)
    for person in [*members, colleague]:
        services.rsvp(person, event, "going")
    with pytest.raises(ServiceError, match="once the event has started"):
        services.record_attendance(organiser, event, [members[0].id])
    counts = services.record_attendance(organiser, event, [members[0].id, colleague.id,
                                                           members[1].id],
                                        now=event.starts_at + timedelta(hours=1))
    assert counts == {members[0].org_id: 2, members[1].org_id: 1}
    assert event.attendance_by_org == {str(members[0].org_id): 2, str(members[1].org_id): 1}
    attended = {r.user_id: r.attended for r in services.attendance_candidates(event)}
    assert attended[members[2].id] is False and attended[colleague.id] is True


def test_coorganising_admins_are_organisers(db_session, organiser, make):
    partner = make.org()
    partner_admin = make.user(partner, Role.ORG_ADMIN)
    partner_member = make.user(partner)
    event = make_event(organiser, visibility="organisation", coorganisers=[partner])
    # Organisation-only, but shared with the co-organiser.
    services.rsvp(partner_member, event, "going")
    services.update_event(partner_admin, event, title="Renamed by the partner")
    with pytest.raises(ServiceError):
        services.update_event(partner_member, event, title="Not allowed")
