"""Authorisation matrix rows for trainings.

The world gains an internal training of the own organisation and one of the
other organisation (organisation-only, one past session each), with a
colleague and an outsider enrolled, present and certified; a network
training open for enrolment; a competency; a guest count.
"""

from datetime import timedelta

from rmn_portal.db import utcnow
from rmn_portal.trainings import attendance, certificates, enrolment, services
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AttendanceStatus

from . import LOGIN, Route, everyone, only, table


def _training(coordinator, org, title, days):
    programme = services.create_programme(
        coordinator, org=org, title=title, visibility="organisation" if org else "network",
        modality="in_person", planned_minutes=120, enrolment_mode="open",
        completion_percent=100)
    start = utcnow().replace(microsecond=0) + timedelta(days=days)
    services.add_session(coordinator, programme, title=title, city="Beograd",
                         format="in_person", timezone="Europe/Belgrade", starts_at=start,
                         ends_at=start + timedelta(hours=2))
    services.publish(coordinator, programme)
    return programme


def _certified(coordinator, programme, person):
    item = enrolment.nominate(coordinator, programme, person)
    attendance.record(coordinator, programme.sessions[0],
                      {item.id: Mark(AttendanceStatus.PRESENT)})
    return item, certificates.active_certificate(item)


def populate(world, make):
    coordinator = world.actors["coordinator"]
    world.own_training = _training(coordinator, world.own, "Own induction", -2)
    world.other_training = _training(coordinator, world.other, "Other induction", -2)
    world.network_training = _training(coordinator, None, "Network course", 10)
    world.own_session = world.own_training.sessions[0]
    world.other_session = world.other_training.sessions[0]
    world.own_enrolment, world.own_certificate = _certified(coordinator, world.own_training,
                                                            world.colleague)
    world.other_enrolment, world.other_certificate = _certified(
        coordinator, world.other_training, world.outsider)
    world.own_trainee = make.user(world.own)
    world.other_trainee = make.user(world.other)
    world.own_guests = attendance.add_guests(coordinator, world.own_session, 4)
    world.competency = services.save_competency(coordinator, None, name="Asylum law",
                                                description="")
    make.session.flush()


OWN = "/trainings/{own_training.id}"
OTHER = "/trainings/{other_training.id}"
OWN_SESSION = OWN + "/sessions/{own_session.id}"
OTHER_SESSION = OTHER + "/sessions/{other_session.id}"
# The own organisation's internal training: its admin and the coordinators
# run it; members read it; the platform admin manages accounts, not trainings.
MANAGERS = table(LOGIN, 403, 200, 200, 403)
HIDDEN = table(LOGIN, 404, 404, 200, 404)  # coordinators see every training
RECORD = table(LOGIN, 404, 200, 200, 404)  # a colleague's record and certificate
COORDINATOR = only({"coordinator": 200})
PERIOD = "?start=2025-01-01&end=2025-12-31"

ROUTES = [
    Route("trainings.index", "GET", "/trainings", everyone(LOGIN, 200)),
    Route("trainings.create", "GET", "/trainings/new", MANAGERS),
    Route("trainings.detail", "GET", OWN, everyone(LOGIN, 200)),
    Route("trainings.detail", "GET", OTHER, HIDDEN),
    Route("trainings.edit", "GET", OWN + "/edit", MANAGERS),
    Route("trainings.edit", "GET", OTHER + "/edit", HIDDEN),
    Route("trainings.publish", "POST", OWN + "/publish", table(LOGIN, 403, 302, 302, 403)),
    Route("trainings.cancel", "GET", OWN + "/cancel", MANAGERS),
    Route("trainings.cancel", "GET", OTHER + "/cancel", HIDDEN),
    Route("trainings.enrol", "POST", "/trainings/{network_training.id}/enrol",
          everyone(LOGIN, 302)),
    Route("trainings.enrol", "POST", OTHER + "/enrol", table(LOGIN, 404, 404, 302, 404)),
    Route("trainings.nominate", "POST", OWN + "/nominate", table(LOGIN, 403, 302, 302, 403),
          data={"email": "{own_trainee.email}"}),
    Route("trainings.nominate", "POST", OTHER + "/nominate", table(LOGIN, 404, 404, 302, 404),
          data={"email": "{other_trainee.email}"}),
    Route("trainings.decide", "POST", OWN + "/enrolments/{own_enrolment.id}/withdraw",
          table(LOGIN, 404, 302, 302, 404)),
    Route("trainings.decide", "POST", OTHER + "/enrolments/{other_enrolment.id}/withdraw",
          table(LOGIN, 404, 404, 302, 404)),
    Route("trainings.enrolment_detail", "GET", OWN + "/enrolments/{own_enrolment.id}", RECORD),
    Route("trainings.enrolment_detail", "GET", OTHER + "/enrolments/{other_enrolment.id}",
          HIDDEN),
    Route("trainings.add_session", "GET", OWN + "/sessions/new", MANAGERS),
    Route("trainings.add_session", "GET", OTHER + "/sessions/new", HIDDEN),
    Route("trainings.edit_session", "GET", OWN_SESSION + "/edit", MANAGERS),
    Route("trainings.edit_session", "GET", OTHER_SESSION + "/edit", HIDDEN),
    Route("trainings.cancel_session", "GET", OWN_SESSION + "/cancel", MANAGERS),
    Route("trainings.cancel_session", "GET", OTHER_SESSION + "/cancel", HIDDEN),
    Route("trainings.session_attendance", "GET", OWN_SESSION + "/attendance", MANAGERS),
    Route("trainings.session_attendance", "GET", OTHER_SESSION + "/attendance", HIDDEN),
    Route("trainings.import_attendance", "POST", OWN_SESSION + "/attendance/import",
          table(LOGIN, 403, 422, 422, 403)),
    Route("trainings.confirm_import", "POST", OWN_SESSION + "/attendance/import/confirm",
          table(LOGIN, 403, 302, 302, 403)),
    Route("trainings.add_guests", "POST", OWN_SESSION + "/guests",
          table(LOGIN, 403, 302, 302, 403), data={"count": "3"}),
    Route("trainings.add_guests", "POST", OTHER_SESSION + "/guests",
          table(LOGIN, 404, 404, 302, 404), data={"count": "3"}),
    Route("trainings.delete_guests", "POST", OWN_SESSION + "/guests/{own_guests.id}/delete",
          table(LOGIN, 403, 302, 302, 403)),
    Route("trainings.sign_in_sheet", "GET", OWN_SESSION + "/sign-in-sheet", MANAGERS),
    Route("trainings.sign_in_sheet", "GET", OTHER_SESSION + "/sign-in-sheet", HIDDEN),
    Route("trainings.self_assessment", "GET", OWN + "/assessment/before",
          everyone(LOGIN, 404)),
    Route("trainings.certificates_zip", "GET", OWN + "/certificates.zip", MANAGERS),
    Route("trainings.certificates_zip", "GET", OTHER + "/certificates.zip", HIDDEN),
    Route("trainings.certificate", "GET", "/trainings/certificates/{own_certificate.id}",
          RECORD),
    Route("trainings.certificate", "GET", "/trainings/certificates/{other_certificate.id}",
          HIDDEN),
    Route("trainings.certificate_pdf", "GET",
          "/trainings/certificates/{own_certificate.id}.pdf", RECORD),
    Route("trainings.certificate_pdf", "GET",
          "/trainings/certificates/{other_certificate.id}.pdf", HIDDEN),
    Route("trainings.revoke_certificate", "POST",
          "/trainings/certificates/{own_certificate.id}/revoke",
          table(LOGIN, 404, 302, 302, 404), data={"reason": "Issued in error"}),
    Route("trainings.revoke_certificate", "POST",
          "/trainings/certificates/{other_certificate.id}/revoke",
          table(LOGIN, 404, 404, 302, 404), data={"reason": "Issued in error"}),
    Route("trainings.my_record", "GET", "/trainings/people/me", everyone(LOGIN, 302)),
    Route("trainings.record", "GET", "/trainings/people/{colleague.id}", RECORD),
    Route("trainings.record", "GET", "/trainings/people/{outsider.id}", HIDDEN),
    Route("trainings.set_gender", "POST", "/trainings/enrolments/{own_enrolment.id}/gender",
          everyone(LOGIN, 404), data={"gender": "woman"}),
    Route("trainings.competencies", "GET", "/trainings/competencies", everyone(LOGIN, 200)),
    Route("trainings.edit_competency", "GET", "/trainings/competencies/new", COORDINATOR),
    Route("trainings.edit_competency", "GET", "/trainings/competencies/{competency.id}/edit",
          COORDINATOR),
    Route("trainings.needs", "GET", "/trainings/needs", only({"org_admin": 200})),
    Route("trainings.network_dashboard", "GET", "/trainings/dashboard", everyone(LOGIN, 200)),
    Route("trainings.org_dashboard", "GET", "/trainings/dashboard/{own.slug}",
          everyone(LOGIN, 200)),
    Route("trainings.org_dashboard", "GET", "/trainings/dashboard/{other.slug}", HIDDEN),
    Route("trainings.donor_report", "GET", "/trainings/report" + PERIOD, COORDINATOR),
    Route("trainings.donor_report_file", "GET", "/trainings/report.csv" + PERIOD, COORDINATOR),
    Route("trainings.donor_report_file", "GET", "/trainings/report.xlsx" + PERIOD,
          COORDINATOR),
]
