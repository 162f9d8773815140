"""A person's training record: the person, their organisation's admins and
the coordinators, nobody else (not colleagues, not other organisations'
admins, not the platform admin, not trainers)."""

import pytest

from rmn_portal.accounts.models import Role
from rmn_portal.trainings import attendance, enrolment
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AttendanceStatus

from ..factories import login
from .conftest import enrol_all, make_programme


@pytest.fixture
def trained(net, make):
    programme = make_programme(net, days=(-5,), percent=100)
    trainer = make.user(net.luka, name="Tina Trainer")
    programme.trainers = [trainer]
    (item,) = enrol_all(net, programme, net.iris_staff[:1])
    attendance.record(net.coordinator, programme.sessions[0],
                      {item.id: Mark(AttendanceStatus.PRESENT, "Active participant")})
    return programme, item, trainer


@pytest.mark.parametrize(("who", "status"), [
    ("self", 200), ("iris_admin", 200), ("coordinator", 200),
    ("colleague", 404), ("luka_admin", 404), ("luka_member", 404), ("admin", 404),
    ("trainer", 404),
])
def test_record_visibility_across_organisations(client, net, trained, who, status):
    _programme, item, trainer = trained
    reader = {"self": item.user, "iris_admin": net.iris_admin, "coordinator": net.coordinator,
              "colleague": net.iris_staff[1], "luka_admin": net.luka_admin,
              "luka_member": net.luka_staff[0], "admin": net.admin, "trainer": trainer}[who]
    login(client, reader)
    response = client.get(f"/trainings/people/{item.user_id}")
    assert response.status_code == status
    body = response.get_data(as_text=True)
    if status == 200:
        assert "Asylum law basics" in body and "Active participant" in body
    else:
        assert "Active participant" not in body


def test_anonymous_visitors_are_sent_to_sign_in(client, trained):
    _programme, item, _trainer = trained
    response = client.get(f"/trainings/people/{item.user_id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_organisation_admins_see_only_their_staff_on_a_training(client, net, trained):
    programme, _item, _trainer = trained
    enrol_all(net, programme, net.luka_staff[:1])
    login(client, net.luka_admin)
    body = client.get(f"/trainings/{programme.id}").get_data(as_text=True)
    assert "Luka Person 1" in body and "Iris Person 1" not in body


def test_members_see_their_own_status_but_not_the_participant_list(client, net, trained):
    programme, _item, _trainer = trained
    login(client, net.luka_staff[1])
    body = client.get(f"/trainings/{programme.id}").get_data(as_text=True)
    assert "Iris Person 1" not in body


def test_trainers_see_the_participants_and_record_attendance(client, trained):
    programme, _item, trainer = trained
    login(client, trainer)
    page = client.get(f"/trainings/{programme.id}/sessions/{programme.sessions[0].id}"
                      "/attendance")
    assert page.status_code == 200 and "Iris Person 1" in page.get_data(as_text=True)
    assert client.get(f"/trainings/{programme.id}/edit").status_code == 403


def test_organisation_trainings_stay_inside_the_organisation(client, net, make):
    from rmn_portal.trainings import services

    internal = services.create_programme(
        net.iris_admin, org=net.iris, title="Iris induction", visibility="organisation",
        modality="in_person", planned_minutes=120, enrolment_mode="open",
        completion_percent=100)
    services.add_session(net.iris_admin, internal, title="Induction", city="Beograd",
                         format="in_person", timezone="Europe/Belgrade",
                         starts_at=make_programme.__globals__["session_times"](4)["starts_at"],
                         ends_at=make_programme.__globals__["session_times"](4)["ends_at"])
    services.publish(net.iris_admin, internal)
    enrolment.enrol(net.iris_staff[0], internal)
    login(client, net.luka_admin)
    assert client.get(f"/trainings/{internal.id}").status_code == 404
    assert "Iris induction" not in client.get("/trainings").get_data(as_text=True)
    client.post("/logout")
    login(client, net.iris_staff[1])
    assert "Iris induction" in client.get("/trainings").get_data(as_text=True)
    assert make.user(net.luka, Role.MEMBER) is not None
