"""Hours, the completion rule, and certificates following completion."""

from rmn_portal.trainings import assessments, attendance, certificates, services
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AssessmentPhase, AttendanceStatus, EnrolmentStatus

from .conftest import enrol_all, make_programme

PRESENT, LATE, EXCUSED, ABSENT = (AttendanceStatus.PRESENT, AttendanceStatus.LATE,
                                  AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)


def mark(net, session, **by_enrolment):
    attendance.record(net.coordinator, session,
                      {int(key[1:]): Mark(value) for key, value in by_enrolment.items()})


def test_hours_count_present_and_late_sessions_only(net):
    programme = make_programme(net, days=(-20, -13, -6), hours=3)
    first, second = enrol_all(net, programme, net.iris_staff)
    one, two, three = programme.sessions
    three.minutes = 90  # a session with a long break counts 1.5 hours
    attendance.record(net.coordinator, one, {first.id: Mark(PRESENT), second.id: Mark(ABSENT)})
    attendance.record(net.coordinator, two, {first.id: Mark(LATE), second.id: Mark(EXCUSED)})
    attendance.record(net.coordinator, three, {first.id: Mark(PRESENT),
                                               second.id: Mark(PRESENT)})
    minutes = attendance.attended_minutes(programme)
    assert minutes[first.id] == 3 * 60 + 3 * 60 + 90
    assert minutes[second.id] == 90


def test_cancelled_sessions_neither_count_hours_nor_completion(net):
    programme = make_programme(net, days=(-20, -13, 5), hours=2, percent=100)
    (person,) = enrol_all(net, programme, net.iris_staff[:1])
    one, two, future = programme.sessions
    for session in (one, two):
        attendance.record(net.coordinator, session, {person.id: Mark(PRESENT)})
    assert person.completed_at is None  # 2 of 3 sessions
    services.cancel_session(net.coordinator, future, "Trainer ill")
    assert person.completed_at is not None  # 2 of 2 held sessions
    assert attendance.attended_minutes(programme)[person.id] == 4 * 60


def test_completion_needs_the_share_of_sessions(net):
    programme = make_programme(net, days=(-30, -20, -10, -5), hours=2, percent=75)
    a, b = enrol_all(net, programme, net.iris_staff)
    sessions = programme.sessions
    for session in sessions[:3]:
        attendance.record(net.coordinator, session, {a.id: Mark(PRESENT), b.id: Mark(PRESENT)})
    attendance.record(net.coordinator, sessions[3], {a.id: Mark(ABSENT), b.id: Mark(ABSENT)})
    assert a.completed_at is not None  # 3 of 4 = 75 %
    attendance.record(net.coordinator, sessions[2], {b.id: Mark(EXCUSED)})
    assert b.completed_at is None  # 2 of 4: excused does not count
    assert attendance.is_complete(programme, 3, False)
    assert not attendance.is_complete(programme, 2, False)
    assert not attendance.is_complete(programme, 0, True)


def test_post_assessment_can_be_required(net):
    programme = make_programme(net, days=(-8,), percent=100, post=True)
    (person,) = enrol_all(net, programme, net.luka_staff[:1])
    attendance.record(net.coordinator, programme.sessions[0], {person.id: Mark(PRESENT)})
    assert person.completed_at is None
    assert certificates.active_certificate(person) is None
    assessments.save_self_assessment(person.user, person, AssessmentPhase.AFTER,
                                     {net.sogiesc.id: 4, net.law.id: 3})
    assert person.completed_at is not None
    assert certificates.active_certificate(person) is not None


def test_certificate_waits_for_the_last_session(net):
    programme = make_programme(net, days=(-10, 7), percent=50)
    (person,) = enrol_all(net, programme, net.iris_staff[:1])
    attendance.record(net.coordinator, programme.sessions[0], {person.id: Mark(PRESENT)})
    assert person.completed_at is not None
    assert certificates.active_certificate(person) is None


def test_certificate_states_the_facts_and_is_replaced_when_they_change(net):
    programme = make_programme(net, days=(-10, -3), hours=3, percent=50)
    (person,) = enrol_all(net, programme, net.iris_staff[:1])
    one, two = programme.sessions
    attendance.record(net.coordinator, one, {person.id: Mark(PRESENT)})
    first = certificates.active_certificate(person)
    assert first.holder_name == "Iris Person 1"
    assert first.programme_title == "Asylum law basics"
    assert first.minutes == 180
    assert first.first_day == one.event.starts_at and first.last_day == two.event.ends_at
    attendance.record(net.coordinator, two, {person.id: Mark(LATE)})
    second = certificates.active_certificate(person)
    assert second.minutes == 360 and second.code != first.code
    assert not first.is_valid  # the old paper no longer verifies
    assert certificates.verify(first.code) is None
    assert certificates.verify(second.code) == second


def test_corrected_attendance_revokes_the_certificate(net):
    programme = make_programme(net, days=(-10,), percent=100)
    (person,) = enrol_all(net, programme, net.iris_staff[:1])
    session = programme.sessions[0]
    attendance.record(net.coordinator, session, {person.id: Mark(PRESENT)})
    issued = certificates.active_certificate(person)
    attendance.record(net.coordinator, session, {person.id: Mark(ABSENT)})
    assert person.completed_at is None
    assert not issued.is_valid and not issued.revoked_by_hand


def test_a_certificate_revoked_by_hand_is_not_issued_again(net):
    programme = make_programme(net, days=(-10,), percent=100)
    (person,) = enrol_all(net, programme, net.iris_staff[:1])
    session = programme.sessions[0]
    attendance.record(net.coordinator, session, {person.id: Mark(PRESENT)})
    issued = certificates.active_certificate(person)
    certificates.revoke(net.coordinator, issued, "Issued by mistake")
    attendance.record(net.coordinator, session, {person.id: Mark(PRESENT, "again")})
    assert certificates.active_certificate(person) is None


def test_withdrawn_people_do_not_complete(net):
    from rmn_portal.trainings import enrolment

    programme = make_programme(net, days=(-10,), percent=100)
    (person,) = enrol_all(net, programme, net.iris_staff[:1])
    attendance.record(net.coordinator, programme.sessions[0], {person.id: Mark(PRESENT)})
    enrolment.withdraw(person.user, person)
    assert person.status is EnrolmentStatus.WITHDRAWN
    attendance.refresh_completion(net.coordinator, programme)
    assert person.completed_at is None
    assert certificates.active_certificate(person) is None
