"""Organisation logos: cleaned of hidden data, served to who may see them."""

from io import BytesIO

from PIL import Image

from rmn_portal.accounts.models import Role
from rmn_portal.db import db
from rmn_portal.storage import StoredFile, path_for

from .factories import login

PROFILE = {"name": "Logo Collective", "short_name": "LC", "city": "Niš", "website": "",
           "contact_email": "", "description": "", "is_listed": "y"}


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (800, 400), "purple")
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    exif[0x8825] = {1: "N", 2: (44.0, 49.0, 0.0), 3: "E", 4: (20.0, 28.0, 0.0)}  # GPS
    exif[0x0112] = 6  # rotated: must be applied before the data goes
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at the safe house")
    return out.getvalue()


def _upload(client, org, data: bytes, filename="logo.jpg", **fields):
    form = {**PROFILE, **fields, "logo": (BytesIO(data), filename)}
    return client.post(f"/organisations/{org.slug}/edit", data=form,
                       content_type="multipart/form-data")


def test_a_logo_is_stored_without_metadata_upright_and_small(client, make):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    assert _upload(client, org, jpeg_with_gps()).status_code == 302
    db.session.refresh(org)
    stored = db.session.get(StoredFile, org.logo_id)
    data = path_for(stored.sha256).read_bytes()
    assert b"safe house" not in data and b"secret description" not in data
    with Image.open(BytesIO(data)) as image:
        assert not image.getexif()
        assert image.size == (256, 512)  # rotated upright, then scaled to 512 px
    response = client.get(f"/organisations/{org.slug}/logo")
    response.close()  # a file response streams; close it like a browser would
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_anything_but_an_image_is_refused_and_nothing_changes(client, make):
    org = make.org(name="Before Logo")
    login(client, make.user(org, Role.ORG_ADMIN))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    response = _upload(client, org, svg, filename="logo.png", name="After Logo")
    assert response.status_code == 422
    assert "The logo must be a PNG, JPEG or WebP image." in response.get_data(as_text=True)
    db.session.refresh(org)
    assert org.logo_id is None and org.name == "Before Logo"
    assert db.session.query(StoredFile).count() == 0


def logo_status(client, org) -> int:
    response = client.get(f"/organisations/{org.slug}/logo")
    response.close()
    return response.status_code


def test_logos_of_hidden_organisations_are_hidden_unless_shown_publicly(client, make):
    org = make.org(is_listed=False)
    login(client, make.user(org, Role.ORG_ADMIN))
    _upload(client, org, jpeg_with_gps(), is_listed="")
    client.post("/logout")
    assert logo_status(client, org) == 404
    org.show_logo = True
    db.session.commit()
    assert logo_status(client, org) == 200


def test_the_logo_can_be_removed(client, make):
    org = make.org()
    login(client, make.user(org, Role.ORG_ADMIN))
    _upload(client, org, jpeg_with_gps())
    response = client.post(f"/organisations/{org.slug}/edit",
                           data={**PROFILE, "remove_logo": "y"})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.logo_id is None
    assert logo_status(client, org) == 404
