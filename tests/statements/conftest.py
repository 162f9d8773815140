"""Helpers for statement tests: a drafting team, a statement in each state."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from rmn_portal import pagecache
from rmn_portal.accounts.models import Role
from rmn_portal.db import db, utcnow
from rmn_portal.notify.models import Notification
from rmn_portal.statements import services, signing

BODY = ("Pushbacks at the border must stop.\n\n"
        "Everyone has the right to ask for asylum.\n\n"
        "We call for an independent investigation.")


@pytest.fixture(autouse=True)
def request_context(app, db_session):
    """Services translate their messages for the reader, which needs a
    request (the reader's language); tests that call them directly get one."""
    with app.test_request_context():
        yield


@dataclass
class Network:
    lead_org: object
    lead: object  # the member who started the statement
    lead_admin: object  # the lead organisation's admin
    editor: object  # an invited editor from another organisation
    orgs: list  # three more organisations, each with an admin and a member
    admins: list
    members: list
    coordinator: object
    platform_admin: object
    outsider: object  # a member of another organisation, not on the team


@pytest.fixture
def network(make):
    lead_org = make.org(name="Iris Test Collective", country="RS")
    lead = make.user(lead_org, Role.MEMBER, name="Lena Lead")
    lead_admin = make.user(lead_org, Role.ORG_ADMIN, name="Lara Admin")
    editor_org = make.org(name="Drina Test Rights", country="BA")
    editor = make.user(editor_org, Role.MEMBER, name="Edin Editor")
    orgs, admins, members = [], [], []
    for name, country in (("Una Test Point", "BA"), ("Vardar Test House", "MK"),
                          ("Ylber Test Shelter", "AL")):
        org = make.org(name=name, country=country)
        orgs.append(org)
        admins.append(make.user(org, Role.ORG_ADMIN, name=f"Admin of {name}"))
        members.append(make.user(org, Role.MEMBER, name=f"Member of {name}"))
    coordinator = make.user(lead_org, Role.COORDINATOR, name="Cora Coordinator")
    platform_admin = make.user(make.org(name="Platform Test Org"), Role.ADMIN, name="Pat Admin")
    outsider = make.user(make.org(name="Outside Test Org"), Role.MEMBER, name="Olga Outsider")
    return Network(lead_org, lead, lead_admin, editor, orgs, admins, members, coordinator,
                   platform_admin, outsider)


def draft(network, *, title="Stop pushbacks now", body=BODY, invite_editor=True):
    statement = services.create_statement(network.lead, title=title, body=body, language="en",
                                          tags="pushbacks, border")
    if invite_editor:
        services.invite_editor(network.lead, statement, network.editor.email)
    db.session.flush()
    return statement


def open_statement(network, *, days=10, now=None, **kwargs):
    statement = draft(network, **kwargs)
    now = now or utcnow()
    signing.open_for_signature(network.lead, statement, (now + timedelta(days=days)).date(),
                               now=now)
    db.session.flush()
    return statement


def notifications(user, kind=None) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user.id)
    if kind:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query.order_by(Notification.id)))


class QueryCounter:
    """Counts the statements a page runs (not the test harness's savepoints)."""

    def __init__(self):
        self.count = 0

    def __call__(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            self.count += 1


@pytest.fixture
def count_queries():
    """count_queries(fn) -> how many SQL statements fn() ran."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def run(fn) -> int:
        # Requests share the test's session: start each count from a cold one,
        # and from an empty page cache (a page rendered, its reader looked up).
        db.session.expire_all()
        pagecache.forget_everything(current_app)
        counter = QueryCounter()
        event.listen(Engine, "before_cursor_execute", counter)
        try:
            fn()
        finally:
            event.remove(Engine, "before_cursor_execute", counter)
        return counter.count

    return run
