"""Uploading through the real form: accepted files are stored cleaned,
refused ones leave nothing behind, with a clear message beside the field."""

import io

from PIL import Image
from sqlalchemy import func, select

from rmn_portal import storage
from rmn_portal.resources.models import Resource
from rmn_portal.storage import StoredFile

from .conftest import (
    docx,
    jpeg_with_exif,
    pdf,
    pdf_with_javascript,
    sign_in,
    upload_form,
    zip_bomb_docx,
)


def counts(db_session):
    return (db_session.scalar(select(func.count(Resource.id))),
            db_session.scalar(select(func.count(StoredFile.id))))


def blobs(app):
    with app.app_context():
        return sorted(path.name for path in storage.iter_blobs())


def test_member_uploads_a_pdf_with_a_cyrillic_name(client, member_a, db_session):
    sign_in(client, member_a)
    response = client.post("/resources/new", data=upload_form(
        "Извештај о азилу", files=[("Извештај о азилу 2025.pdf", pdf())], languages=["sr"]))
    assert response.status_code == 302, response.get_data(as_text=True)
    resource = db_session.scalar(select(Resource).where(Resource.title == "Извештај о азилу"))
    assert resource.org_id == member_a.org_id and resource.author_id == member_a.id
    (resource_file,) = resource.files
    assert resource_file.stored.original_name == "Извештај о азилу 2025.pdf"
    assert resource_file.stored.content_type == "application/pdf"
    assert resource_file.versions[0].uploaded_by_id == member_a.id
    # Stored under its content hash, outside static/.
    path = storage.path_for(resource_file.stored.sha256)
    assert path.name == resource_file.stored.sha256 and "static" not in path.parts


def test_stored_photo_has_no_exif_or_gps(client, member_a, db_session):
    sign_in(client, member_a)
    response = client.post("/resources/new", data=upload_form(
        "Photo of the shelter", files=[("shelter.jpg", jpeg_with_exif())], kind="infographic"))
    assert response.status_code == 302
    resource = db_session.scalar(select(Resource).where(Resource.title == "Photo of the shelter"))
    data = storage.path_for(resource.files[0].stored.sha256).read_bytes()
    image = Image.open(io.BytesIO(data))
    assert not image.getexif() and image.getexif().get_ifd(0x8825) == {}
    assert b"SecretCam" not in data and b"secret comment" not in data
    assert b"secret-xmp-author" not in data
    assert image.size == (20, 40)


def test_disguised_file_is_refused_and_nothing_is_kept(app, client, member_a, db_session):
    sign_in(client, member_a)
    before, stored_before = counts(db_session), blobs(app)
    exe = b"MZ\x90\x00" + b"\x00" * 200
    response = client.post("/resources/new", data=upload_form(
        "Disguised", files=[("good.pdf", pdf()), ("report.pdf", exe)]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "report.pdf: This type of file is not accepted. Accepted types: PDF, DOCX" in page
    assert 'id="files-error"' in page
    assert counts(db_session) == before
    assert blobs(app) == stored_before  # the good file written before the refusal is gone too


def test_refusals_name_the_problem(client, member_a):
    sign_in(client, member_a)
    cases = [
        (("a.pdf", pdf_with_javascript()), "contains scripts or actions"),
        (("report.docx", zip_bomb_docx()), "unpacks to far more data"),
        (("photo.jpg", pdf()), "The content of this file is PDF, but its name ends in “.jpg”"),
        (("page.html", b"<html><script>x</script></html>"), "Web pages, SVG"),
        (("../../etc/passwd.txt", b"x"), "contains folder separators"),
        (("report\u202efdp.txt", b"x"), "control or text-direction characters"),
    ]
    for (name, data), message in cases:
        response = client.post("/resources/new", data=upload_form("X", files=[(name, data)]))
        assert response.status_code == 422, name
        assert message in response.get_data(as_text=True), name


def test_docx_text_reaches_the_search_index(client, member_a, db_session):
    sign_in(client, member_a)
    client.post("/resources/new", data=upload_form(
        "Word document", files=[("analysis.docx", docx(["Zadržavanje na aerodromu"]))]))
    page = client.get("/resources?q=aerodrom").get_data(as_text=True)
    assert "Word document" in page and "<mark>aerodromu</mark>" in page


def test_too_large_upload_shows_the_friendly_413_page(app, client, member_a, monkeypatch):
    sign_in(client, member_a)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 64 * 1024)
    monkeypatch.setitem(app.config, "UPLOAD_MAX_MB", 1)
    response = client.post("/resources/new", data=upload_form(
        "Big", files=[("big.pdf", pdf() + b"%" * 100_000)]))
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "File too large" in page and "limit of 1 MB" in page


def test_organisation_quota_is_enforced(app, client, member_a, db_session, monkeypatch):
    sign_in(client, member_a)
    monkeypatch.setitem(app.config, "ORG_QUOTA_MB", 0)
    before = counts(db_session)
    response = client.post("/resources/new", data=upload_form(
        "Over quota", files=[("a.pdf", pdf())]))
    assert response.status_code == 413
    assert "storage space (0 MB) is full" in response.get_data(as_text=True)
    assert counts(db_session) == before


def test_link_instead_of_file(client, member_a, db_session):
    sign_in(client, member_a)
    response = client.post("/resources/new", data=upload_form(
        "Linked report", external_url="https://example.org/report"))
    assert response.status_code == 302
    resource = db_session.scalar(select(Resource).where(Resource.title == "Linked report"))
    assert resource.external_url == "https://example.org/report" and resource.files == []


def test_bad_input_messages(client, member_a, db_session):
    sign_in(client, member_a)
    before = counts(db_session)
    cases = [
        ({"title": ""}, "Enter a title."),
        ({"languages": ["xx"]}, "Unknown language: xx"),
        ({"languages": []}, "Choose at least one language."),
        ({"external_url": "javascript:alert(1)"}, "starting with http:// or https://"),
        ({"external_url": "ftp://example.org/x"}, "starting with http:// or https://"),
        ({"title": "Bidi \u202e title"}, "Remove control or direction characters."),
        ({"year": "1800"}, "Enter a year between"),
        ({}, "Add at least one file, or a link to the document."),
    ]
    for fields, message in cases:
        data = upload_form(**{"title": "Valid", **fields})
        response = client.post("/resources/new", data=data)
        assert response.status_code == 422, fields
        assert message in response.get_data(as_text=True), fields
    assert counts(db_session) == before


def test_form_without_csrf_token_is_refused(client, member_a, db_session):
    sign_in(client, member_a)
    response = client.post("/resources/new", data=upload_form(
        "No token", external_url="https://example.org"), csrf=False)
    assert response.status_code == 400
    assert db_session.scalar(select(Resource).where(Resource.title == "No token")) is None


def test_file_names_are_checked(app):
    from rmn_portal.errors import ServiceError
    from rmn_portal.resources.uploads import clean_name

    with app.test_request_context():
        assert clean_name(" Извештај – Đorđević.pdf ") == "Извештај – Đorđević.pdf"
        for bad in ("a\\b.pdf", "../x.pdf", "x\x00.pdf", "a\u2066b.pdf", ""):
            try:
                clean_name(bad)
            except ServiceError as error:
                assert error.field == "files"
            else:
                raise AssertionError(f"{bad!r} was accepted")
        assert len(clean_name("a" * 300 + ".pdf")) == 200
