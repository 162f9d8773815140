"""Inspect, clean and read one uploaded file, in a child process.

Run as a script (`python -I worker.py IN OUT NAME`) so that a hostile file
meets hard limits on memory and CPU time, and the parent can stop it after a
timeout: a crafted PDF or archive cannot stall a web worker. It prints one
JSON object: {"ok": true, "kind": ..., "text": ...} or {"ok": false,
"reason": ..., ...}. `process()` is the same logic for direct calls.

Nothing here imports the portal: only the standard library, Pillow and pypdf.
"""

import html
import json
import re
import sys
import time
import zipfile
from pathlib import Path

MAX_TEXT_CHARS = 200_000
MAX_PDF_PAGES = 2_000
EXTRACT_SECONDS = 15
MAX_PDF_OBJECTS = 500_000
MAX_PIXELS = 50_000_000
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_TOTAL = 200 * 1024 * 1024  # decompressed bytes in one office file
MAX_ZIP_RATIO = 200  # a larger compression ratio on a big entry is a zip bomb
MAX_XML_PART = 50 * 1024 * 1024

# kind: (content type, accepted file name extensions)
KINDS = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             (".pptx",)),
    "odt": ("application/vnd.oasis.opendocument.text", (".odt",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
    "odp": ("application/vnd.oasis.opendocument.presentation", (".odp",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "webp": ("image/webp", (".webp",)),
    "txt": ("text/plain", (".txt",)),
    "csv": ("text/csv", (".csv",)),
}
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml",
                   "pptx": "ppt/presentation.xml"}
ODF_KINDS = {KINDS[kind][0]: kind for kind in ("odt", "ods", "odp")}


class Refused(Exception):
    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


def process(in_path: str, out_path: str, name: str) -> dict:
    """Detect the type from the bytes, check it against the name, write a
    cleaned copy to `out_path` and return the kind and extracted text."""
    try:
        kind = detect(in_path)
        extension = Path(name).suffix.lower()
        if kind in ("txt", "csv"):
            kind = "csv" if extension == ".csv" else "txt"
        if extension not in KINDS[kind][1]:
            raise Refused("mismatch", kind=kind, extension=extension or "-")
        text = CLEANERS[kind](kind, in_path, out_path)
    except Refused as refusal:
        return {"ok": False, "reason": refusal.reason, **refusal.params}
    return {"ok": True, "kind": kind, "content_type": KINDS[kind][0],
            "text": (text or "")[:MAX_TEXT_CHARS]}


# --- detection by content --------------------------------------------------------

def detect(path: str) -> str:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if not head:
        raise Refused("empty")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if _looks_like_text(head):
        return "txt"
    raise Refused("type")


_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MARKUP_START = re.compile(rb"^\s*(<\?xml|<!doctype|<html|<svg|<script|<head|<body|<!--)", re.I)


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    if _MARKUP_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        raise Refused("markup")
    # Text in any 8-bit encoding has no control bytes other than tab and line
    # breaks; whether it is UTF-8 is checked (with a clear message) later.
    return not _BINARY_BYTES.search(head)


def _zip_kind(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in ODF_KINDS:
                    return ODF_KINDS[mimetype]
            if "[Content_Types].xml" in names:
                for kind, part in OOXML_MAIN_PART.items():
                    if part in names:
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise Refused("damaged", kind="zip") from error
    raise Refused("archive")


# --- cleaning and reading --------------------------------------------------------

def clean_text(kind: str, in_path: str, out_path: str) -> str:
    data = Path(in_path).read_bytes()
    if b"\x00" in data:
        raise Refused("type")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Refused("encoding") from error
    Path(out_path).write_bytes(text.encode("utf-8"))
    return text


def clean_image(kind: str, in_path: str, out_path: str) -> str:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    expected = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[kind]
    try:
        with Image.open(in_path) as image:
            if image.format != expected:
                raise Refused("damaged", kind=kind)
            if image.width * image.height > MAX_PIXELS:
                raise Refused("too_many_pixels")
            image.seek(0)
            upright = ImageOps.exif_transpose(image)  # orientation first, then drop EXIF
            clean = _bare_copy(upright, kind)
    except Refused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise Refused("damaged", kind=kind) from error
    options = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}, "PNG": {"optimize": True}}
    clean.save(out_path, format=expected, **options[expected])
    return ""


def _bare_copy(image, kind: str):
    """The pixels alone: a new image built from raw bytes carries no EXIF,
    GPS, XMP, ICC or comment of the original."""
    from PIL import Image

    mode = image.mode
    if kind == "jpeg":
        target = mode if mode in ("L", "RGB") else "RGB"
    elif mode in ("1", "L", "LA", "RGB", "RGBA") and kind == "png":
        target = mode
    else:
        has_alpha = "A" in mode or "transparency" in image.info
        target = "RGBA" if has_alpha else "RGB"
    converted = image.convert(target) if mode != target else image
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def clean_pdf(kind: str, in_path: str, out_path: str) -> str:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(in_path, strict=False)
        if reader.is_encrypted:
            raise Refused("pdf_encrypted")
        _check_pdf_objects(reader)
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None  # the /Info dictionary: author, creator, producer, dates
        writer._root_object.pop("/Metadata", None)  # and the XMP packet
        with open(out_path, "wb") as out:
            writer.write(out)
        return _pdf_text(reader)
    except Refused:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError,
            RecursionError, IndexError) as error:
        raise Refused("damaged", kind=kind) from error


_PDF_SCRIPT_KEYS = {"/JS", "/JavaScript"}
_PDF_SCRIPT_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMedia"}
_PDF_FILE_KEYS = {"/EmbeddedFile", "/EmbeddedFiles"}
_PDF_FILE_TYPES = {"/EmbeddedFile", "/FileAttachment", "/Filespec"}


def _check_pdf_objects(reader) -> None:
    """Walk every object reachable from the trailer; refuse scripts, launch
    actions and embedded files wherever they hide."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack, seen, visited = [reader.trailer], set(), 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise Refused("damaged", kind="pdf")
        if isinstance(obj, DictionaryObject):
            keys = set(obj.keys())
            if keys & _PDF_SCRIPT_KEYS or obj.get("/S") in _PDF_SCRIPT_ACTIONS:
                raise Refused("pdf_javascript")
            if keys & _PDF_FILE_KEYS or obj.get("/Type") in _PDF_FILE_TYPES or \
                    obj.get("/Subtype") in ("/FileAttachment", "/RichMedia"):
                raise Refused("pdf_embedded")
            stack.extend(value for name, value in obj.items() if name != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _pdf_text(reader) -> str:
    parts, size, started = [], 0, time.monotonic()
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES or size >= MAX_TEXT_CHARS:
            break
        if time.monotonic() - started > EXTRACT_SECONDS:
            break
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: S112 - a page we cannot read adds no text
            continue
        parts.append(text)
        size += len(text)
    return "\n".join(parts)


def clean_office(kind: str, in_path: str, out_path: str) -> str:
    """Office documents are zip containers: check the structure and the
    decompressed size, refuse macros, and read the text of DOCX and ODT."""
    try:
        with zipfile.ZipFile(in_path) as archive:
            infos = archive.infolist()
            _check_archive(infos)
            names = {info.filename for info in infos}
            if kind in OOXML_MAIN_PART:
                types = _read_part(archive, "[Content_Types].xml").decode("utf-8", "replace")
                if "macroEnabled" in types or any(n.lower().endswith("vbaproject.bin")
                                                  for n in names):
                    raise Refused("macros")
            elif "content.xml" not in names or any(n.startswith(("Basic/", "Scripts/"))
                                                   for n in names):
                raise Refused("macros" if "content.xml" in names else "damaged", kind=kind)
            bad = archive.testzip()  # every entry decompresses and matches its CRC
            if bad is not None:
                raise Refused("damaged", kind=kind)
            text = ""
            if kind == "docx":
                text = _docx_text(_read_part(archive, "word/document.xml"))
            elif kind == "odt":
                text = _odt_text(_read_part(archive, "content.xml"))
    except Refused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError,
            KeyError) as error:
        raise Refused("damaged", kind=kind) from error
    Path(out_path).write_bytes(Path(in_path).read_bytes())
    return text


def _check_archive(infos) -> None:
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Refused("zip_bomb")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name:
            raise Refused("damaged", kind="zip")
        if info.flag_bits & 0x1:
            raise Refused("encrypted_archive")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_ZIP_TOTAL or (info.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO):
            raise Refused("zip_bomb")


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as part:
        data = part.read(MAX_XML_PART + 1)
    if len(data) > MAX_XML_PART:
        raise Refused("zip_bomb")
    return data


_TAG = re.compile(r"<[^>]*>")


def _docx_text(xml: bytes) -> str:
    text = xml.decode("utf-8", "replace")
    text = re.sub(r"</w:p>|<w:br\s*/>|<w:tab\s*/>", "\n", text)
    runs = re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|(\n)", text)
    return html.unescape("".join(run or newline for run, newline in runs))


def _odt_text(xml: bytes) -> str:
    text = xml.decode("utf-8", "replace")
    text = re.sub(r"</text:(?:p|h)>|<text:line-break\s*/>", "\n", text)
    text = re.sub(r"<text:s(?:\s[^>]*)?/>|<text:tab\s*/>", " ", text)
    body = text.split("<office:body>", 1)[-1]
    return html.unescape(_TAG.sub("", body))


CLEANERS = {"pdf": clean_pdf, "png": clean_image, "jpeg": clean_image, "webp": clean_image,
            "txt": clean_text, "csv": clean_text, **{k: clean_office for k in
                                                      ("docx", "xlsx", "pptx", "odt", "ods",
                                                       "odp")}}


# --- child process entry point -----------------------------------------------------

def _limit_resources(cpu_seconds: int, memory_bytes: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    sys.setrecursionlimit(5000)


def main(argv: list[str]) -> int:
    in_path, out_path, name, cpu_seconds, memory_mb = argv[1:6]
    _limit_resources(int(cpu_seconds), int(memory_mb) * 1024 * 1024)
    try:
        result = process(in_path, out_path, name)
    except MemoryError:
        result = {"ok": False, "reason": "too_complex"}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
