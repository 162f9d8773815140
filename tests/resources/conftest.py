"""Fixtures for the resource library: sample files made in code, and a quick
way to create resources through the real services."""

import io

import pytest
from PIL import Image, ImageOps
from PIL.PngImagePlugin import PngInfo

from rmn_portal.accounts.models import Role
from rmn_portal.resources import samples

from ..factories import login

GPS_IFD = 0x8825


def jpeg_with_exif(size=(40, 20), orientation=6) -> bytes:
    """A JPEG carrying a camera name, a GPS position, an orientation, a
    comment and an XMP packet: everything that must not survive an upload."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Maker"
    exif[0x0112] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (44.0, 49.0, 12.5), "E", (20.0, 27.0, 44.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"secret comment", quality=95,
               xmp=b"<x:xmpmeta>secret-xmp-author</x:xmpmeta>")
    return out.getvalue()


def png_with_metadata() -> bytes:
    image = Image.new("RGBA", (16, 16), (0, 128, 0, 200))
    info = PngInfo()
    info.add_text("Comment", "secret comment")
    info.add_text("XML:com.adobe.xmp", "<x:xmpmeta>secret-xmp-author</x:xmpmeta>")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Maker"
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def webp_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Maker"
    out = io.BytesIO()
    Image.new("RGB", (12, 12), (10, 200, 10)).save(out, "WEBP", exif=exif)
    return out.getvalue()


def pdf(lines=("Asylum report", "Access to territory"), **kwargs) -> bytes:
    return samples.pdf_with_text(list(lines), **kwargs)


def pdf_with_javascript() -> bytes:
    return pdf(extra_catalog="/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ")


def pdf_with_attachment() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf())))
    writer.add_attachment("secret.txt", b"hidden list of names")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(paragraphs=("Legal analysis of detention",), **kwargs) -> bytes:
    return samples.docx_with_text(list(paragraphs), **kwargs)


def zip_bomb_docx() -> bytes:
    # 40 MB of zeros compresses to about 40 KB: a ratio no real document has.
    return samples.docx_with_text(["bomb"], extra={"word/media/big.bin": b"\0" * 40_000_000})


def reoriented(data: bytes) -> Image.Image:
    return ImageOps.exif_transpose(Image.open(io.BytesIO(data)))


@pytest.fixture
def org_a(make):
    return make.org(name="Org A", short_name="OrgA")


@pytest.fixture
def org_b(make):
    return make.org(name="Org B", short_name="OrgB")


@pytest.fixture
def member_a(make, org_a):
    return make.user(org_a, Role.MEMBER, name="Ana A")


@pytest.fixture
def member_b(make, org_b):
    return make.user(org_b, Role.MEMBER, name="Bojan B")


def upload_form(title="Report on asylum", files=(), **fields) -> dict:
    data = {"title": title, "kind": "report", "languages": ["en"], "visibility": "network",
            "summary": "", "tags": "", "year": "", "external_url": ""}
    data.update(fields)
    data["files"] = [(io.BytesIO(content), name) for name, content in files]
    return data


def sign_in(client, user):
    """Sign out whoever is signed in, then sign in as `user`."""
    client.post("/logout")
    return login(client, user)
