"""Every accepted and refused file type, judged by content, not name.

These call the inspection logic in-process (the same code the upload child
process runs); tests/resources/test_uploads.py sends files through the form."""

import io
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader

from rmn_portal.resources import samples, worker

from .conftest import (
    docx,
    jpeg_with_exif,
    pdf,
    pdf_with_attachment,
    pdf_with_javascript,
    png_with_metadata,
    webp_with_exif,
    zip_bomb_docx,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def run(tmp_path, name: str, data: bytes) -> dict:
    source, target = tmp_path / "in", tmp_path / "out"
    source.write_bytes(data)
    result = worker.process(str(source), str(target), name)
    result["cleaned"] = target.read_bytes() if target.exists() else b""
    return result


ACCEPTED = [
    ("report.pdf", pdf, "application/pdf"),
    ("analysis.docx", docx, worker.KINDS["docx"][0]),
    ("figures.xlsx", lambda: samples.ooxml_package("xl/workbook.xml"), XLSX),
    ("slides.pptx", lambda: samples.ooxml_package("ppt/presentation.xml"),
     worker.KINDS["pptx"][0]),
    ("notes.odt", lambda: samples.odf_with_text(worker.KINDS["odt"][0], ["Zadržavanje"]),
     "application/vnd.oasis.opendocument.text"),
    ("table.ods", lambda: samples.odf_with_text(worker.KINDS["ods"][0], ["1"]),
     "application/vnd.oasis.opendocument.spreadsheet"),
    ("deck.odp", lambda: samples.odf_with_text(worker.KINDS["odp"][0], ["x"]),
     "application/vnd.oasis.opendocument.presentation"),
    ("photo.jpg", jpeg_with_exif, "image/jpeg"),
    ("photo.JPEG", jpeg_with_exif, "image/jpeg"),
    ("chart.png", png_with_metadata, "image/png"),
    ("map.webp", webp_with_exif, "image/webp"),
    ("readme.txt", lambda: "Азил и заштита — đ, č\n".encode(), "text/plain"),
    ("data.csv", lambda: b"country,count\nRS,12\n", "text/csv"),
]


@pytest.mark.parametrize(("name", "make_file", "content_type"), ACCEPTED,
                         ids=[case[0] for case in ACCEPTED])
def test_accepted_types(tmp_path, name, make_file, content_type):
    result = run(tmp_path, name, make_file())
    assert result["ok"], result
    assert result["content_type"] == content_type
    assert result["cleaned"]


MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("list.txt", "names")
    return out.getvalue()


REFUSED = [
    ("setup.exe", MZ, "type"),
    ("report.pdf", MZ, "type"),  # an executable disguised as a PDF
    ("tool", ELF, "type"),
    ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "markup"),
    ("page.txt", b"  <html><body>hi</body></html>", "markup"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "markup"),
    ("logo.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "markup"),
    ("files.zip", plain_zip(), "archive"),
    ("report.docx", plain_zip(), "archive"),  # an archive renamed .docx
    ("backup.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 32, "type"),
    ("photo.jpg", pdf(), "mismatch"),  # content contradicts the extension
    ("report.pdf", b"just some text", "mismatch"),
    ("report.docx", docx().replace(b"word/document.xml", b"word/documenx.xml"), "archive"),
    ("empty.pdf", b"", "empty"),
    ("broken.pdf", b"%PDF-1.4\nthis is not a pdf at all", "damaged"),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "damaged"),
    ("latin1.txt", "Zadr\xbeavanje".encode("latin-1"), "encoding"),
]


@pytest.mark.parametrize(("name", "data", "reason"), REFUSED,
                         ids=[f"{case[0]}-{case[2]}" for case in REFUSED])
def test_refused_types(tmp_path, name, data, reason):
    result = run(tmp_path, name, data)
    assert not result["ok"]
    assert result["reason"] == reason


def test_pdf_with_javascript_is_refused(tmp_path):
    assert run(tmp_path, "a.pdf", pdf_with_javascript())["reason"] == "pdf_javascript"


def test_pdf_with_javascript_in_a_page_link_is_refused(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject
    from pypdf.generic import TextStringObject as Text

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf())))
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): Text("app.alert('x');")})
    writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 50, 50)]),
        NameObject("/A"): action}))
    out = io.BytesIO()
    writer.write(out)
    assert run(tmp_path, "a.pdf", out.getvalue())["reason"] == "pdf_javascript"


def test_pdf_with_embedded_file_is_refused(tmp_path):
    assert run(tmp_path, "a.pdf", pdf_with_attachment())["reason"] == "pdf_embedded"


def test_encrypted_pdf_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf())))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert run(tmp_path, "a.pdf", out.getvalue())["reason"] == "pdf_encrypted"


def test_zip_bomb_renamed_docx_is_refused(tmp_path):
    assert run(tmp_path, "report.docx", zip_bomb_docx())["reason"] == "zip_bomb"


def test_docx_with_macros_is_refused(tmp_path):
    data = docx(extra={"word/vbaProject.bin": b"macro"})
    assert run(tmp_path, "report.docx", data)["reason"] == "macros"


def test_pdf_metadata_is_removed_and_text_extracted(tmp_path):
    data = pdf(["Access to territory at the border"],
               info={"Author": "Secret Author", "Creator": "Secret Tool"})
    assert b"Secret Author" in data
    result = run(tmp_path, "report.pdf", data)
    assert result["ok"]
    assert b"Secret Author" not in result["cleaned"] and b"Secret Tool" not in result["cleaned"]
    reader = PdfReader(io.BytesIO(result["cleaned"]))
    assert not (reader.metadata or {}).get("/Author")
    assert "Access to territory" in reader.pages[0].extract_text()
    assert "Access to territory at the border" in result["text"]


def test_docx_and_odt_text_is_extracted(tmp_path):
    result = run(tmp_path, "a.docx", docx(["Prvi pasus o azilu", "Drugi & treći"]))
    assert "Prvi pasus o azilu" in result["text"] and "Drugi & treći" in result["text"]
    odt = samples.odf_with_text(worker.KINDS["odt"][0], ["Смештај азиланата"])
    assert "Смештај азиланата" in run(tmp_path, "a.odt", odt)["text"]


def test_extracted_text_is_bounded(tmp_path):
    big = " ".join(["azil"] * 100_000)  # 500,000 characters
    result = run(tmp_path, "long.docx", docx([big]))
    assert result["ok"]
    assert len(result["text"]) == worker.MAX_TEXT_CHARS


def test_image_metadata_is_removed_and_orientation_applied(tmp_path):
    original = jpeg_with_exif(size=(40, 20), orientation=6)
    assert b"SecretCam" in original and b"secret comment" in original
    result = run(tmp_path, "photo.jpg", original)
    cleaned = result["cleaned"]
    for secret in (b"SecretCam", b"secret comment", b"secret-xmp-author", b"Exif"):
        assert secret not in cleaned
    image = Image.open(io.BytesIO(cleaned))
    assert not image.getexif()
    assert image.getexif().get_ifd(0x8825) == {}
    assert image.size == (20, 40)  # the 90° rotation was applied to the pixels


def test_png_and_webp_metadata_is_removed(tmp_path):
    png = run(tmp_path, "chart.png", png_with_metadata())["cleaned"]
    assert b"secret" not in png and b"SecretCam" not in png
    assert Image.open(io.BytesIO(png)).mode == "RGBA"
    webp = run(tmp_path, "map.webp", webp_with_exif())["cleaned"]
    assert b"SecretCam" not in webp
