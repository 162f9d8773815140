"""The event pages as people (and attackers) see them."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import insert as sa_insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from rmn_portal import pagecache
from rmn_portal.accounts.models import Role
from rmn_portal.db import db, utcnow
from rmn_portal.events import services
from rmn_portal.events.models import Event, Registration
from rmn_portal.events.models import RegistrationStatus as S
from tests.factories import login

from .helpers import make_event, soon, utc


def text(response) -> str:
    return response.get_data(as_text=True)


def form_data(**overrides):
    start = soon(14, hour=8).astimezone().strftime("%Y-%m-%dT09:00")
    data = {"title": "Caseworkers' exchange", "kind": "workshop", "format": "in_person",
            "venue": "Community centre", "city": "Novi Sad", "country": "RS",
            "visibility": "network", "starts_at": start, "ends_at": start[:11] + "12:00",
            "capacity": "12", "languages": ["en", "sr"]}
    data.update(overrides)
    return data


# --- lists ---------------------------------------------------------------------------------

def test_agenda_shows_only_what_the_reader_may_see(client, organiser, make, db_session):
    make_event(organiser, title="Public webinar", visibility="public")
    make_event(organiser, title="Network meeting", visibility="network")
    make_event(organiser, title="Internal planning", visibility="organisation")
    make_event(organiser, title="Old meeting", visibility="public",
               starts_at=utcnow() - timedelta(days=3))
    anonymous = text(client.get("/events"))
    assert "Public webinar" in anonymous
    assert "Network meeting" not in anonymous and "Internal planning" not in anonymous
    assert "Old meeting" not in anonymous
    assert "Old meeting" in text(client.get("/events?when=past"))

    login(client, make.user(make.org()))
    member = text(client.get("/events"))
    assert "Network meeting" in member and "Internal planning" not in member
    assert 'href="/events/new"' in member  # the plain "New event" link

    client.post("/logout")
    login(client, make.user(organiser.org))
    assert "Internal planning" in text(client.get("/events"))


def test_filters_by_organisation_kind_country_and_format(client, organiser, make, db_session):
    partner = make.org(slug="partner-org", country="BA")
    make_event(organiser, title="Belgrade workshop", kind="workshop", visibility="public")
    make_event(organiser, title="Sarajevo webinar", kind="webinar", format="online",
               city="", country="BA", visibility="public", coorganisers=[partner])
    page = text(client.get("/events?kind=webinar"))
    assert "Sarajevo webinar" in page and "Belgrade workshop" not in page
    page = text(client.get("/events?country=RS"))
    assert "Belgrade workshop" in page and "Sarajevo webinar" not in page
    page = text(client.get("/events?format=online"))
    assert "Sarajevo webinar" in page and "Belgrade workshop" not in page
    page = text(client.get("/events?org=partner-org"))  # co-organised counts
    assert "Sarajevo webinar" in page and "Belgrade workshop" not in page
    page = text(client.get("/events?kind=nonsense&country=XX"))  # ignored, not an error
    assert "Belgrade workshop" in page and "Sarajevo webinar" in page


def test_the_longest_event_still_running_is_upcoming_and_on_the_grid(client, organiser,
                                                                     db_session):
    """Lists of events not over yet bound their index scans by the longest
    an event may last (31 days): the longest one allowed must still show."""
    started = utcnow() - timedelta(days=30, hours=20)
    make_event(organiser, title="Month-long campaign", visibility="public",
               starts_at=started, ends_at=started + timedelta(days=31))
    make_event(organiser, title="Summer school", visibility="public",
               starts_at=utc(2027, 6, 28, 7), ends_at=utc(2027, 7, 29, 7))
    assert "Month-long campaign" in text(client.get("/events"))
    assert "Month-long campaign" not in text(client.get("/events?when=past"))
    assert "Month-long campaign" in text(client.get("/"))  # the home page's upcoming events
    assert "Month-long campaign" in text(client.get("/api/v1/events"))
    assert "Month-long campaign" in text(client.get("/events/public.ics"))
    july = text(client.get("/events/month?month=2027-07"))
    cells = dict(re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">.*?</time>(.*?)</td>',
                            july, re.S))
    assert all("Summer school" in cells[f"2027-07-{day:02d}"] for day in (1, 28, 29))
    assert "Summer school" not in cells["2027-07-30"]


def test_month_grid_places_events_on_the_readers_local_days(client, organiser, db_session):
    # 23:30 UTC on 31 August is 1 September in Belgrade.
    make_event(organiser, title="Late call", visibility="public",
               starts_at=utc(2027, 8, 31, 23, 30), ends_at=utc(2027, 9, 1, 0, 30))
    make_event(organiser, title="Three-day conference", visibility="public",
               starts_at=utc(2027, 9, 14, 7), ends_at=utc(2027, 9, 16, 15))
    page = text(client.get("/events/month?month=2027-09"))
    assert "Events in September 2027" in page
    cells = dict(re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">.*?</time>(.*?)</td>',
                            page, re.S))
    assert "Late call" in cells["2027-09-01"]
    assert all("Three-day conference" in cells[f"2027-09-{day}"] for day in (14, 15, 16))
    assert "Three-day conference" not in cells["2027-09-17"]
    assert "month=2027-08" in page and "month=2027-10" in page
    august = text(client.get("/events/month?month=2027-08"))
    cells = dict(re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">.*?</time>(.*?)</td>',
                            august, re.S))
    assert "Late call" not in cells["2027-08-31"]
    assert "Late call" in cells["2027-09-01"]  # the grid ends with the week


def test_a_busy_month_counts_every_event_of_every_day(client, organiser, db_session):
    """Twenty events a day for a month (600, more than the grid once loaded):
    every day, the last ones included, shows four and "+16 more"."""
    template = make_event(organiser, title="Daily clinic", visibility="public",
                          starts_at=utc(2027, 9, 1, 7), ends_at=utc(2027, 9, 1, 8))
    columns = {column.name: getattr(template, sa_inspect(Event).get_property_by_column(column).key)
               for column in Event.__table__.columns if column.name not in ("id", "uid")}
    rows = [{**columns, "uid": f"busy-{day}-{n}@test", "title": f"Clinic {day}.{n}",
             "starts_at": utc(2027, 9, day, 7, n), "ends_at": utc(2027, 9, day, 8, n)}
            for day in range(1, 31) for n in range(20) if (day, n) != (1, 0)]
    db_session.execute(sa_insert(Event.__table__), rows)
    page = text(client.get("/events/month?month=2027-09"))
    cells = dict(re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">.*?</time>(.*?)</td>',
                            page, re.S))
    for day in range(1, 31):
        cell = cells[f"2027-09-{day:02d}"]
        assert len(re.findall(r'href="/events/\d+"', cell)) == 4, day
        assert "+16 more" in cell, day
    assert "Clinic 30.0" in cells["2027-09-30"]


def test_agenda_costs_the_same_queries_for_few_or_many_events(client, organiser, make,
                                                              db_session):
    viewer = make.user(make.org())
    login(client, viewer)

    def queries_for_agenda() -> int:
        statements = []
        engine = db.session.get_bind()
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        pagecache.forget_everything(client.application)  # count a render, not a cached copy
        sa_event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get("/events").status_code == 200
        finally:
            sa_event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    def add(count):
        for n in range(count):
            event = make_event(organiser, title=f"Event {n}", capacity=5,
                               coorganisers=[make.org()], starts_at=soon(1 + n))
            services.rsvp(viewer, event, "going")

    add(2)
    few = queries_for_agenda()
    add(15)
    assert queries_for_agenda() == few


# --- the event page ------------------------------------------------------------------------

def test_invisible_events_are_not_found_anywhere(client, organiser, make, db_session):
    event = make_event(organiser, visibility="organisation")
    outsider = make.user(make.org(), Role.ORG_ADMIN)
    # Not signed in: asked to sign in, exactly as for an event that does not exist.
    for path in ("", ".ics", "/edit", "/participants", "/participants.csv", "/sign-in-sheet",
                 "/attendance", "/cancel"):
        for event_id in (event.id, 999999):
            response = client.get(f"/events/{event_id}{path}")
            assert response.status_code == 302, path
            assert "/login?next=" in response.headers["Location"]
    login(client, outsider)
    for path in ("", ".ics", "/edit", "/participants", "/participants.xlsx", "/sign-in-sheet",
                 "/attendance", "/cancel"):
        assert client.get(f"/events/{event.id}{path}").status_code == 404, path
    assert client.post(f"/events/{event.id}/rsvp", data={"response": "going"}).status_code \
        == 404
    assert client.get("/events/999999").status_code == 404


def test_readers_who_are_not_organisers_get_403_on_organiser_pages(client, organiser, members,
                                                                  db_session):
    event = make_event(organiser)
    login(client, members[0])
    for path in ("/edit", "/participants", "/participants.csv", "/sign-in-sheet",
                 "/attendance", "/cancel"):
        assert client.get(f"/events/{event.id}{path}").status_code == 403, path


def test_online_link_is_shown_only_to_people_with_a_place(client, organiser, members, make,
                                                          db_session):
    event = make_event(organiser, format="hybrid", visibility="public", capacity=1,
                       online_url="https://meet.example.org/room-42")
    services.rsvp(members[0], event, "going")
    services.rsvp(members[1], event, "going")  # waiting list
    services.rsvp(members[2], event, "maybe")
    assert "room-42" not in text(client.get(f"/events/{event.id}"))
    for person, shown in ((members[1], False), (members[2], False), (members[0], True),
                          (organiser, True), (make.user(make.org()), False)):
        login(client, person)
        page = text(client.get(f"/events/{event.id}"))
        assert ("https://meet.example.org/room-42" in page) is shown, person.name
        client.post("/logout")


def test_participant_list_respects_each_persons_consent(client, organiser, members, make,
                                                        db_session):
    event = make_event(organiser)
    services.rsvp(members[0], event, "going", share_with_participants=True)
    services.rsvp(members[1], event, "going", share_with_participants=False,
                  dietary_requirements="No pork", accessibility_needs="Wheelchair user")
    outsider = make.user(make.org())

    login(client, members[2])  # not going: no list at all
    page = text(client.get(f"/events/{event.id}"))
    assert "Who is going" not in page and members[0].name not in page
    services.rsvp(members[2], event, "going")
    page = text(client.get(f"/events/{event.id}"))
    assert "Who is going" in page
    assert members[0].name in page and members[1].name not in page
    assert "No pork" not in page and "Wheelchair user" not in page

    client.post("/logout")
    login(client, outsider)
    assert members[0].name not in text(client.get(f"/events/{event.id}"))

    client.post("/logout")
    login(client, organiser)
    listing = text(client.get(f"/events/{event.id}/participants"))
    assert members[1].name in listing and "No pork" in listing and "Wheelchair user" in listing


def test_the_page_tells_the_reader_their_status_in_words(client, organiser, members, make,
                                                         db_session):
    event = make_event(organiser, capacity=1)
    login(client, members[0])
    assert "You have not responded yet." in text(client.get(f"/events/{event.id}"))
    response = client.post(f"/events/{event.id}/rsvp", data={"response": "going"},
                           follow_redirects=True)
    assert "You are going: your place is confirmed." in text(response)
    client.post("/logout")

    login(client, members[1])
    response = client.post(f"/events/{event.id}/rsvp", data={"response": "going"},
                           follow_redirects=True)
    assert "The event is full: you are on the waiting list." in text(response)
    assert "You are on the waiting list, in position 1." in text(response)
    client.post(f"/events/{event.id}/rsvp", data={"response": "maybe"})
    assert "You might go." in text(client.get(f"/events/{event.id}"))
    client.post(f"/events/{event.id}/rsvp", data={"response": "not_going"})
    assert "You are not going." in text(client.get(f"/events/{event.id}"))

    approval = make_event(organiser, requires_approval=True, title="Approval needed")
    client.post(f"/events/{approval.id}/rsvp", data={"response": "going"})
    assert "Your registration is awaiting approval by the organisers." in text(
        client.get(f"/events/{approval.id}"))


def test_rsvp_without_csrf_token_is_refused(client, organiser, members, db_session):
    event = make_event(organiser)
    login(client, members[0])
    response = client.post(f"/events/{event.id}/rsvp", data={"response": "going"}, csrf=False)
    assert response.status_code == 400
    assert db_session.scalar(select(Registration.id)) is None


@pytest.mark.parametrize("setup", ["deadline", "cancelled"])
def test_rsvp_to_a_closed_event_is_refused_with_a_message(client, organiser, members,
                                                          db_session, setup):
    event = make_event(organiser, starts_at=soon(2))
    if setup == "deadline":
        event.registration_deadline = utcnow() - timedelta(hours=1)
        message = "Registration closed on"
    else:
        services.cancel_event(organiser, event)
        message = "This event has been cancelled"
    login(client, members[0])
    response = client.post(f"/events/{event.id}/rsvp", data={"response": "going"})
    assert response.status_code == 409
    assert message in text(response)
    assert db_session.scalar(select(Registration.id)) is None


def test_required_question_error_is_shown_beside_the_question(client, organiser, members,
                                                              db_session):
    event = make_event(organiser, questions=[{"label": "Which session?", "required": True,
                                              "choices": ["Morning", "Afternoon"]}])
    login(client, members[0])
    response = client.post(f"/events/{event.id}/rsvp", data={"response": "going"})
    assert response.status_code == 422
    assert re.search(r'id="q_q1-error">\s*<span>Please answer this question.', text(response))
    response = client.post(f"/events/{event.id}/rsvp", data={"response": "going",
                                                             "q_q1": "Afternoon"})
    assert response.status_code == 302
    registration = db_session.scalar(select(Registration))
    assert registration.answers == {"q1": "Afternoon"} and registration.status is S.GOING


def test_user_text_is_escaped(client, organiser, members, db_session):
    event = make_event(organiser, title="<script>alert(1)</script>",
                       description="<img src=x onerror=alert(1)> **bold**",
                       visibility="public")
    page = text(client.get(f"/events/{event.id}"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert not re.search(r"<img[^>]*onerror", page)
    assert "<strong>bold</strong>" in page


# --- create, edit, cancel ------------------------------------------------------------------

def test_new_event_form_has_labels_people_say(client, make, db_session):
    login(client, make.user())
    page = text(client.get("/events/new"))
    for label in ("Title", "Start", "End", "Capacity", "Deadline", "Visibility", "Kind",
                  "Format", "Venue", "City", "Country", "Online link", "Languages"):
        assert re.search(rf">\s*{label}\s*</(label|legend)>", page), label


def test_creating_an_event_through_the_form(client, make, db_session):
    partner = make.org(name="Partner Collective")
    person = make.user()
    login(client, person)
    response = client.post("/events/new", data=form_data(
        coorganisers=[str(partner.id)], **{"questions-0-text": "Session?",
                                           "questions-0-choices": "Morning | Afternoon",
                                           "questions-0-required": "y"}))
    assert response.status_code == 302
    event = db_session.scalar(select(Event))
    assert response.headers["Location"].endswith(f"/events/{event.id}")
    assert (event.title, event.capacity, event.org_id) == ("Caseworkers' exchange", 12,
                                                           person.org_id)
    assert event.language_codes == ["en", "sr"] and event.coorganisers == [partner]
    assert event.questions == [{"id": "q1", "label": "Session?",
                                "choices": ["Morning", "Afternoon"], "required": True}]


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"ends_at": "2020-01-01T08:00"}, "ends_at", "The end must be after the start."),
    ({"capacity": "-3"}, "capacity", "Enter a number of places from 0 upwards."),
    ({"online_url": "javascript:alert(1)"}, "online_url", "Enter a web address"),
    ({"registration_deadline": "2099-01-01T08:00"}, "registration_deadline",
     "must not be after the start"),
    ({"title": ""}, "title", "This field is required."),
    ({"venue": "", "city": ""}, "venue", "a venue or a city"),
])
def test_bad_input_gets_a_message_beside_the_field(client, make, db_session, changes, field,
                                                   message):
    login(client, make.user())
    response = client.post("/events/new", data=form_data(**changes))
    assert response.status_code == 422
    match = re.search(rf'id="{field}-error">(.*?)</p>', text(response), re.S)
    assert match and message in match.group(1)
    assert 'value="Community centre"' in text(response) or field == "venue"
    assert db_session.scalar(select(Event.id)) is None


def test_clash_warning_before_saving(client, organiser, make, db_session):
    existing = make_event(organiser, title="Existing network day", visibility="network",
                          country="RS", starts_at=soon(14, hour=7),
                          ends_at=soon(14, hour=15))
    login(client, make.user())
    response = client.post("/events/new", data=form_data())
    page = text(response)
    assert response.status_code == 200
    assert "Another network event overlaps in the same country" in page
    assert "Existing network day" in page
    assert db_session.scalar(select(Event.id).where(Event.id != existing.id)) is None
    response = client.post("/events/new", data=form_data(confirm_clash="y"))
    assert response.status_code == 302
    # Organisation-only events do not compete for the network's people.
    response = client.post("/events/new", data=form_data(visibility="organisation",
                                                         title="Internal"))
    assert response.status_code == 302


def test_editing_someone_elses_newer_version_shows_a_conflict(client, organiser, db_session):
    event = make_event(organiser, title="Planning day")
    login(client, organiser)
    page = text(client.get(f"/events/{event.id}/edit"))
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    services.update_event(organiser, event, title="Changed meanwhile")
    data = form_data(title="My edit", version=version,
                     starts_at=event.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
                     ends_at=event.ends_at.astimezone().strftime("%Y-%m-%dT%H:%M"))
    response = client.post(f"/events/{event.id}/edit", data=data)
    assert response.status_code == 409
    page = text(response)
    assert "This event was changed by someone else" in page
    assert "Changed meanwhile" in page and 'value="My edit"' in page
    db_session.refresh(event)
    assert event.title == "Changed meanwhile"
    # Saving again, now based on the current version, goes through.
    new_version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    assert client.post(f"/events/{event.id}/edit",
                       data={**data, "version": new_version}).status_code == 302


def test_cancelling_through_the_page(client, organiser, members, db_session):
    event = make_event(organiser)
    services.rsvp(members[0], event, "going")
    login(client, organiser)
    response = client.post(f"/events/{event.id}/cancel", data={"reason": "Storm warning"},
                           follow_redirects=True)
    page = text(response)
    assert "This event has been cancelled." in page and "Storm warning" in page
    assert client.get(f"/events/{event.id}/edit").status_code == 302


def test_approving_and_declining_from_the_participants_page(client, organiser, members,
                                                            db_session):
    event = make_event(organiser, requires_approval=True)
    first = services.rsvp(members[0], event, "going")
    second = services.rsvp(members[1], event, "going")
    login(client, organiser)
    page = text(client.get(f"/events/{event.id}/participants"))
    assert f"Approve {members[0].name}" in page
    client.post(f"/events/{event.id}/registrations/{first.id}/approve")
    client.post(f"/events/{event.id}/registrations/{second.id}/reject")
    assert (first.status, second.status) == (S.GOING, S.REJECTED)
    response = client.post(f"/events/{event.id}/registrations/{first.id}/approve", csrf=False)
    assert response.status_code == 400


def test_attendance_and_outcome_after_the_event(client, organiser, members, db_session):
    event = make_event(organiser, starts_at=soon(1))
    for person in members:
        services.rsvp(person, event, "going")
    login(client, organiser)
    assert "once the event has started" in text(client.get(f"/events/{event.id}/attendance"))
    event.starts_at = utcnow() - timedelta(hours=3)
    event.ends_at = utcnow() - timedelta(hours=1)
    page = text(client.get(f"/events/{event.id}/attendance"))
    assert members[0].name in page
    response = client.post(f"/events/{event.id}/attendance",
                           data={"attended": [str(members[0].id), str(members[2].id)]})
    assert response.status_code == 302
    response = client.post(f"/events/{event.id}/outcome",
                           data={"outcome_notes": "Agreed a **joint** letter."})
    assert response.status_code == 302
    page = text(client.get(f"/events/{event.id}/attendance"))
    assert "Participants per organisation" in text(client.get(
        f"/events/{event.id}/participants"))
    assert re.search(r"Total</th><td>2</td>", page)
    assert "<strong>joint</strong>" in text(client.get(f"/events/{event.id}"))


def test_sign_in_sheet_is_printable(client, organiser, members, db_session):
    event = make_event(organiser)
    services.rsvp(members[0], event, "going")
    services.rsvp(members[1], event, "maybe")
    login(client, organiser)
    page = text(client.get(f"/events/{event.id}/sign-in-sheet"))
    assert members[0].name in page and members[1].name not in page
    assert ">Signature</th>" in page and ">Organisation</th>" in page
    assert "css/events.css" in page
    stylesheet = client.get("/static/css/events.css")
    assert "@media print" in text(stylesheet)
    stylesheet.close()


def test_a_coordinator_from_a_co_organiser_keeps_the_partnership_when_editing(
        client, organiser, make, db_session):
    partner = make.org(name="Partner Org")
    coordinator = make.user(partner, Role.COORDINATOR)
    event = make_event(organiser, coorganisers=[partner], title="Joint workshop")
    login(client, coordinator)
    page = text(client.get(f"/events/{event.id}/edit"))
    boxes = dict(re.findall(r'<input([^>]*name="coorganisers"[^>]*value="(\d+)"[^>]*)>', page))
    offered = {int(value): attrs for attrs, value in boxes.items()}
    assert "checked" in offered[partner.id]
    assert organiser.org_id not in offered  # the organiser does not co-organise itself
    data = {"title": "Joint workshop", "kind": "meeting", "format": "in_person",
            "city": "Beograd", "country": "RS", "visibility": "network",
            "starts_at": re.search(r'name="starts_at"[^>]*value="([^"]+)"', page).group(1),
            "ends_at": re.search(r'name="ends_at"[^>]*value="([^"]+)"', page).group(1),
            "coorganisers": [str(partner.id)], "version": str(event.version)}
    assert client.post(f"/events/{event.id}/edit", data=data).status_code == 302
    db_session.refresh(event)
    assert event.coorganisers == [partner]


def test_a_busy_day_shows_a_few_events_and_links_to_the_rest(client, organiser, db_session):
    starts = utc(2027, 10, 12, 8)
    titles = [f"Session {n}" for n in range(7)]
    for n, title in enumerate(titles):
        begins = starts + timedelta(hours=n)
        make_event(organiser, title=title, visibility="public", starts_at=begins,
                   ends_at=begins + timedelta(minutes=50))
    page = text(client.get("/events/month?month=2027-10&kind=meeting"))
    cells = dict(re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">.*?</time>(.*?)</td>',
                            page, re.S))
    busy = cells["2027-10-12"]
    assert [title for title in titles if title in busy] == titles[:4]
    assert "+3 more" in busy
    link = re.search(r'class="day-more" href="([^"]+)"', busy).group(1).replace("&amp;", "&")
    assert "from=2027-10-12" in link and "kind=meeting" in link

    agenda = text(client.get(link))
    assert all(title in agenda for title in titles)
    assert "Events from" in agenda and "From today" in agenda
    assert "Session 0" not in text(client.get("/events?from=2027-10-13"))


def test_the_agenda_ignores_an_impossible_from_day(client, organiser, db_session):
    make_event(organiser, title="Soon meeting", visibility="public")
    for value in ("2027-02-30", "yesterday", "99999-01-01", "2027-1-1"):
        page = client.get(f"/events?from={value}")
        assert page.status_code == 200 and "Soon meeting" in text(page)
        assert "Events from" not in text(page)
