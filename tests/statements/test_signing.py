"""Opening for signature, signing, withdrawing, re-opening and the deadline."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from rmn_portal.audit import AuditEvent
from rmn_portal.db import db, utcnow
from rmn_portal.errors import ServiceError
from rmn_portal.statements import services, signing
from rmn_portal.statements.models import Signature, SignOn, StatementStatus
from rmn_portal.statements.text import bundle_sha256, text_sha256

from ..factories import login
from .conftest import draft, notifications, open_statement


def audit_actions(statement) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.object_type == "statements", AuditEvent.object_id == str(statement.id))
        .order_by(AuditEvent.id)))


def test_opening_freezes_the_texts_with_revision_and_hash(client, network):
    statement = draft(network)
    services.add_text(network.editor, statement, language="sr", title="Zaustavite vraćanja",
                      body="Vraćanja na granici moraju da prestanu.")
    db.session.commit()
    login(client, network.lead)
    deadline = (utcnow() + timedelta(days=7)).date()
    response = client.post(f"/statements/{statement.id}/open",
                           data={"deadline": deadline.isoformat()})
    assert response.status_code == 302
    assert statement.status is StatementStatus.OPEN
    sign_on = signing.current_sign_on(statement)
    en, sr = statement.text_in("en"), statement.text_in("sr")
    assert sign_on.revisions["en"]["number"] == 1
    assert sign_on.revisions["sr"]["sha256"] == text_sha256(sr.title, sr.body)
    assert sign_on.text_sha256 == bundle_sha256({"en": text_sha256(en.title, en.body),
                                                 "sr": text_sha256(sr.title, sr.body)})
    assert sign_on.deadline == deadline
    assert "statements.opened_for_signature" in audit_actions(statement)
    # Every organisation admin hears about it.
    for admin in [network.lead_admin, *network.admins]:
        assert len(notifications(admin, "statements.signon_opened")) == 1
    assert notifications(network.members[0], "statements.signon_opened") == []


@pytest.mark.parametrize("days, message", [(-1, "The deadline cannot be in the past."),
                                           (400, "Choose a deadline within a year.")])
def test_a_deadline_out_of_range_is_refused(client, network, days, message):
    statement = draft(network)
    db.session.commit()
    login(client, network.lead)
    deadline = (utcnow() + timedelta(days=days)).date()
    response = client.post(f"/statements/{statement.id}/open",
                           data={"deadline": deadline.isoformat()})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and 'id="deadline-error"' in page
    assert statement.status is StatementStatus.DRAFTING
    assert db.session.scalar(select(SignOn.id).where(SignOn.statement_id == statement.id)) is None


def test_organisation_admins_sign_for_their_own_organisation_once(client, network):
    statement = open_statement(network)
    db.session.commit()
    admin = network.admins[0]
    login(client, admin)
    page = client.get(f"/statements/{statement.id}").get_data(as_text=True)
    assert f"Sign for {admin.org.name}" in page
    response = client.post(f"/statements/{statement.id}/sign", data={
        "signatory_name": "Amra Example", "signatory_title": "Director", "confirm": "y"})
    assert response.status_code == 302
    signature = db.session.scalar(select(Signature).where(Signature.org_id == admin.org_id))
    sign_on = signing.current_sign_on(statement)
    assert signature.text_sha256 == sign_on.text_sha256
    assert signature.revision_id == sign_on.revisions["en"]["revision_id"]
    assert (signature.signed_by_id, signature.signatory_title) == (admin.id, "Director")
    assert "statements.signed" in audit_actions(statement)

    again = client.post(f"/statements/{statement.id}/sign", data={"confirm": "y"})
    assert again.status_code == 409
    assert "has already signed this statement" in again.get_data(as_text=True)
    assert len(signing.active_signatures(sign_on)) == 1


def test_the_database_refuses_a_second_signature_of_one_organisation(network):
    statement = open_statement(network)
    signature = signing.sign(network.admins[0], statement)
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(Signature(sign_on_id=signature.sign_on_id, statement_id=statement.id,
                                 org_id=signature.org_id, text_sha256="0" * 64))
        db.session.flush()


def test_signing_without_confirming_is_refused_beside_the_field(client, network):
    statement = open_statement(network)
    db.session.commit()
    login(client, network.admins[0])
    response = client.post(f"/statements/{statement.id}/sign", data={"signatory_name": "X"})
    assert response.status_code == 422
    assert "Confirm that you may sign for your organisation." in response.get_data(as_text=True)
    assert signing.active_signatures(signing.current_sign_on(statement)) == []


@pytest.mark.parametrize("who", ["member", "coordinator", "platform_admin", "editor"])
def test_only_organisation_admins_sign(client, network, who):
    statement = open_statement(network)
    db.session.commit()
    person = {"member": network.members[0], "coordinator": network.coordinator,
              "platform_admin": network.platform_admin, "editor": network.editor}[who]
    login(client, person)
    assert "Sign for" not in client.get(f"/statements/{statement.id}").get_data(as_text=True)
    response = client.post(f"/statements/{statement.id}/sign", data={"confirm": "y"})
    assert response.status_code == 403
    with pytest.raises(ServiceError) as refused:
        signing.sign(person, statement)
    assert refused.value.status == 403
    assert signing.active_signatures(signing.current_sign_on(statement)) == []


def test_nobody_signs_for_another_organisation(network):
    statement = open_statement(network)
    with pytest.raises(ServiceError, match="only sign for your own organisation"):
        signing.sign(network.admins[0], statement, org=network.orgs[1])
    assert signing.active_signatures(signing.current_sign_on(statement)) == []


def test_withdrawing_is_possible_until_the_deadline_only_for_ones_own_signature(
        client, network):
    statement = open_statement(network)
    mine = signing.sign(network.admins[0], statement)
    theirs = signing.sign(network.admins[1], statement)
    db.session.commit()
    login(client, network.admins[0])
    url = f"/statements/{statement.id}/signatures/{{}}/withdraw"
    assert client.post(url.format(theirs.id)).status_code == 403
    assert theirs.is_active
    response = client.post(url.format(mine.id), follow_redirects=True)
    assert "signature has been withdrawn" in response.get_data(as_text=True)
    assert mine.withdrawn_at is not None
    assert "statements.signature_withdrawn" in audit_actions(statement)
    # Signing again within the same sign-on brings the signature back.
    client.post(f"/statements/{statement.id}/sign", data={"confirm": "y"})
    db.session.refresh(mine)
    assert mine.is_active

    past = statement.closes_at + timedelta(seconds=1)
    with pytest.raises(ServiceError, match="until the deadline"):
        signing.withdraw_signature(network.admins[1], theirs, now=past)
    assert theirs.is_active


def test_sign_on_closes_at_the_deadline_when_the_statement_is_opened(client, network):
    opened = utcnow() - timedelta(days=10)
    statement = open_statement(network, days=3, now=opened)
    signing.sign(network.admins[0], statement, now=opened + timedelta(days=1))
    db.session.commit()
    assert statement.closes_at < utcnow()
    sign_on = signing.current_sign_on(statement)
    assert sign_on.closed_at is None

    login(client, network.admins[1])
    page = client.get(f"/statements/{statement.id}").get_data(as_text=True)
    assert "Sign-on closed at the deadline" in page
    assert "Sign for" not in page
    db.session.refresh(sign_on)
    assert sign_on.closed_at == sign_on.closes_at
    assert "statements.signon_closed" in audit_actions(statement)
    assert len(notifications(network.lead, "statements.signon_closed")) == 1

    late = client.post(f"/statements/{statement.id}/sign", data={"confirm": "y"})
    assert late.status_code == 409
    assert "not open for signature" in late.get_data(as_text=True)
    assert len(signing.active_signatures(sign_on)) == 1


def test_the_close_expired_command_closes_and_reminds_once(app, network):
    now = utcnow()
    expired = open_statement(network, title="Expired", days=2, now=now - timedelta(days=5))
    soon = open_statement(network, title="Soon", days=1, now=now)
    later = open_statement(network, title="Later", days=20, now=now)
    signing.sign(network.admins[0], soon)
    db.session.commit()

    runner = app.test_cli_runner()
    result = runner.invoke(args=["statements", "close-expired"])
    assert result.exit_code == 0, result.output
    assert "Closed 1 sign-on(s); sent deadline reminders for 1 statement(s)." in result.output
    assert signing.current_sign_on(expired).closed_at is not None
    assert signing.current_sign_on(soon).reminder_sent_at is not None
    assert signing.current_sign_on(later).reminder_sent_at is None
    # Organisations that signed are not reminded; the others are, once.
    assert notifications(network.admins[0], "statements.deadline_soon") == []
    assert len(notifications(network.admins[1], "statements.deadline_soon")) == 1

    again = runner.invoke(args=["statements", "close-expired"])
    assert "Closed 0 sign-on(s); sent deadline reminders for 0 statement(s)." in again.output
    assert len(notifications(network.admins[1], "statements.deadline_soon")) == 1


def test_reopening_drafting_sets_signatures_aside_and_tells_the_signatories(client, network):
    statement = open_statement(network)
    first = signing.sign(network.admins[0], statement)
    second = signing.sign(network.admins[1], statement)
    old_sign_on = signing.current_sign_on(statement)
    db.session.commit()
    login(client, network.lead)
    confirm = client.get(f"/statements/{statement.id}/reopen").get_data(as_text=True)
    assert network.orgs[0].name in confirm and "will be set aside" in confirm
    response = client.post(f"/statements/{statement.id}/reopen", follow_redirects=True)
    assert "2 signature(s) were set aside" in response.get_data(as_text=True)
    assert statement.status is StatementStatus.DRAFTING
    assert first.set_aside_at is not None and second.set_aside_at is not None
    assert old_sign_on.set_aside_at is not None
    assert "statements.reopened" in audit_actions(statement)
    for admin in network.admins[:2]:
        assert len(notifications(admin, "statements.signature_set_aside")) == 1
    assert notifications(network.admins[2], "statements.signature_set_aside") == []

    # The text can change now; opening again freezes the new text, and the old
    # signatures do not count for it.
    text = statement.original
    services.save_text(network.lead, text, base_number=1, title=text.title, body="New text.")
    new_sign_on = signing.open_for_signature(network.lead, statement,
                                             (utcnow() + timedelta(days=5)).date())
    assert new_sign_on.number == 2 and new_sign_on.text_sha256 != old_sign_on.text_sha256
    assert signing.active_signatures(new_sign_on) == []
    again = signing.sign(network.admins[0], statement)
    assert again.id != first.id and again.text_sha256 == new_sign_on.text_sha256
    assert again.revision_id == new_sign_on.revisions["en"]["revision_id"]


def test_publishing_needs_a_signature(client, network):
    statement = open_statement(network)
    db.session.commit()
    login(client, network.lead)
    response = client.post(f"/statements/{statement.id}/publish")
    assert response.status_code == 400
    assert "needs at least one signature" in response.get_data(as_text=True)
    assert statement.status is StatementStatus.OPEN

    signing.sign(network.admins[0], statement)
    db.session.commit()
    response = client.post(f"/statements/{statement.id}/publish", follow_redirects=True)
    assert "The statement has been published." in response.get_data(as_text=True)
    assert statement.status is StatementStatus.PUBLISHED and statement.published_at
    assert signing.current_sign_on(statement).closed_at is not None
    assert "statements.published" in audit_actions(statement)
    assert len(notifications(network.editor, "statements.published")) == 1
    assert len(notifications(network.admins[0], "statements.published")) == 1


def test_only_the_lead_moves_the_statement_along(client, network):
    statement = open_statement(network)
    signing.sign(network.admins[0], statement)
    db.session.commit()
    for person in (network.editor, network.admins[0], network.members[0]):
        login(client, person)
        assert client.post(f"/statements/{statement.id}/publish").status_code == 403
        assert client.post(f"/statements/{statement.id}/reopen").status_code == 403
        client.post("/logout")
    assert statement.status is StatementStatus.OPEN
    # Coordinators moderate: they may act for the lead.
    login(client, network.coordinator)
    assert client.post(f"/statements/{statement.id}/publish").status_code == 302
    assert statement.status is StatementStatus.PUBLISHED


def test_withdrawing_a_statement_sets_signatures_aside(client, network):
    statement = open_statement(network)
    signature = signing.sign(network.admins[0], statement)
    db.session.commit()
    login(client, network.lead)
    response = client.post(f"/statements/{statement.id}/withdraw", data={})
    assert response.status_code == 302
    assert statement.status is StatementStatus.WITHDRAWN and signature.set_aside_at
    assert len(notifications(network.admins[0], "statements.signature_set_aside")) == 1
    # Withdrawn statements are not public, nor visible to the network any more.
    client.post("/logout")
    login(client, network.members[1])
    assert client.get(f"/statements/{statement.id}").status_code == 404


def test_each_recipient_is_told_in_their_own_language(network):
    network.admins[1].locale = "sr_Latn"
    statement = open_statement(network)
    [english] = notifications(network.admins[0], "statements.signon_opened")
    [serbian] = notifications(network.admins[1], "statements.signon_opened")
    assert english.title == "Open for signature: “Stop pushbacks now”"
    assert serbian.title == "Otvoreno za potpisivanje: „Stop pushbacks now“"
    day = statement.deadline
    assert f"{day.day}. " in serbian.body and "do kraja dana" in serbian.body
    assert f"{day.year}" in english.body and "until the end of" in english.body
