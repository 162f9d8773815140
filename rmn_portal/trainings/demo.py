"""Demo trainings (`flask seed-demo`): the network's competencies, a held
course with attendance, certificates and self-assessments, an upcoming
course open for enrolment, an organisation's internal training, counts of
community participants and this year's needs assessment. All fictional,
dated relative to today, created through the real services.

Idempotent: nothing is added when the portal already has trainings.
"""

import random
from datetime import timedelta

from sqlalchemy import select

from ..db import db, utcnow
from . import assessments, attendance, enrolment, services
from .attendance import Mark
from .models import AssessmentPhase, AttendanceStatus, EnrolmentMode, Gender, Programme

COMPETENCIES = [
    ("SOGIESC-sensitive interviewing", "Interview people about sexual orientation, gender "
     "identity and sex characteristics without harm, stereotypes or intrusive questions."),
    ("Asylum law and procedure", "Explain the asylum procedure, deadlines and remedies in the "
     "country of work, and spot when a claim needs a lawyer."),
    ("Identifying victims of trafficking", "Recognise indicators of trafficking and refer "
     "people safely to the competent services."),
    ("Psychosocial first aid", "Support people in acute distress and know when and where to "
     "refer them."),
    ("Data protection", "Handle personal data of clients lawfully and safely: minimisation, "
     "consent, storage and sharing."),
    ("Advocacy", "Turn casework evidence into advocacy messages, briefs and meetings with "
     "decision makers."),
    ("Referral mechanisms", "Use national and regional referral pathways for health, shelter "
     "and legal aid."),
]


def _at(days: int, hour: int) -> dict:
    start = (utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0,
                                                      microsecond=0)
    return {"starts_at": start, "ends_at": start + timedelta(hours=3)}


def _programme(actor, org, title, competencies, days, *, mode=EnrolmentMode.OPEN,
               capacity=None, description="", audience="", visibility="network"):
    programme = services.create_programme(
        actor, org=org, title=title, competencies=competencies, description=description,
        target_audience=audience, visibility=visibility, modality="in_person",
        planned_minutes=len(days) * 180, capacity=capacity, enrolment_mode=mode,
        external_trainers="Dr Mirela Primerović\nAlex Example-Trainer",
        completion_percent=80)
    for number, day in enumerate(days, 1):
        services.add_session(actor, programme, title=f"{title}, session {number}",
                             venue="Training room, Cetinjska 15", city="Beograd",
                             country="RS", format="in_person", timezone="Europe/Belgrade",
                             **_at(day, 9))
    services.publish(actor, programme)
    return programme


def seed(context) -> None:
    if db.session.scalar(select(Programme.id).limit(1)) is not None:
        return
    rng = random.Random(5)  # noqa: S311 - the same demo every time, not a secret
    coordinator = context.coordinators[0]
    competencies = [services.save_competency(coordinator, None, name=name,
                                             description=description)
                    for name, description in COMPETENCIES]
    staff = [person for people in context.members.values() for person in people]

    held = _programme(
        coordinator, None, "SOGIESC-sensitive interviewing for caseworkers",
        competencies[:2], (-60, -53, -46),
        description="Three mornings on interviewing LGBTI+ asylum seekers with care: "
                    "language, safety, **credibility myths** and the role of interpreters.",
        audience="Caseworkers, legal counsellors and interpreters of member organisations.")
    people = [enrolment.nominate(coordinator, held, person) for person in staff[:14]]
    genders = [Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.PREFER_NOT_TO_SAY, None]
    for item in people:
        item.gender = rng.choice(genders)
        assessments.save_self_assessment(item.user, item, AssessmentPhase.BEFORE,
                                         {c.id: rng.randint(1, 3) for c in competencies[:2]})
    statuses = [AttendanceStatus.PRESENT] * 6 + [AttendanceStatus.LATE,
                                                 AttendanceStatus.EXCUSED,
                                                 AttendanceStatus.ABSENT]
    for session in held.sessions:
        attendance.record(coordinator, session,
                          {item.id: Mark(rng.choice(statuses)) for item in people})
        attendance.add_guests(coordinator, session, rng.randint(4, 9), Gender.MAN, "18_24")
        attendance.add_guests(coordinator, session, rng.randint(2, 6), None, None)
    for item in people[:10]:
        assessments.save_self_assessment(item.user, item, AssessmentPhase.AFTER,
                                         {c.id: rng.randint(3, 5) for c in competencies[:2]})

    upcoming = _programme(
        coordinator, None, "Identifying and referring victims of trafficking",
        [competencies[2], competencies[6]], (12, 19), mode=EnrolmentMode.APPROVAL,
        capacity=16,
        description="Indicators of trafficking along the Balkan route and the referral "
                    "pathways in each country, with case exercises.")
    for person in staff[14:20]:
        enrolment.enrol(person, upcoming)

    iris = context.orgs[0]
    internal = _programme(
        context.org_admins[iris.slug], iris, "Data protection in daily casework",
        [competencies[4]], (-20, 6), visibility="organisation",
        description="How we keep client files, messages and photos safe.")
    for person in context.members[iris.slug]:
        enrolment.nominate(context.org_admins[iris.slug], internal, person)

    year = utcnow().year
    for org in context.orgs[:10]:
        ratings = {c.id: rng.randint(1, 5) for c in competencies}
        assessments.save_needs(context.org_admins[org.slug], org, year, ratings, competencies)
