"""Your data: the personal export, account deletion, the organisation export."""

import io
import json
import zipfile

from sqlalchemy import select

from rmn_portal import storage
from rmn_portal.accounts.models import Role, User
from rmn_portal.audit import AuditEvent
from rmn_portal.db import db
from rmn_portal.events.models import Registration, Response
from rmn_portal.events.registrations import rsvp
from rmn_portal.notes import services as notes
from rmn_portal.notes.models import Note
from rmn_portal.notify import services as notify
from rmn_portal.notify.models import Notification
from rmn_portal.storage import StoredFile
from rmn_portal.trainings import enrolment

from ..factories import PASSWORD, login
from .conftest import add_resource, add_training, note_fields


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.data))


def _upload(user, data: bytes, name: str) -> StoredFile:
    blob = storage.save_bytes(data)
    stored = StoredFile(sha256=blob.sha256, size=blob.size, content_type="text/plain",
                        original_name=name, uploaded_by_id=user.id, org_id=user.org_id)
    db.session.add(stored)
    db.session.flush()
    return stored


def test_the_personal_export_holds_my_data_and_files(client, net):
    rsvp(net.member, net.network_event, Response.GOING, accessibility_needs="Step-free access")
    draft = notes.create_draft(net.member, note_fields(narrative="Raw text naming Farid Karimi."))
    notify.notify(net.member, "events.changed", "notify/email/notification_test", headline="Hi")
    _upload(net.member, b"minutes of the meeting", "minutes.txt")
    _upload(net.colleague, b"not mine", "theirs.txt")
    login(client, net.member)
    archive = _zip(client.get("/account/data/export.zip"))
    document = json.loads(archive.read("document.json"))
    assert document["account"]["email"] == net.member.email
    assert document["account"]["organisation"]["slug"] == net.iris.slug
    registration = document["events"]["registrations"][0]
    assert registration["accessibility_needs"] == "Step-free access"
    assert document["notifications"]["notifications"][0]["title"] == "Hi"
    assert [n["id"] for n in document["notes"]["notes"]] == [draft.id]
    assert document["statements"]["started"][0]["title"] in {"Stop pushbacks now",
                                                            "Draft of Iris only"}
    assert any(entry["action"] == "login.success" or entry["action"] for entry
               in document["activity_log"])
    names = archive.namelist()
    assert any(name.endswith("-minutes.txt") for name in names)
    assert not any("theirs" in name for name in names)
    [minutes] = [name for name in names if name.endswith("-minutes.txt")]
    assert archive.read(minutes) == b"minutes of the meeting"
    everything = b"".join(archive.read(name) for name in names)
    assert b"Farid Karimi" not in everything  # note drafts' raw text never leaves
    assert net.member.password_hash.encode() not in everything
    assert "README.txt" in names


def test_the_personal_export_holds_my_resources_and_training_record(client, net):
    resource = add_resource(net.member, "Moj vodič", files=[("vodic.txt", b"Moj tekst.")])
    add_resource(net.colleague, "Not mine")
    programme = add_training(net.coordinator, "Asylum law basics")
    enrolment.nominate(net.coordinator, programme, net.member)
    login(client, net.member)
    archive = _zip(client.get("/account/data/export.zip"))
    document = json.loads(archive.read("document.json"))
    assert [r["id"] for r in document["resources"]] == [resource.id]
    [record] = document["trainings"]
    assert record["programme"] == {"id": programme.id, "title": "Asylum law basics"}
    assert record["status"] in {"approved", "requested"}
    assert any(name.endswith("-vodic.txt") for name in archive.namelist())


def test_deleting_my_account(client, net, outbox):
    draft = notes.create_draft(net.member, note_fields())
    draft_id = draft.id
    rsvp(net.member, net.network_event, Response.GOING)
    notify.notify(net.member, "events.changed", "notify/email/notification_test", headline="x")
    statement_id, member_id = net.draft_statement.id, net.member.id
    login(client, net.member)
    wrong = client.post("/account/delete", data={"password": "wrong", "confirm": "y"})
    assert wrong.status_code == 422 and db.session.get(User, member_id) is not None
    unconfirmed = client.post("/account/delete", data={"password": PASSWORD})
    assert unconfirmed.status_code == 422 and db.session.get(User, member_id) is not None
    done = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, member_id) is None
    assert db.session.get(Note, draft_id) is None  # the raw text went with the account
    assert db.session.scalar(select(Registration).where(Registration.user_id == member_id)) \
        is None
    assert db.session.scalar(select(Notification).where(Notification.user_id == member_id)) \
        is None
    from rmn_portal.statements.models import Statement

    kept = db.session.get(Statement, statement_id)
    assert kept is not None and kept.author_id is None  # the organisation keeps its work
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.deleted",
                                                      AuditEvent.actor_id == member_id))
    assert client.get("/dashboard").status_code == 302  # signed out


def test_the_last_admin_of_an_organisation_cannot_leave_it_without_one(client, net):
    login(client, net.org_admin)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "only admin of your organisation" in page
    refused = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y"})
    assert refused.status_code == 409
    assert db.session.get(User, net.org_admin.id) is not None


def test_organisation_admins_export_their_organisation(client, net, make):
    _upload(net.member, b"logo bytes", "logo.txt")
    add_resource(net.member, "Iris guide")
    add_resource(net.outsider, "Drina guide")
    induction = add_training(net.org_admin, "Iris induction", org=net.iris,
                             visibility="organisation")
    enrolment.nominate(net.org_admin, induction, net.member)
    login(client, net.org_admin)
    archive = _zip(client.get(f"/organisations/{net.iris.slug}/export.zip"))
    document = json.loads(archive.read("document.json"))
    assert document["organisation"]["slug"] == net.iris.slug
    assert {p["email"] for p in document["people"]} >= {net.member.email, net.org_admin.email}
    titles = {event["title"] for event in document["events"]}
    assert "Secret retreat of Iris" in titles  # its own organisation-only content
    assert any(name.endswith("-logo.txt") for name in archive.namelist())
    assert [r["title"] for r in document["resources"]] == ["Iris guide"]
    assert [t["title"] for t in document["trainings"]] == ["Iris induction"]
    assert document["trainings"][0]["enrolments"] == 1
    assert net.member.email not in json.dumps(document["trainings"])  # a count, no names
    assert net.member.name not in json.dumps(document["trainings"])
    assert net.outsider.email not in archive.read("document.json").decode()
    assert client.get(f"/organisations/{net.drina.slug}/export.zip").status_code == 403
    client.post("/logout")
    login(client, make.user(net.iris, Role.MEMBER))
    assert client.get(f"/organisations/{net.iris.slug}/export.zip").status_code == 403
