"""Helpers for the trainings tests: a network with two organisations, a
coordinator, competencies and programmes whose sessions lie in the past
(so attendance can be recorded) or the future."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from rmn_portal.accounts.models import Role
from rmn_portal.db import utcnow
from rmn_portal.trainings import enrolment, services
from rmn_portal.trainings.models import EnrolmentMode


@pytest.fixture
def net(make):
    iris = make.org(name="Iris Test Collective", country="RS")
    luka = make.org(name="Luka Test Collective", country="BA")
    coordinator = make.user(iris, Role.COORDINATOR, name="Cora Coordinator")
    world = SimpleNamespace(
        iris=iris, luka=luka, coordinator=coordinator,
        iris_admin=make.user(iris, Role.ORG_ADMIN, name="Ilda Admin"),
        luka_admin=make.user(luka, Role.ORG_ADMIN, name="Lav Admin"),
        iris_staff=[make.user(iris, name=f"Iris Person {n}") for n in (1, 2)],
        luka_staff=[make.user(luka, name=f"Luka Person {n}") for n in (1, 2)],
        admin=make.user(iris, Role.ADMIN, name="Ada Platform"),
    )
    world.sogiesc = services.save_competency(coordinator, None, name="SOGIESC interviewing",
                                             description="Interview with care.")
    world.law = services.save_competency(coordinator, None, name="Asylum law", description="")
    return world


def session_times(days: float, hours: int = 3):
    start = (utcnow() + timedelta(days=days)).replace(microsecond=0, second=0)
    return {"starts_at": start, "ends_at": start + timedelta(hours=hours)}


def make_programme(net, *, days=(-10, -3), hours=3, publish=True, capacity=None,
                   mode=EnrolmentMode.OPEN, percent=100, post=False, title="Asylum law basics"):
    """A network programme with one session per entry of `days` (negative:
    in the past), each `hours` long."""
    programme = services.create_programme(
        net.coordinator, org=None, competencies=[net.sogiesc, net.law], title=title,
        description="", target_audience="", visibility="network", modality="in_person",
        planned_minutes=len(days) * hours * 60, capacity=capacity, enrolment_mode=mode,
        external_trainers="Dr Vera Example", completion_percent=percent,
        requires_post_assessment=post)
    for n, day in enumerate(days, 1):
        services.add_session(net.coordinator, programme, title=f"{title}, session {n}",
                             city="Beograd", country="RS", format="in_person",
                             timezone="Europe/Belgrade", **session_times(day, hours))
    if publish:
        services.publish(net.coordinator, programme)
    return programme


def enrol_all(net, programme, people):
    return [enrolment.nominate(net.coordinator, programme, person) for person in people]
