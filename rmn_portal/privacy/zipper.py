"""Writing an export: a ZIP with a JSON document, a README and stored files."""

import json
import re
import shutil
import tempfile
import zipfile
from datetime import date, datetime

from .. import storage
from ..db import utcnow


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds").replace("+00:00", "Z")
    return value.isoformat()


def safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._")
    return cleaned[:100] or "file"


def build_zip(document: dict, stored_files, readme: str):
    """document.json, README.txt and files/<id>-<name> for each stored file
    whose bytes are still there (a file list in the JSON says which).
    Returns a file positioned at its start (kept in memory while small)."""
    buffer = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    listed = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for stored in stored_files:
            path = f"files/{stored.id}-{safe_name(stored.original_name)}"
            entry = {"path": path, "name": stored.original_name, "type": stored.content_type,
                     "size": stored.size, "uploaded_at": iso(stored.created_at)}
            if storage.exists(stored.sha256):
                with storage.open_blob(stored.sha256) as source, archive.open(path, "w") as target:
                    shutil.copyfileobj(source, target, storage.CHUNK)
            else:
                entry["path"] = None  # the bytes are gone (removed from storage)
            listed.append(entry)
        document = {**document, "files": listed, "exported_at": iso(utcnow())}
        archive.writestr("document.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr("README.txt", readme)
    buffer.seek(0)
    return buffer
