"""No open sign-up: invitations are single-use, expire after 7 days and bind
the organisation and role."""

from datetime import timedelta

from sqlalchemy import select

from rmn_portal.accounts.models import Invitation, Role, User
from rmn_portal.db import db, utcnow

from .factories import login

NEW_PASSWORD = "a long and fresh passphrase"


def _invite(client, org, email, role="member"):
    return client.post(f"/organisations/{org.slug}/people", data={"email": email, "role": role})


def _link(outbox, email) -> str:
    body = outbox.messages(to=email)[-1].body_text
    line = next(line for line in body.splitlines() if "/invitations/" in line)
    return line.replace("http://localhost", "").strip()


def _accept(client, link, **extra):
    data = {"name": "New Person", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
            "locale": "sr_Latn", **extra}
    return client.post(link, data=data)


def test_org_admin_invites_a_member_who_joins_with_that_role(app, client, make, outbox):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    response = _invite(client, org, "new.person@example.org")
    assert response.status_code == 302
    link = _link(outbox, "new.person@example.org")
    newcomer = app.test_client()
    page = newcomer.get(link)
    assert page.status_code == 200
    assert org.name in page.get_data(as_text=True)
    # A tampered form cannot choose another organisation or role.
    other = make.org()
    response = _accept(newcomer, link, role="admin", org_id=str(other.id), org=other.slug)
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert (user.role, user.org_id, user.locale) == (Role.MEMBER, org.id, "sr_Latn")
    assert newcomer.get("/dashboard").status_code == 200  # signed in straight away


def test_an_invitation_works_once(app, client, make, outbox):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    _invite(client, org, "once@example.org")
    link = _link(outbox, "once@example.org")
    assert _accept(app.test_client(), link).status_code == 302
    second = app.test_client()
    assert second.get(link).status_code == 404
    assert _accept(second, link, name="Someone Else").status_code == 404


def test_an_invitation_expires_after_seven_days(app, client, make, outbox):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    _invite(client, org, "late@example.org")
    invitation = db.session.scalar(select(Invitation).where(Invitation.email == "late@example.org"))
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert app.test_client().get(_link(outbox, "late@example.org")).status_code == 404


def test_a_withdrawn_invitation_no_longer_works(app, client, make, outbox):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    _invite(client, org, "withdrawn@example.org")
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.email == "withdrawn@example.org"))
    client.post(f"/organisations/{org.slug}/invitations/{invitation.id}/revoke")
    assert app.test_client().get(_link(outbox, "withdrawn@example.org")).status_code == 404


def test_org_admins_invite_only_members_of_their_own_organisation(client, make, outbox):
    org, other = make.org(), make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    assert _invite(client, org, "coord@example.org", role="coordinator").status_code == 422
    assert _invite(client, org, "adm@example.org", role="admin").status_code == 422
    assert _invite(client, other, "x@example.org").status_code == 403
    assert outbox.messages() == []


def test_members_cannot_invite(client, make, outbox):
    org = make.org()
    login(client, make.user(org))
    assert _invite(client, org, "x@example.org").status_code == 403
    assert outbox.messages() == []


def test_admin_invites_organisation_admins_and_coordinators(app, client, make, outbox):
    org = make.org()
    login(client, make.user(org, Role.ADMIN))
    assert _invite(client, org, "boss@example.org", role="org_admin").status_code == 302
    assert _invite(client, org, "coord@example.org", role="coordinator").status_code == 302
    newcomer = app.test_client()
    response = _accept(newcomer, _link(outbox, "coord@example.org"))
    # A coordinator must set up two-factor before anything else.
    assert response.headers["Location"] == "/account/two-factor"


def test_inviting_an_existing_account_looks_the_same_to_the_inviter(client, make, outbox):
    org = make.org()
    existing = make.user(make.org(), email="taken@example.org")
    login(client, make.user(org, Role.ORG_ADMIN))
    known = _invite(client, org, existing.email)
    fresh = _invite(client, org, "fresh@example.org")
    assert known.status_code == fresh.status_code == 302
    follow = client.get(known.headers["Location"]).get_data(as_text=True)
    assert "Invitation sent to taken@example.org." in follow
    # The existing person is told by e-mail; no invitation exists for them.
    assert "already have an RMN Portal account" in outbox.messages(to=existing.email)[-1].subject
    assert db.session.scalar(select(Invitation).where(Invitation.email == existing.email)) is None


def test_invitation_password_rules_apply(app, client, make, outbox):
    org = make.org(name="Safe Harbour")
    login(client, make.user(org, Role.ORG_ADMIN))
    _invite(client, org, "weak@example.org")
    link = _link(outbox, "weak@example.org")
    newcomer = app.test_client()
    response = newcomer.post(link, data={"name": "Weak", "password": "safe harbour 2026",
                                         "confirm": "safe harbour 2026", "locale": "en"})
    assert response.status_code == 422
    assert "organisation" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "weak@example.org")) is None
