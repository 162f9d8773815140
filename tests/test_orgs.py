"""The directory, organisation profiles, and managing an organisation's people."""

from sqlalchemy import select

from rmn_portal.accounts.models import Role
from rmn_portal.audit import AuditEvent
from rmn_portal.db import db

from .factories import login


def test_directory_lists_listed_active_organisations_to_everyone(client, make):
    listed = make.org(name="Visible Collective")
    hidden = make.org(name="Unlisted Shelter", is_listed=False)
    closed = make.org(name="Closed Network", is_active=False)
    page = client.get("/organisations").get_data(as_text=True)
    assert listed.name in page
    assert hidden.name not in page and closed.name not in page
    assert client.get(f"/organisations/{listed.slug}").status_code == 200
    assert client.get(f"/organisations/{hidden.slug}").status_code == 404
    assert client.get(f"/organisations/{closed.slug}").status_code == 404
    assert client.get("/organisations/no-such-org").status_code == 404


def test_members_also_see_unlisted_member_organisations(client, make):
    hidden = make.org(name="Unlisted Shelter", is_listed=False)
    login(client, make.user())
    assert hidden.name in client.get("/organisations").get_data(as_text=True)
    assert client.get(f"/organisations/{hidden.slug}").status_code == 200


def test_profile_description_is_markdown_and_safe(client, make):
    org = make.org(description="We offer **legal aid**. <script>alert(1)</script>")
    page = client.get(f"/organisations/{org.slug}").get_data(as_text=True)
    assert "<strong>legal aid</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_org_admin_edits_own_profile_but_not_another(client, make):
    org, other = make.org(), make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    response = client.post(f"/organisations/{org.slug}/edit", data={
        "name": "Renamed Collective", "short_name": "RC", "city": "Niš",
        "website": "https://rc.example.org", "contact_email": "", "description": "",
        "is_listed": "y", "slug": "hacked", "country": "AL", "is_active": ""})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.name == "Renamed Collective"
    assert (org.slug, org.country, org.is_active) != ("hacked", "AL", False)  # admin-only fields
    assert client.get(f"/organisations/{other.slug}/edit").status_code == 403


def test_profile_edit_refuses_bad_input_and_saves_nothing(client, make):
    org = make.org(name="Before")
    login(client, make.user(org, Role.ORG_ADMIN))
    response = client.post(f"/organisations/{org.slug}/edit", data={
        "name": "", "short_name": "X", "website": "javascript:alert(1)"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "This field is required." in page
    assert "Enter a web address starting with http:// or https://." in page
    db.session.refresh(org)
    assert org.name == "Before"


def test_people_page_is_for_the_organisations_admins(client, make):
    org, other = make.org(), make.org()
    login(client, make.user(org))
    assert client.get(f"/organisations/{org.slug}/people").status_code == 403
    client.post("/logout")
    login(client, make.user(org, Role.ORG_ADMIN))
    assert client.get(f"/organisations/{org.slug}/people").status_code == 200
    assert client.get(f"/organisations/{other.slug}/people").status_code == 403


def test_org_admin_changes_roles_within_the_organisation_only(client, make):
    org, other = make.org(), make.org()
    admin = make.user(org, Role.ORG_ADMIN)
    member = make.user(org)
    outsider = make.user(other)
    login(client, admin)
    ok = client.post(f"/organisations/{org.slug}/people/{member.id}/role",
                     data={"role": "org_admin"})
    assert ok.status_code == 302
    db.session.refresh(member)
    assert member.role is Role.ORG_ADMIN
    assert client.post(f"/organisations/{org.slug}/people/{member.id}/role",
                       data={"role": "coordinator"}).status_code == 400
    assert client.post(f"/organisations/{org.slug}/people/{outsider.id}/role",
                       data={"role": "org_admin"}).status_code == 404
    assert client.post(f"/organisations/{org.slug}/people/{admin.id}/role",
                       data={"role": "member"}).status_code == 404  # not oneself
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "user.role_changed")).all()
    assert [(e.object_id, e.details["role"]) for e in events] == [(str(member.id), "org_admin")]


def test_admin_manages_any_organisations_people(client, make):
    org = make.org()
    member = make.user(org)
    login(client, make.user(make.org(), Role.ADMIN))
    assert client.post(f"/organisations/{org.slug}/people/{member.id}/role",
                       data={"role": "coordinator"}).status_code == 302
    db.session.refresh(member)
    assert member.role is Role.COORDINATOR
