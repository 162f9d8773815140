"""Versions, edits that collide, translations, the trash and `storage gc`."""

import io
from datetime import timedelta

from sqlalchemy import func, select

from rmn_portal import storage
from rmn_portal.accounts.models import Role
from rmn_portal.audit import AuditEvent
from rmn_portal.content import Visibility
from rmn_portal.resources.models import Resource
from rmn_portal.resources.services import purge_trash
from rmn_portal.storage import StoredFile

from .conftest import pdf, sign_in


def actions(db_session, resource) -> list[str]:
    return list(db_session.scalars(select(AuditEvent.action).where(
        AuditEvent.object_type == "resources", AuditEvent.object_id == str(resource.id))
        .order_by(AuditEvent.id)))


def test_new_version_keeps_history(client, member_a, make, org_a, add_resource, db_session):
    resource = add_resource(member_a, "Versions", files=[("v1.pdf", pdf(["first"]))])
    resource_file = resource.files[0]
    editor = make.user(org_a, Role.ORG_ADMIN, name="Olga Admin")
    sign_in(client, editor)
    response = client.post(
        f"/resources/{resource.id}/files/{resource_file.id}/versions",
        data={f"v{resource_file.id}-file": [(io.BytesIO(pdf(["second"])), "v2.pdf")],
              f"v{resource_file.id}-csrf_token": client.csrf_token()})
    assert response.status_code == 302
    db_session.refresh(resource_file)
    assert [v.number for v in resource_file.versions] == [2, 1]
    assert resource_file.stored.original_name == "v2.pdf"
    assert resource_file.versions[0].uploaded_by_id == editor.id
    page = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert "Version history" in page and "Olga Admin" in page and "v1.pdf" in page
    old = client.get(f"/resources/{resource.id}/files/{resource_file.id}/versions/1",
                     buffered=True)
    assert b"first" in old.data
    current = client.get(f"/resources/{resource.id}/files/{resource_file.id}", buffered=True)
    assert b"second" in current.data
    assert "resource.version_added" in actions(db_session, resource)


def test_refused_version_changes_nothing(client, member_a, add_resource, db_session):
    resource = add_resource(member_a, "Versions", files=[("v1.pdf", pdf())])
    resource_file = resource.files[0]
    sign_in(client, member_a)
    response = client.post(
        f"/resources/{resource.id}/files/{resource_file.id}/versions",
        data={f"v{resource_file.id}-file": [(io.BytesIO(b"MZ\x00\x00"), "v2.pdf")],
              f"v{resource_file.id}-csrf_token": client.csrf_token()})
    assert response.status_code == 422
    assert "This type of file is not accepted" in response.get_data(as_text=True)
    db_session.refresh(resource_file)
    assert len(resource_file.versions) == 1


def test_concurrent_edit_shows_a_conflict(client, member_a, add_resource, db_session):
    resource = add_resource(member_a, "Original title")
    sign_in(client, member_a)
    stale = str(resource.version)
    form = {"kind": "report", "languages": ["en"], "visibility": "network",
            "external_url": "https://example.org/x"}
    first = client.post(f"/resources/{resource.id}/edit",
                        data={**form, "title": "Their title", "version": stale})
    assert first.status_code == 302
    second = client.post(f"/resources/{resource.id}/edit",
                         data={**form, "title": "My title", "version": stale})
    page = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "Someone else saved this resource" in page
    assert "Their title" in page and 'value="My title"' in page
    db_session.refresh(resource)
    assert resource.title == "Their title"
    # Saving again, having seen theirs, replaces it.
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    third = client.post(f"/resources/{resource.id}/edit",
                        data={**form, "title": "My title", "version": version})
    assert third.status_code == 302
    db_session.refresh(resource)
    assert resource.title == "My title"


def test_translations_are_linked(client, member_a, add_resource, db_session):
    english = add_resource(member_a, "Guide for counsellors", languages=["en"])
    sign_in(client, member_a)
    page = client.get(f"/resources/new?translation_of={english.id}").get_data(as_text=True)
    assert "A translation of “Guide for counsellors”" in page
    response = client.post("/resources/new", data={
        "title": "Vodič za savetnike", "kind": "report", "languages": ["sr"],
        "visibility": "network", "external_url": "https://example.org/sr",
        "translation_of": str(english.id), "files": []})
    assert response.status_code == 302
    serbian = db_session.scalar(select(Resource).where(Resource.title == "Vodič za savetnike"))
    page = client.get(f"/resources/{english.id}").get_data(as_text=True)
    assert f'href="/resources/{serbian.id}" hreflang="sr"' in page
    page = client.get(f"/resources/{serbian.id}").get_data(as_text=True)
    assert f'href="/resources/{english.id}"' in page
    # A third language linked by address joins the same group.
    french = add_resource(member_a, "Guide (other)", languages=["other"])
    response = client.post(f"/resources/{french.id}/translations",
                           data={"other": f"http://localhost/resources/{serbian.id}"})
    assert response.status_code == 302
    db_session.refresh(english)
    db_session.refresh(french)
    assert english.translation_group == french.translation_group is not None


def test_translation_of_invisible_resource_is_not_linked(client, member_a, member_b,
                                                         add_resource):
    hidden = add_resource(member_a, "Hidden", visibility=Visibility.ORGANISATION)
    mine = add_resource(member_b, "Mine")
    sign_in(client, member_b)
    response = client.post(f"/resources/{mine.id}/translations", data={"other": str(hidden.id)})
    assert response.status_code == 422
    assert "No resource you can see" in response.get_data(as_text=True)


def test_trash_restore_and_purge(app, client, member_a, member_b, add_resource, db_session):
    resource = add_resource(member_a, "To be deleted", files=[("d.pdf", pdf(["deleted"]))])
    sha = resource.files[0].stored.sha256
    sign_in(client, member_a)
    response = client.post(f"/resources/{resource.id}/delete", follow_redirects=True)
    assert "has been moved to the trash" in response.get_data(as_text=True)
    assert client.get(f"/resources/{resource.id}").status_code == 404
    assert "To be deleted" not in client.get("/resources").get_data(as_text=True)
    assert "To be deleted" in client.get("/resources/trash").get_data(as_text=True)

    # Another organisation cannot see or restore it.
    sign_in(client, member_b)
    assert "To be deleted" not in client.get("/resources/trash").get_data(as_text=True)
    assert client.post(f"/resources/{resource.id}/restore").status_code == 404

    sign_in(client, member_a)
    assert client.post(f"/resources/{resource.id}/restore").status_code == 302
    assert client.get(f"/resources/{resource.id}").status_code == 200
    assert actions(db_session, resource)[-2:] == ["resource.deleted", "resource.restored"]

    # After 30 days in the trash it is purged, and `storage gc` frees the bytes.
    client.post(f"/resources/{resource.id}/delete")
    db_session.refresh(resource)
    resource.deleted_at -= timedelta(days=31)
    db_session.commit()
    assert client.post(f"/resources/{resource.id}/restore").status_code == 404
    assert purge_trash() == 1
    db_session.commit()
    assert db_session.get(Resource, resource.id) is None
    assert db_session.scalar(select(func.count()).where(StoredFile.sha256 == sha)) == 0
    assert storage.exists(sha)
    result = app.test_cli_runner().invoke(args=["storage", "gc", "--grace", "0"])
    assert result.exit_code == 0, result.output
    assert not storage.exists(sha)


def test_storage_gc_keeps_files_of_resources(app, member_a, add_resource):
    resource = add_resource(member_a, "Kept", files=[("k.pdf", pdf(["kept"]))])
    sha = resource.files[0].stored.sha256
    orphan = storage.root() / "ab" / "cd" / ("abcd" + "0" * 60)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"orphan")
    result = app.test_cli_runner().invoke(args=["storage", "gc", "--grace", "0"])
    assert result.exit_code == 0, result.output
    assert storage.exists(sha) and not orphan.exists()


def test_permanent_delete_from_trash(client, member_a, add_resource, db_session):
    resource = add_resource(member_a, "Purge me", files=[("p.pdf", pdf())])
    sign_in(client, member_a)
    assert client.post(f"/resources/{resource.id}/purge").status_code == 404  # not in trash
    client.post(f"/resources/{resource.id}/delete")
    assert client.post(f"/resources/{resource.id}/purge").status_code == 302
    assert db_session.get(Resource, resource.id) is None


def test_removing_the_last_file_needs_a_link(client, member_a, add_resource, db_session):
    resource = add_resource(member_a, "One file", link="", files=[("o.pdf", pdf())])
    sign_in(client, member_a)
    response = client.post(f"/resources/{resource.id}/files/{resource.files[0].id}/remove",
                           follow_redirects=True)
    assert "A resource needs at least one file or a link" in response.get_data(as_text=True)
    db_session.refresh(resource)
    assert len(resource.files) == 1
