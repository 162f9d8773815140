"""A small network for the hub tests: two organisations, people in every
role, and content of every visibility made through the real services."""

import io
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from rmn_portal.accounts.models import Role
from rmn_portal.content import Visibility
from rmn_portal.db import db, utcnow
from rmn_portal.notes import services as notes
from rmn_portal.resources.models import ResourceKind
from rmn_portal.resources.services import ResourceFields, create_resource
from rmn_portal.resources.uploads import Upload
from rmn_portal.statements import services as statements
from rmn_portal.statements.models import StatementStatus
from rmn_portal.trainings import services as trainings

from ..events.helpers import make_event, soon

BODY = "Pushbacks at the border must stop.\n\nEveryone has the right to ask for asylum."
PRIVATE = "Secret retreat of Iris"  # organisation-only: never outside Iris


def note_fields(**overrides) -> dict:
    fields = {"categories": ["accommodation"], "groups": ["gay"], "age_band": "18-24",
              "origin_region": "middle-east", "region": "belgrade", "period": date(2026, 3, 1),
              "urgency": "urgent", "responses": ["safe-housing"],
              "narrative": "Turned away from private housing twice because he is gay. Needs "
                           "safe accommodation.", "extra_redactions": []}
    fields.update(overrides)
    return fields


def published_statement(actor, title: str, language: str = "en"):
    statement = statements.create_statement(actor, title=title, body=BODY, language=language)
    statement.set_status(StatementStatus.PUBLISHED)
    statement.published_at = utcnow()
    db.session.flush()
    return statement


def published_note(author, reviewer, visibility=Visibility.PUBLIC, **overrides):
    note = notes.create_draft(author, note_fields(**overrides))
    notes.submit(author, note)
    notes.approve(reviewer, note)
    notes.publish(reviewer, note, visibility)
    db.session.flush()
    return note


def add_resource(author, title, visibility=Visibility.NETWORK, summary="", files=()):
    """A resource through the services; `files`: (name, bytes) pairs."""
    return create_resource(author, ResourceFields(
        title=title, kind=ResourceKind.REPORT, languages=["sr"], visibility=visibility,
        external_url="" if files else "https://example.org/doc", summary=summary),
        [Upload(name, io.BytesIO(data)) for name, data in files])


def add_training(coordinator, title, org=None, visibility="network", publish=True):
    programme = trainings.create_programme(
        coordinator, org=org, title=title, description="", target_audience="",
        visibility=visibility, modality="in_person", planned_minutes=180, capacity=None,
        enrolment_mode="open", external_trainers="", completion_percent=80,
        requires_post_assessment=False)
    starts = soon(20, hour=9)
    trainings.add_session(coordinator, programme, title=f"{title}, session 1", city="Beograd",
                          country="RS", format="in_person", timezone="Europe/Belgrade",
                          starts_at=starts, ends_at=starts.replace(hour=12))
    if publish:
        trainings.publish(coordinator, programme)
    return programme


@pytest.fixture
def net(make):
    iris, drina = make.org(name="Iris Collective"), make.org(name="Drina Network")
    people = SimpleNamespace(
        member=make.user(iris, name="Ana Member"),
        colleague=make.user(iris, name="Cora Colleague"),
        org_admin=make.user(iris, Role.ORG_ADMIN, name="Olga Admin"),
        outsider=make.user(drina, name="Mirko Outsider"),
        other_admin=make.user(drina, Role.ORG_ADMIN, name="Petra Other"),
        coordinator=make.user(drina, Role.COORDINATOR, name="Kim Coordinator"),
    )
    soon = utcnow() + timedelta(days=10)
    content = SimpleNamespace(
        public_statement=published_statement(people.member, "Stop pushbacks now"),
        draft_statement=statements.create_statement(people.member, title="Draft of Iris only",
                                                    body=BODY, language="en"),
        public_event=make_event(people.member, title="Open legal clinic",
                                visibility=Visibility.PUBLIC, starts_at=soon),
        network_event=make_event(people.member, title="Network strategy meeting",
                                 visibility=Visibility.NETWORK, starts_at=soon),
        private_event=make_event(people.member, title=PRIVATE,
                                 visibility=Visibility.ORGANISATION, starts_at=soon),
    )
    db.session.flush()
    return SimpleNamespace(iris=iris, drina=drina, **vars(people), **vars(content))
