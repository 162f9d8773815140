"""Who may do what with a statement, in every state: the rules and the SQL
filter for lists must agree."""

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from rmn_portal.accounts.models import Role
from rmn_portal.db import db
from rmn_portal.permissions import Action, can, statements_visible_to
from rmn_portal.statements import signing
from rmn_portal.statements.models import Statement, StatementStatus

from .conftest import draft, open_statement

PEOPLE = ["anonymous", "author", "lead_member", "lead_admin", "editor", "outsider",
          "other_admin", "coordinator", "platform_admin"]


@pytest.fixture
def people(network, make):
    return {
        "anonymous": AnonymousUserMixin(),
        "author": network.lead,
        "lead_member": make.user(network.lead_org, Role.MEMBER),
        "lead_admin": network.lead_admin,
        "editor": network.editor,
        "outsider": network.outsider,
        "other_admin": network.admins[0],
        "coordinator": network.coordinator,
        "platform_admin": network.platform_admin,
    }


def allowed(people, action, obj) -> set[str]:
    return {name for name in PEOPLE if can(people[name], action, obj)}


TEAM = {"author", "lead_member", "lead_admin", "editor", "coordinator"}
SIGNED_IN = set(PEOPLE) - {"anonymous"}


def test_drafts_belong_to_the_team(network, people):
    statement = draft(network)
    assert allowed(people, Action.STATEMENT_READ, statement) == TEAM
    assert allowed(people, Action.STATEMENT_EDIT, statement) == {"author", "lead_admin",
                                                                  "editor", "coordinator"}
    assert allowed(people, Action.STATEMENT_LEAD, statement) == {"author", "lead_admin",
                                                                  "coordinator"}
    assert allowed(people, Action.STATEMENT_COMMENT, statement) == TEAM


def test_open_statements_are_read_by_the_network_and_signed_by_organisation_admins(
        network, people):
    statement = open_statement(network)
    assert allowed(people, Action.STATEMENT_READ, statement) == SIGNED_IN
    assert allowed(people, Action.STATEMENT_SIGN, statement) == {"lead_admin", "other_admin"}
    assert allowed(people, Action.STATEMENT_COMMENT, statement) == SIGNED_IN
    signature = signing.sign(network.admins[0], statement)
    assert allowed(people, Action.STATEMENT_WITHDRAW_SIGNATURE, signature) == {"other_admin"}


def test_published_statements_are_public_and_closed(network, people):
    statement = open_statement(network)
    signing.sign(network.admins[0], statement)
    signing.publish(network.lead, statement)
    assert allowed(people, Action.STATEMENT_READ, statement) == set(PEOPLE)
    assert allowed(people, Action.STATEMENT_COMMENT, statement) == set()


def test_an_inactive_organisation_does_not_sign(network, people):
    statement = open_statement(network)
    network.orgs[0].is_active = False
    assert not can(network.admins[0], Action.STATEMENT_SIGN, statement)


@pytest.mark.parametrize("status", list(StatementStatus))
def test_the_list_filter_matches_the_read_rule(network, people, status):
    statement = draft(network)
    statement.set_status(status)
    other = draft(network, title="Another")  # stays a draft
    db.session.flush()
    for name in PEOPLE:
        user = people[name]
        listed = set(db.session.scalars(select(Statement.id).where(statements_visible_to(user))
                                        .where(Statement.id.in_([statement.id, other.id]))))
        readable = {s.id for s in (statement, other) if can(user, Action.STATEMENT_READ, s)}
        assert listed == readable, name
