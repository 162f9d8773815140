"""Platform administration: organisations, accounts, the append-only audit log."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from rmn_portal.accounts.models import Role
from rmn_portal.audit import AuditEvent
from rmn_portal.db import db
from rmn_portal.orgs.models import Organisation

from .factories import login

ADMIN_PAGES = ["/admin/", "/admin/organisations", "/admin/organisations/new", "/admin/users",
               "/admin/audit"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ORG_ADMIN, Role.COORDINATOR])
def test_admin_pages_are_for_the_platform_admin_only(client, make, role):
    login(client, make.user(role=role))
    for path in ADMIN_PAGES:
        assert client.get(path).status_code == 403, path


def test_admin_creates_an_organisation(client, make):
    login(client, make.user(role=Role.ADMIN))
    response = client.post("/admin/organisations/new", data={
        "name": "Vardar Test House", "short_name": "VTH", "slug": "vardar-test-house",
        "country": "MK", "city": "Skopje", "website": "", "contact_email": "",
        "description": "", "is_listed": "y", "is_active": "y"})
    assert response.status_code == 302
    org = db.session.scalar(select(Organisation).where(Organisation.slug == "vardar-test-house"))
    assert org.country == "MK" and org.is_active
    duplicate = client.post("/admin/organisations/new", data={
        "name": "Again", "short_name": "A", "slug": "vardar-test-house", "country": "MK"})
    assert duplicate.status_code == 422
    assert "already uses this address name" in duplicate.get_data(as_text=True)


def test_admin_lists_and_filters_accounts(client, make):
    org = make.org(short_name="FILTERME")
    make.user(org, name="Findable Person")
    make.user(make.org(), name="Other Person")
    login(client, make.user(role=Role.ADMIN))
    page = client.get(f"/admin/users?org={org.id}").get_data(as_text=True)
    assert "Findable Person" in page and "Other Person" not in page
    page = client.get("/admin/users?q=findable").get_data(as_text=True)
    assert "Findable Person" in page and "Other Person" not in page


def test_audit_log_page_filters_by_action(client, make):
    admin = make.user(role=Role.ADMIN)
    login(client, admin)
    client.post("/login/code")  # noise
    page = client.get("/admin/audit?action=login").get_data(as_text=True)
    assert "login.success" in page
    assert client.get("/admin/audit?action=nothing-like-this").get_data(
        as_text=True).count("<code>") == 0


def test_the_audit_log_is_append_only_in_the_orm(client, make):
    login(client, make.user())
    event = db.session.scalar(select(AuditEvent))
    event.action = "tampered"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEvent)))
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()


def test_the_audit_log_is_append_only_in_the_database(client, make):
    login(client, make.user())
    with pytest.raises(DatabaseError), db.session.begin_nested():
        db.session.execute(text("UPDATE audit_events SET action = 'tampered'"))
    with pytest.raises(DatabaseError), db.session.begin_nested():
        db.session.execute(text("DELETE FROM audit_events"))
    assert "tampered" not in db.session.scalars(select(AuditEvent.action)).all()
