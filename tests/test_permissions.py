"""The permission rules of DESIGN.md §2, walked role × action × own/other organisation.

Expected answers are written out as tables (Y = allowed), not recomputed with
the rules under test. Columns: own organisation (organisation, network, public
visibility), then another organisation (same order).
"""

from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from rmn_portal.accounts.models import Role, User
from rmn_portal.content import Visibility
from rmn_portal.db import db
from rmn_portal.orgs.models import Organisation
from rmn_portal.permissions import (
    Action,
    can,
    invitable_roles,
    organisations_visible_to,
    people_visible_to,
)

ROLES = ["anonymous", "member", "org_admin", "coordinator", "admin"]
VISIBILITIES = [Visibility.ORGANISATION, Visibility.NETWORK, Visibility.PUBLIC]
OWN, OTHER = 1, 2

CONTENT_TABLE = {
    Action.CONTENT_READ: {
        "anonymous": "--Y --Y",
        "member": "YYY -YY",
        "org_admin": "YYY -YY",
        "coordinator": "YYY -YY",
        "admin": "YYY -YY",  # the platform admin does not read other organisations' items
    },
    # Items written by someone else in the author's organisation.
    Action.CONTENT_EDIT: {
        "anonymous": "--- ---",
        "member": "--- ---",
        "org_admin": "YYY ---",
        "coordinator": "YYY -YY",  # moderation, of what they can see
        "admin": "YYY -YY",
    },
    Action.CONTENT_CREATE: {
        "anonymous": "--- ---",
        "member": "YYY YYY",
        "org_admin": "YYY YYY",
        "coordinator": "YYY YYY",
        "admin": "YYY YYY",
    },
}


def person(role: str, org_id: int = OWN, user_id: int = 100):
    if role == "anonymous":
        return AnonymousUserMixin()
    return SimpleNamespace(is_authenticated=True, role=Role(role), org_id=org_id, id=user_id)


def cells():
    for action, table in CONTENT_TABLE.items():
        for role, row in table.items():
            marks = row.replace(" ", "")
            for index, mark in enumerate(marks):
                org_id = OWN if index < 3 else OTHER
                yield action, role, org_id, VISIBILITIES[index % 3], mark == "Y"


@pytest.mark.parametrize(("action", "role", "org_id", "visibility", "expected"), list(cells()))
def test_content_rules(action, role, org_id, visibility, expected):
    item = SimpleNamespace(visibility=visibility, org_id=org_id, author_id=999)
    assert can(person(role), action, item) is expected


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_members_edit_their_own_items(visibility):
    member = person("member", user_id=7)
    own = SimpleNamespace(visibility=visibility, org_id=OWN, author_id=7)
    assert can(member, Action.CONTENT_EDIT, own)


def test_content_shared_with_an_organisation_is_readable_there():
    item = SimpleNamespace(visibility=Visibility.ORGANISATION, org_id=OTHER, author_id=1,
                           is_shared_with=lambda org_id: org_id == OWN)
    assert can(person("member"), Action.CONTENT_READ, item)
    assert not can(person("member", org_id=3), Action.CONTENT_READ, item)
    assert not can(person("member"), Action.CONTENT_EDIT, item)


ORG_TABLE = {
    # action: role -> (own organisation, other organisation)
    Action.ORGANISATION_EDIT_PROFILE: {"anonymous": "--", "member": "--", "org_admin": "Y-",
                                       "coordinator": "--", "admin": "YY"},
    Action.ORGANISATION_MANAGE_PEOPLE: {"anonymous": "--", "member": "--", "org_admin": "Y-",
                                        "coordinator": "--", "admin": "YY"},
    Action.ORGANISATIONS_MANAGE: {"anonymous": "--", "member": "--", "org_admin": "--",
                                  "coordinator": "--", "admin": "YY"},
    Action.AUDIT_READ: {"anonymous": "--", "member": "--", "org_admin": "--",
                        "coordinator": "--", "admin": "YY"},
    Action.USERS_MANAGE: {"anonymous": "--", "member": "--", "org_admin": "--",
                          "coordinator": "--", "admin": "YY"},
}


@pytest.mark.parametrize(("action", "role", "which"), [
    (action, role, which) for action, table in ORG_TABLE.items() for role in table
    for which in (0, 1)])
def test_organisation_rules(action, role, which):
    org = Organisation(id=(OWN, OTHER)[which], is_active=True, is_listed=True)
    expected = ORG_TABLE[action][role][which] == "Y"
    assert can(person(role), action, org) is expected


PERSON_TABLE = {
    # target's role -> allowed for (org_admin own org, org_admin other org, admin, coordinator)
    Role.MEMBER: "Y-Y-",
    Role.ORG_ADMIN: "Y-Y-",
    Role.COORDINATOR: "--Y-",
    Role.ADMIN: "--Y-",
}


@pytest.mark.parametrize("target_role", list(PERSON_TABLE))
def test_who_manages_whose_account(target_role):
    actors = [person("org_admin"), person("org_admin", org_id=OTHER), person("admin"),
              person("coordinator")]
    target = SimpleNamespace(id=5, org_id=OWN, role=target_role)
    got = "".join("Y" if can(actor, Action.PERSON_MANAGE, target) else "-" for actor in actors)
    assert got == PERSON_TABLE[target_role]


def test_nobody_manages_their_own_account():
    for role in ("org_admin", "admin"):
        actor = person(role, user_id=5)
        assert not can(actor, Action.PERSON_MANAGE, SimpleNamespace(id=5, org_id=OWN,
                                                                    role=Role(role)))


def test_who_may_invite_which_roles():
    org = Organisation(id=OWN)
    assert invitable_roles(person("org_admin"), org) == (Role.MEMBER,)
    assert invitable_roles(person("org_admin", org_id=OTHER), org) == ()
    assert set(invitable_roles(person("admin"), org)) == {Role.ORG_ADMIN, Role.COORDINATOR,
                                                          Role.MEMBER}
    assert invitable_roles(person("coordinator"), org) == ()
    assert invitable_roles(person("member"), org) == ()


def test_visibility_filters_run_in_sql(make):
    listed, hidden = make.org(), make.org(is_listed=False)
    closed = make.org(is_active=False)
    admin_of_listed = make.user(listed, Role.ORG_ADMIN)
    colleague = make.user(listed)
    outsider = make.user(hidden)
    platform_admin = make.user(closed, Role.ADMIN)

    def orgs_for(user):
        ids = set(db.session.scalars(select(Organisation.id).where(
            organisations_visible_to(user))))
        return {org.id for org in (listed, hidden, closed)} & ids

    assert orgs_for(AnonymousUserMixin()) == {listed.id}
    assert orgs_for(colleague) == {listed.id, hidden.id}
    assert orgs_for(platform_admin) == {listed.id, hidden.id, closed.id}

    def people_for(user):
        return set(db.session.scalars(select(User.id).where(people_visible_to(user))))

    assert people_for(admin_of_listed) == {admin_of_listed.id, colleague.id}
    assert people_for(colleague) == set()
    assert {colleague.id, outsider.id} <= people_for(platform_admin)
