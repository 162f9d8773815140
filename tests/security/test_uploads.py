"""Hostile uploads through the real forms, for resources and organisation
logos: what is refused leaves nothing behind; what is accepted is stored as a
clean copy and served so that no browser runs it.

(tests/resources/test_uploads.py and test_file_types.py cover the common
refusals one by one; these are the attacker's variants.)
"""

import io
import re
import struct
import zipfile

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.http import parse_options_header

from rmn_portal import storage
from rmn_portal.accounts.models import Role
from rmn_portal.db import db
from rmn_portal.orgs import services as org_services
from rmn_portal.resources import samples
from rmn_portal.resources.models import Resource
from rmn_portal.storage import StoredFile

from ..factories import login
from ..resources.conftest import upload_form

SCRIPT = b"<script>alert(document.domain)</script>"
GIF_JS = b"GIF89a/*\x01\x00\x01\x00\x00\xff\x00,*/=alert(1)//;" + b"\x00" * 16
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def png(size=(32, 16), trailer=b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format="PNG")
    return out.getvalue() + trailer


def jpeg_with_gps_and_script() -> bytes:
    """A photo with GPS, a comment, and HTML with a script after its end."""
    image = Image.new("RGB", (40, 20), "orange")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (44.0, 49.0, 0.0), 3: "E", 4: (20.0, 28.0, 0.0)}
    exif[0x010F] = "SecretCam"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"shelter address")
    return out.getvalue() + b"<html>" + SCRIPT + b"</html>"


def xlsx_bomb() -> bytes:
    """An XLSX whose one picture unpacks to 30 MB (about 30 kB packed)."""
    return samples.ooxml_package("xl/workbook.xml",
                                 extra={"xl/media/image1.bin": b"\0" * 30_000_000})


def lying_docx_bomb() -> bytes:
    """A DOCX whose main part unpacks to 8 MB while its headers claim 1 kB."""
    data = bytearray(samples.docx_with_text(["x"], extra={}))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"</w:body>", b" " * 8_000_000 + b"</w:body>")
            target.writestr(info.filename, body)
    packed = bytearray(out.getvalue())
    # Central directory entries: signature PK\1\2, uncompressed size at offset 24.
    start = packed.find(b"PK\x01\x02")
    while start != -1:
        name_length = struct.unpack_from("<H", packed, start + 28)[0]
        if packed[start + 46:start + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", packed, start + 24, 1024)
        start = packed.find(b"PK\x01\x02", start + 4)
    return bytes(packed)


REFUSED_RESOURCES = [
    ("invoice.pdf", ELF, "This type of file is not accepted"),
    ("setup.pdf.exe", MZ, "This type of file is not accepted"),
    ("map.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' + SCRIPT
     + b"</svg>", "Web pages, SVG"),
    ("notes.txt", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">' + SCRIPT
     + b"</svg>", "Web pages, SVG"),
    ("page.HTM", b"<HTML><BODY onload=alert(1)>" + SCRIPT, "Web pages, SVG"),
    ("funny.gif", GIF_JS, "This type of file is not accepted"),
    ("photo.jpg", GIF_JS, "This type of file is not accepted"),
    ("notes.txt", GIF_JS.rstrip(b"\x00"), "This type of file is not accepted"),
    ("budget.xlsx", xlsx_bomb(), "unpacks to far more data"),
    ("lying.docx", lying_docx_bomb(), "cannot be accepted|damaged"),
    ("report\x00.pdf", samples.pdf_with_text(["x"]), "control or text-direction"),
    ("../../../../etc/cron.d/job.txt", b"x", "folder separators"),
    ("\u202egpj.exe", b"x", "control or text-direction"),
]


def counts():
    return (db.session.scalar(select(func.count(Resource.id))),
            db.session.scalar(select(func.count(StoredFile.id))))


@pytest.mark.parametrize(("name", "data", "message"), REFUSED_RESOURCES,
                         ids=[case[0].encode("unicode_escape").decode()[:30]
                              for case in REFUSED_RESOURCES])
def test_hostile_resource_uploads_are_refused_and_leave_nothing(client, make, name, data,
                                                                 message):
    login(client, make.user())
    before = counts()
    response = client.post("/resources/new", data=upload_form("Hostile", files=[(name, data)]))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert any(part in page for part in message.split("|")), page[:3000]
    assert counts() == before


def _uploaded(client, make, name, data):
    login(client, make.user())
    response = client.post("/resources/new", data=upload_form(
        "Accepted", files=[(name, data)], kind="infographic"))
    errors = re.findall(r'id="[a-z_]*-error"[^<]*<[^<]*', response.get_data(as_text=True))
    assert response.status_code == 302, errors
    resource = db.session.scalar(select(Resource).where(Resource.title == "Accepted"))
    return resource, resource.files[0]


def _download(client, resource, resource_file):
    response = client.get(f"/resources/{resource.id}/files/{resource_file.id}")
    body = response.get_data()
    response.close()
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    return response, body


def test_a_photo_with_gps_and_a_trailing_script_is_stored_bare(client, make):
    resource, resource_file = _uploaded(client, make, "shelter.jpg", jpeg_with_gps_and_script())
    stored = storage.path_for(resource_file.stored.sha256).read_bytes()
    for secret in (b"SecretCam", b"shelter address", b"<script", b"<html"):
        assert secret not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.getexif().get_ifd(0x8825) == {} and not image.getexif()
    response, body = _download(client, resource, resource_file)
    assert response.mimetype == "image/jpeg" and body == stored


def test_a_name_made_to_break_the_download_header_is_kept_exactly_and_harmless(client, make):
    name = "evil; filename=run.html; x=.txt"
    resource, resource_file = _uploaded(client, make, name, b"<b>plain text</b> " + SCRIPT)
    assert resource_file.stored.original_name == name
    response, _body = _download(client, resource, resource_file)
    assert response.mimetype == "text/plain"
    header = response.headers["Content-Disposition"]
    disposition, params = parse_options_header(header)
    assert disposition == "attachment"
    assert params["filename"] == name  # the exact name, decoded from filename*
    fallback = re.match(r'attachment; filename="([^"\\]*)"; filename\*=UTF-8\'\'\S+$', header)
    assert fallback and ";" not in fallback.group(1), header


@pytest.mark.parametrize("name", ["..\\..\\windows\\win.ini.txt",
                                  "report\r\nContent-Type: text/html.txt",
                                  "report.txt\x00.html"])
def test_names_mangled_on_the_way_are_refused_or_stored_safely(client, make, name):
    login(client, make.user())
    response = client.post("/resources/new", data=upload_form("Odd", files=[(name, b"x")]))
    assert response.status_code in (302, 422)
    for stored in db.session.scalars(select(StoredFile)):
        assert not set(stored.original_name) & set("/\\\r\n\x00")


# --- organisation logos ----------------------------------------------------------------------

PROFILE = {"name": "Logo Collective", "short_name": "LC", "city": "Niš", "website": "",
           "contact_email": "", "description": "", "is_listed": "y"}


def _logo(client, org, data, filename):
    form = {**PROFILE, "logo": (io.BytesIO(data), filename)}
    return client.post(f"/organisations/{org.slug}/edit", data=form,
                       content_type="multipart/form-data")


def _huge_png() -> bytes:
    """A 20000 × 20000 picture in a few kB: a decompression bomb."""
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG")
    return out.getvalue()


REFUSED_LOGOS = [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("logo.png", b"<html>" + SCRIPT),
    ("logo.gif", GIF_JS),
    ("logo.png", MZ),
    ("logo.jpg", b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj"),
    ("logo.png", _huge_png()),
    ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
]


@pytest.mark.parametrize(("filename", "data"), REFUSED_LOGOS,
                         ids=[f"{i}-{case[0]}" for i, case in enumerate(REFUSED_LOGOS)])
def test_hostile_logos_are_refused_and_nothing_changes(client, make, filename, data):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    before = counts()
    response = _logo(client, org, data, filename)
    assert response.status_code == 422
    assert "The logo must be a PNG, JPEG or WebP image." in response.get_data(as_text=True)
    db.session.refresh(org)
    assert org.logo_id is None and counts() == before


def test_a_logo_with_gps_and_a_trailing_script_is_stored_bare(client, make):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    assert _logo(client, org, jpeg_with_gps_and_script(), "../../logo.jpg").status_code == 302
    db.session.refresh(org)
    stored = storage.path_for(db.session.get(StoredFile, org.logo_id).sha256).read_bytes()
    for secret in (b"SecretCam", b"shelter address", b"<script"):
        assert secret not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    response = client.get(f"/organisations/{org.slug}/logo")
    response.close()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "/" not in parse_options_header(
        response.headers.get("Content-Disposition", "inline; filename=x"))[1].get("filename", "")


def test_an_oversized_logo_is_refused(client, make, monkeypatch):
    # A smaller limit than the real 2 MB: Werkzeug's test client spools bodies
    # over 500 kB to a temporary file it never closes.
    monkeypatch.setattr(org_services, "LOGO_MAX_BYTES", 100_000)
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    big = png(trailer=b"\0" * 150_000)
    response = _logo(client, org, big, "logo.png")
    assert response.status_code in (413, 422)
    assert "larger than 2 MB" in response.get_data(as_text=True)
    db.session.refresh(org)
    assert org.logo_id is None
