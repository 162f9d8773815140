"""Bad input: clear messages beside the field, 4xx, nothing half-saved."""

from sqlalchemy import func, select

from rmn_portal.db import db
from rmn_portal.trainings.models import (
    Attendance,
    NeedsRating,
    Programme,
    SelfAssessment,
    TrainingSession,
)

from ..factories import login
from .conftest import enrol_all, make_programme


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_attendance_for_someone_not_enrolled_saves_nothing(client, net):
    programme = make_programme(net, days=(-2,))
    (item,) = enrol_all(net, programme, net.iris_staff[:1])
    other = make_programme(net, days=(-2,), title="Other")
    (stranger,) = enrol_all(net, other, net.luka_staff[:1])
    session = programme.sessions[0]
    login(client, net.coordinator)
    response = client.post(f"/trainings/{programme.id}/sessions/{session.id}/attendance",
                           data={f"status-{item.id}": "present",
                                 f"status-{stranger.id}": "present"})
    assert response.status_code == 422
    assert "only be recorded for people enrolled" in response.get_data(as_text=True)
    assert count(Attendance) == 0


def test_unknown_status_and_orphan_remarks_are_shown_beside_the_person(client, net):
    programme = make_programme(net, days=(-2,))
    first, second = enrol_all(net, programme, net.iris_staff)
    session = programme.sessions[0]
    login(client, net.coordinator)
    response = client.post(f"/trainings/{programme.id}/sessions/{session.id}/attendance",
                           data={f"status-{first.id}": "asleep",
                                 f"remarks-{second.id}": "Left early"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert f'id="row-{first.id}-error"' in body and "Choose one of the statuses." in body
    assert "Choose a status for this person to keep the remarks." in body
    assert 'value="Left early"' in body  # the user's text is kept
    assert count(Attendance) == 0


def test_mark_everyone_present_works_without_script(client, net):
    programme = make_programme(net, days=(-2,))
    first, second = enrol_all(net, programme, net.iris_staff)
    session = programme.sessions[0]
    login(client, net.coordinator)
    response = client.post(f"/trainings/{programme.id}/sessions/{session.id}/attendance",
                           data={f"status-{first.id}": "excused", "all_present": "1"})
    assert response.status_code == 302
    marks = dict(db.session.execute(select(Attendance.enrolment_id, Attendance.status)).all())
    assert marks == {first.id: "excused", second.id: "present"}


def test_attendance_waits_for_the_session_to_start(client, net):
    programme = make_programme(net, days=(3,))
    (item,) = enrol_all(net, programme, net.iris_staff[:1])
    session = programme.sessions[0]
    login(client, net.coordinator)
    response = client.post(f"/trainings/{programme.id}/sessions/{session.id}/attendance",
                           data={f"status-{item.id}": "present"})
    assert response.status_code == 409
    assert count(Attendance) == 0


def test_hours_below_zero_are_refused(client, net):
    programme = make_programme(net, days=(4,), publish=False)
    login(client, net.coordinator)
    sessions_before = count(TrainingSession)
    response = client.post(f"/trainings/{programme.id}/sessions/new", data={
        "title": "Extra", "starts_at": "2031-05-05T10:00", "ends_at": "2031-05-05T12:00",
        "hours": "-2", "format": "in_person", "city": "Beograd", "country": "RS"})
    assert response.status_code == 422
    assert "Hours cannot be below zero." in response.get_data(as_text=True)
    response = client.post(f"/trainings/{programme.id}/sessions/new", data={
        "title": "Extra", "starts_at": "2031-05-05T10:00", "ends_at": "2031-05-05T12:00",
        "hours": "3", "format": "in_person", "city": "Beograd", "country": "RS"})
    assert response.status_code == 422
    assert "cannot count more hours than it lasts" in response.get_data(as_text=True)
    assert count(TrainingSession) == sessions_before
    response = client.post("/trainings/new", data={
        "title": "Negative", "organiser": "network", "visibility": "network",
        "modality": "online", "planned_hours": "-1", "enrolment_mode": "open",
        "completion_percent": "80"})
    assert response.status_code == 422
    assert "Hours cannot be below zero." in response.get_data(as_text=True)
    assert db.session.scalar(select(Programme).where(Programme.title == "Negative")) is None


def test_an_assessment_score_outside_one_to_five_is_refused(client, net):
    programme = make_programme(net, days=(-2,))
    (item,) = enrol_all(net, programme, net.iris_staff[:1])
    login(client, item.user)
    url = f"/trainings/{programme.id}/assessment/before"
    response = client.post(url, data={f"c{net.sogiesc.id}": "7", f"c{net.law.id}": "3"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Choose a score from 1 to 5." in body
    assert f'id="c{net.sogiesc.id}-error"' in body
    assert count(SelfAssessment) == 0
    response = client.post(url, data={f"c{net.sogiesc.id}": "4"})
    assert response.status_code == 422
    assert "Rate yourself on every competency." in response.get_data(as_text=True)
    assert count(SelfAssessment) == 0
    ok = client.post(url, data={f"c{net.sogiesc.id}": "2", f"c{net.law.id}": "3"})
    assert ok.status_code == 302 and count(SelfAssessment) == 2


def test_needs_ratings_outside_one_to_five_are_refused(client, net):
    login(client, net.iris_admin)
    response = client.post("/trainings/needs?year=2026",
                           data={f"c{net.sogiesc.id}": "0", f"c{net.law.id}": "5"})
    assert response.status_code == 422
    assert count(NeedsRating) == 0
    ok = client.post("/trainings/needs?year=2026",
                     data={f"c{net.sogiesc.id}": "4", f"c{net.law.id}": "5"})
    assert ok.status_code == 302 and count(NeedsRating) == 2


def test_a_training_without_title_and_with_a_bad_share_is_refused(client, net):
    login(client, net.coordinator)
    response = client.post("/trainings/new", data={
        "title": "", "organiser": "network", "visibility": "network", "modality": "online",
        "enrolment_mode": "open", "completion_percent": "150",
        "trainer_emails": "nobody@nowhere.example"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Enter a share from 1 to 100 per cent." in body
    assert count(Programme) == 0
