"""Enrolment modes, the waiting list, nominations, and the calendar."""

import pytest

from rmn_portal.errors import ServiceError
from rmn_portal.events import services as events
from rmn_portal.events.models import EventKind, RegistrationStatus
from rmn_portal.trainings import enrolment
from rmn_portal.trainings.models import EnrolmentMode, EnrolmentStatus

from ..factories import login
from .conftest import make_programme


def test_open_training_gives_places_then_a_waiting_list(net):
    programme = make_programme(net, days=(5, 12), capacity=1)
    first = enrolment.enrol(net.iris_staff[0], programme)
    second = enrolment.enrol(net.luka_staff[0], programme)
    assert first.status is EnrolmentStatus.APPROVED
    assert second.status is EnrolmentStatus.WAITLISTED
    enrolment.withdraw(net.iris_staff[0], first)
    assert second.status is EnrolmentStatus.APPROVED  # promoted


def test_approved_people_are_going_to_the_sessions_ahead(net):
    programme = make_programme(net, days=(5, 12))
    person = net.luka_staff[0]
    item = enrolment.enrol(person, programme)
    for session in programme.sessions:
        assert session.event.kind is EventKind.TRAINING_SESSION
        assert events.registration_of(session.event, person).status is RegistrationStatus.GOING
    enrolment.withdraw(person, item)
    for session in programme.sessions:
        assert (events.registration_of(session.event, person).status
                is RegistrationStatus.NOT_GOING)


def test_approval_mode_waits_for_a_coordinator(net):
    programme = make_programme(net, days=(5,), mode=EnrolmentMode.APPROVAL)
    item = enrolment.enrol(net.iris_staff[0], programme)
    assert item.status is EnrolmentStatus.REQUESTED
    with pytest.raises(ServiceError):
        enrolment.approve(net.iris_admin, item)
    enrolment.approve(net.coordinator, item)
    assert item.status is EnrolmentStatus.APPROVED


def test_nomination_mode_only_takes_nominations_from_the_own_organisation(net):
    programme = make_programme(net, days=(5,), mode=EnrolmentMode.NOMINATION)
    with pytest.raises(ServiceError):
        enrolment.enrol(net.iris_staff[0], programme)
    with pytest.raises(ServiceError) as refused:
        enrolment.nominate(net.iris_admin, programme, net.luka_staff[0])
    assert refused.value.status == 403
    item = enrolment.nominate(net.iris_admin, programme, net.iris_staff[0])
    assert item.status is EnrolmentStatus.APPROVED and item.nominated_by_id == net.iris_admin.id


def test_nominating_twice_is_a_conflict(client, net):
    programme = make_programme(net, days=(5,))
    enrolment.nominate(net.coordinator, programme, net.iris_staff[0])
    login(client, net.coordinator)
    response = client.post(f"/trainings/{programme.id}/nominate",
                           data={"email": net.iris_staff[0].email})
    assert response.status_code == 409
    assert "already enrolled" in response.get_data(as_text=True)
    unknown = client.post(f"/trainings/{programme.id}/nominate",
                          data={"email": "nobody@nowhere.example"})
    assert unknown.status_code == 422


def test_drafts_are_not_open_for_enrolment(client, net):
    programme = make_programme(net, days=(5,), publish=False)
    login(client, net.iris_staff[0])
    assert client.get(f"/trainings/{programme.id}").status_code == 404
    assert client.post(f"/trainings/{programme.id}/enrol").status_code == 404


def test_gender_is_set_by_the_person_only(net):
    programme = make_programme(net, days=(5,))
    item = enrolment.enrol(net.iris_staff[0], programme, "prefer_not_to_say")
    assert item.gender == "prefer_not_to_say"
    with pytest.raises(ServiceError):
        enrolment.set_gender(net.coordinator, item, "man")
