"""Helpers for the notes tests: people in their roles and notes in every state."""

from datetime import date

import pytest

from rmn_portal.accounts.models import Role
from rmn_portal.content import Visibility
from rmn_portal.db import db
from rmn_portal.notes import services
from rmn_portal.notes.models import Note

# A narrative with personal data the anonymiser finds: a name, a Serbian
# phone number, an exact age and a precise place.
RAW_NAME = "Farshad Rahimi"
RAW_PHONE = "+381 64 123 4567"
RAW_NARRATIVE = (
    f"My client {RAW_NAME}, 24 years old, phone {RAW_PHONE}, was turned away from "
    "private housing in Krnjača twice this month because he is gay.\n"
    "He needs safe accommodation and a lawyer for the asylum interview."
)


def note_fields(**overrides) -> dict:
    fields = {
        "categories": ["accommodation", "legal-aid"],
        "groups": ["gay"],
        "age_band": "18-24",
        "origin_region": "middle-east",
        "region": "belgrade",
        "period": date(2026, 3, 1),
        "urgency": "urgent",
        "responses": ["safe-housing", "legal-support"],
        "narrative": RAW_NARRATIVE,
        "extra_redactions": [],
    }
    fields.update(overrides)
    return fields


def form_data(**overrides) -> dict:
    """The draft form as a browser posts it."""
    fields = note_fields(**overrides)
    data = {key: value for key, value in fields.items()
            if key not in ("period", "extra_redactions")}
    data["period"] = fields["period"].strftime("%Y-%m") if fields["period"] else ""
    data["extra_redactions"] = "\n".join(fields["extra_redactions"])
    return data


class People:
    def __init__(self, make):
        self.org = make.org(name="Iris Test Collective")
        self.other_org = make.org(name="Drina Test Network")
        self.author = make.user(self.org, Role.MEMBER, name="Ana Author")
        self.colleague = make.user(self.org, Role.MEMBER, name="Cora Colleague")
        self.own_org_admin = make.user(self.org, Role.ORG_ADMIN, name="Olga Own-Admin")
        self.other_org_admin = make.user(self.other_org, Role.ORG_ADMIN, name="Petra Other-Admin")
        self.other_member = make.user(self.other_org, Role.MEMBER, name="Mirko Other-Member")
        self.coordinator = make.user(self.other_org, Role.COORDINATOR, name="Kim Coordinator")
        self.admin = make.user(self.other_org, Role.ADMIN, name="Ada Admin")


@pytest.fixture
def people(make):
    return People(make)


class NoteMaker:
    """Notes in any state, made through the real services."""

    def __init__(self, people):
        self.people = people

    def draft(self, author=None, **overrides) -> Note:
        note = services.create_draft(author or self.people.author, note_fields(**overrides))
        db.session.flush()
        return note

    def in_review(self, author=None, **overrides) -> Note:
        note = self.draft(author, **overrides)
        services.submit(author or self.people.author, note)
        db.session.flush()
        return note

    def reviewer_for(self, note):
        """The coordinator, unless they wrote the note."""
        if note.author_id == self.people.coordinator.id:
            return self.people.own_org_admin  # another organisation than the coordinator's
        return self.people.coordinator

    def approved(self, author=None, **overrides) -> Note:
        note = self.in_review(author, **overrides)
        services.approve(self.reviewer_for(note), note)
        db.session.flush()
        return note

    def published(self, author=None, visibility=Visibility.PUBLIC, **overrides) -> Note:
        note = self.approved(author, **overrides)
        services.publish(self.reviewer_for(note), note, visibility)
        db.session.flush()
        return note


@pytest.fixture
def notes(people, db_session):
    return NoteMaker(people)
