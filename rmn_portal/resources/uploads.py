"""Accepting an upload: its name, its content, its size, its quota.

The content is inspected and cleaned in a child process (`worker.py`) with
hard limits on time, CPU and memory; this module turns its verdict into a
clear, translated message that names the accepted types.
"""

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _

from ..errors import ServiceError
from ..forms import NoControlCharacters
from . import worker

WORKER = Path(worker.__file__).resolve()
ACCEPTED_TYPES = "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, WebP, TXT, CSV"
TYPE_NAMES = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "pptx": "PPTX", "odt": "ODT",
              "ods": "ODS", "odp": "ODP", "png": "PNG", "jpeg": "JPEG", "webp": "WebP",
              "txt": "TXT", "csv": "CSV", "zip": "ZIP"}
MAX_NAME = 200


@dataclass
class Upload:
    """What the browser sent: the file name as given and the bytes."""

    filename: str
    stream: BinaryIO


@dataclass
class CleanFile:
    name: str
    kind: str
    content_type: str
    path: Path  # the cleaned copy, in a temporary folder the caller removes
    size: int
    text: str


def refusal_message(reason: str, **params) -> str:
    kind = TYPE_NAMES.get(params.get("kind", ""), "")
    messages = {
        "empty": _("The file is empty."),
        "type": _("This type of file is not accepted. Accepted types: %(types)s.",
                  types=ACCEPTED_TYPES),
        "markup": _("Web pages, SVG and other markup files are not accepted. "
                    "Accepted types: %(types)s.", types=ACCEPTED_TYPES),
        "archive": _("Archives (ZIP and similar) are not accepted. Accepted types: %(types)s.",
                     types=ACCEPTED_TYPES),
        "mismatch": _("The content of this file is %(kind)s, but its name ends in "
                      "“%(extension)s”. Rename it or upload the right file. "
                      "Accepted types: %(types)s.", kind=kind,
                      extension=params.get("extension", ""), types=ACCEPTED_TYPES),
        "damaged": _("This %(kind)s file is damaged or could not be read.", kind=kind),
        "encoding": _("Text files must be saved as UTF-8."),
        "too_many_pixels": _("The image is too large (more than 50 megapixels)."),
        "pdf_encrypted": _("Password-protected PDFs cannot be accepted. Remove the password "
                           "and upload it again."),
        "pdf_javascript": _("This PDF contains scripts or actions that run programs; it "
                            "cannot be accepted. Print it to a new PDF and try again."),
        "pdf_embedded": _("This PDF contains attached files; it cannot be accepted. Upload "
                          "the attachments separately."),
        "macros": _("Documents with macros cannot be accepted. Save it without macros "
                    "(for example as .docx instead of .docm)."),
        "zip_bomb": _("This document unpacks to far more data than it holds; it cannot be "
                      "accepted."),
        "encrypted_archive": _("Password-protected documents cannot be accepted."),
        "too_complex": _("The file could not be checked in time; it may be damaged. "
                         "Try saving it again."),
    }
    return messages.get(reason, messages["type"])


# --- file names -------------------------------------------------------------------

def clean_name(filename: str | None) -> str:
    """The name to show, with Cyrillic and diacritics intact; refuses names
    that carry folders, control or direction characters."""
    name = unicodedata.normalize("NFC", (filename or "").strip())
    if not name:
        raise ServiceError(_("Choose a file to upload."), field="files")
    if "/" in name or "\\" in name or name in (".", ".."):
        raise ServiceError(_("The file name “%(name)s” contains folder separators (/ or \\). "
                             "Rename the file and try again.", name=name), field="files")
    if any(char in NoControlCharacters.BAD for char in name) or any(
            unicodedata.category(char) in ("Cc", "Cf") for char in name):
        raise ServiceError(_("The file name contains control or text-direction characters. "
                             "Rename the file and try again."), field="files")
    if len(name) > MAX_NAME:
        stem, suffix = os.path.splitext(name)
        name = stem[:MAX_NAME - len(suffix)] + suffix
    return name


# --- content ----------------------------------------------------------------------

def inspect(upload: Upload, workdir: Path) -> CleanFile:
    """Check and clean one upload; raise ServiceError(field="files") if refused."""
    name = clean_name(upload.filename)
    raw = workdir / f"raw-{len(list(workdir.iterdir()))}"
    with raw.open("wb") as out:
        while chunk := upload.stream.read(1024 * 1024):
            out.write(chunk)
    cleaned = raw.with_name(raw.name.replace("raw", "clean"))
    verdict = _run_worker(raw, cleaned, name)
    raw.unlink(missing_ok=True)
    if not verdict.get("ok"):
        params = {k: v for k, v in verdict.items() if k in ("kind", "extension")}
        message = refusal_message(verdict.get("reason", "type"), **params)
        raise ServiceError(_("%(name)s: %(problem)s", name=name, problem=message),
                           field="files")
    return CleanFile(name=name, kind=verdict["kind"], content_type=verdict["content_type"],
                     path=cleaned, size=cleaned.stat().st_size, text=verdict.get("text", ""))


def _run_worker(raw: Path, cleaned: Path, name: str) -> dict:
    timeout = int(current_app.config.get("RESOURCES_WORKER_SECONDS", 60))
    memory_mb = int(current_app.config.get("RESOURCES_WORKER_MEMORY_MB", 1536))
    command = [sys.executable, "-I", str(WORKER), str(raw), str(cleaned), name,
               str(timeout), str(memory_mb)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout + 5,  # noqa: S603
                              check=False, env={"PATH": os.environ.get("PATH", "")})
        return json.loads(done.stdout or b"{}") if done.returncode == 0 else \
            {"ok": False, "reason": "too_complex"}
    except (subprocess.TimeoutExpired, json.JSONDecodeError):
        return {"ok": False, "reason": "too_complex"}


def workdir() -> tempfile.TemporaryDirectory:
    # Not inside uploads/tmp: `storage gc` clears that folder file by file.
    base = Path(current_app.config["UPLOAD_DIR"]) / "inspect"
    base.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=base, prefix="inspect-")
