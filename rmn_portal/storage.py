"""Uploaded bytes, stored by content hash outside `static/`.

Metadata lives on a `StoredFile` row; bytes live in `RMN_INSTANCE_PATH/uploads`
under their SHA-256. A file written during a transaction that rolls back is
removed again, and `flask storage gc` clears what a crash may leave behind, so
that a file is only kept if its database row committed.
"""

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from flask import Flask, Response, current_app, send_file
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .db import db, utcnow

CHUNK = 1024 * 1024
# Files that may be shown in the browser; everything else is an attachment.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/webp"})
DOWNLOAD_CSP = "default-src 'none'; sandbox"
ORPHAN_GRACE_SECONDS = 3600  # never collect a file an upload in flight may still commit


class StoredFile(db.Model):
    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(120))
    original_name: Mapped[str] = mapped_column(String(255))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int


def root() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def path_for(sha256: str) -> Path:
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return root() / sha256[:2] / sha256[2:4] / sha256


def save(stream: BinaryIO) -> Blob:
    """Write a stream to storage and return its hash and size.

    The bytes go to a temporary file first (hashed as they arrive, fsynced),
    then are renamed into place. A file that did not exist before is
    registered with the session so a rollback removes it again.
    """
    tmp_dir = root() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        target = path_for(digest.hexdigest())
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, target)
            db.session.info.setdefault("new_blobs", []).append(str(target))
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
    return Blob(digest.hexdigest(), size)


def save_bytes(data: bytes) -> Blob:
    return save(BytesIO(data))


def open_blob(sha256: str) -> BinaryIO:
    return path_for(sha256).open("rb")


def exists(sha256: str) -> bool:
    return path_for(sha256).exists()


def content_disposition(filename: str, inline: bool) -> str:
    """RFC 6266: an ASCII fallback plus the exact UTF-8 name (Cyrillic intact)."""
    kind = "inline" if inline else "attachment"
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;' else "_" for c in filename)
    return f"{kind}; filename=\"{fallback or 'download'}\"; filename*=UTF-8''{quote(filename)}"


def send_stored_file(stored: StoredFile, *, public: bool = False) -> Response:
    """Serve a stored file with safe headers; the caller has checked permission."""
    inline = stored.content_type in INLINE_TYPES
    response = send_file(path_for(stored.sha256), mimetype=stored.content_type,
                         conditional=True, etag=stored.sha256, max_age=None)
    response.headers["Content-Disposition"] = content_disposition(stored.original_name, inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = DOWNLOAD_CSP
    response.headers["Cache-Control"] = "public, max-age=3600" if public else "no-store"
    return response


# --- keeping files and rows in step ---------------------------------------------

def _forget_new_blobs(session: Session) -> None:
    session.info.pop("new_blobs", None)


def _remove_new_blobs(session: Session) -> None:
    for name in session.info.pop("new_blobs", []):
        Path(name).unlink(missing_ok=True)


def init_app(app: Flask) -> None:
    Path(app.config["UPLOAD_DIR"]).mkdir(parents=True, exist_ok=True)
    if not event.contains(Session, "after_commit", _forget_new_blobs):
        event.listen(Session, "after_commit", _forget_new_blobs)
        event.listen(Session, "after_soft_rollback", _on_rollback)


def _on_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction ended
        _remove_new_blobs(session)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@dataclass
class GcReport:
    removed_files: list[str]
    removed_tmp: list[str]
    missing_files: list[int]


def iter_blobs() -> Iterator[Path]:
    for path in root().glob("??/??/*"):
        if path.is_file():
            yield path


def collect_garbage(dry_run: bool = False, grace_seconds: int = ORPHAN_GRACE_SECONDS) -> GcReport:
    """Delete stored bytes without a row and stale temporary files; report rows
    whose bytes are missing (those need a person to look at them)."""
    known = set(db.session.scalars(select(StoredFile.sha256)))
    cutoff = time.time() - grace_seconds
    report = GcReport([], [], [])
    for path in iter_blobs():
        if path.name not in known and path.stat().st_mtime < cutoff:
            report.removed_files.append(path.name)
            if not dry_run:
                path.unlink()
    # Half-written uploads (tmp/) and the folders uploaded files are checked
    # in (inspect/) outlive a worker that was killed while using them.
    for path in [*(root() / "tmp").glob("*"), *(root() / "inspect").glob("*")]:
        if path.stat().st_mtime < cutoff:
            report.removed_tmp.append(path.name)
            if not dry_run:
                _remove(path)
    for file_id, sha256 in db.session.execute(select(StoredFile.id, StoredFile.sha256)):
        if not path_for(sha256).exists():
            report.missing_files.append(file_id)
    return report
