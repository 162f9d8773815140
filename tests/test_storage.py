"""Stored files: content-addressed, kept only with their row, served safely."""

import os
import time
from io import BytesIO

from flask import Flask

from rmn_portal import storage
from rmn_portal.db import db
from rmn_portal.storage import StoredFile


def test_a_committed_file_is_kept_under_its_hash(fresh_app):
    with fresh_app.app_context():
        blob = storage.save(BytesIO(b"report contents"))
        db.session.add(StoredFile(sha256=blob.sha256, size=blob.size, content_type="text/plain",
                                  original_name="izveštaj.txt"))
        db.session.commit()
        assert storage.exists(blob.sha256)
        assert storage.path_for(blob.sha256).read_bytes() == b"report contents"
        assert not str(storage.path_for(blob.sha256)).startswith(fresh_app.static_folder)


def test_a_rolled_back_upload_leaves_no_file(fresh_app):
    with fresh_app.app_context():
        blob = storage.save(BytesIO(b"never committed"))
        db.session.add(StoredFile(sha256=blob.sha256, size=blob.size, content_type="text/plain",
                                  original_name="x.txt"))
        assert storage.exists(blob.sha256)
        db.session.rollback()
        assert not storage.exists(blob.sha256)
        assert list((storage.root() / "tmp").iterdir()) == []


def test_gc_removes_orphans_and_reports_missing_files(fresh_app):
    runner = fresh_app.test_cli_runner()
    with fresh_app.app_context():
        orphan = storage.save(BytesIO(b"orphan"))
        db.session.commit()  # a crash between writing the file and the row
        kept = storage.save(BytesIO(b"kept"))
        db.session.add(StoredFile(sha256=kept.sha256, size=kept.size, content_type="text/plain",
                                  original_name="kept.txt"))
        lost = StoredFile(sha256="0" * 64, size=1, content_type="text/plain",
                          original_name="lost.txt")
        db.session.add(lost)
        db.session.commit()
        stale = storage.root() / "tmp" / "upload-in-progress"
        stale.write_bytes(b"half")
        old = time.time() - 2 * storage.ORPHAN_GRACE_SECONDS
        os.utime(storage.path_for(orphan.sha256), (old, old))
        os.utime(stale, (old, old))
        lost_id = lost.id
    result = runner.invoke(args=["storage", "gc"])
    assert "Removed 1 orphaned file(s) and 1 temporary file(s)." in result.output
    assert f"ids {lost_id}" in result.output and result.exit_code == 1
    with fresh_app.app_context():
        assert not storage.exists(orphan.sha256)
        assert storage.exists(kept.sha256)


def test_recent_orphans_are_left_for_uploads_in_flight(fresh_app):
    with fresh_app.app_context():
        young = storage.save(BytesIO(b"still uploading"))
        db.session.commit()
        report = storage.collect_garbage()
        assert report.removed_files == [] and storage.exists(young.sha256)


def test_downloads_carry_safe_headers_and_the_utf8_name(fresh_app):
    with fresh_app.test_request_context():
        blob = storage.save(BytesIO(b"%PDF-1.4 fake"))
        pdf = StoredFile(sha256=blob.sha256, size=blob.size, content_type="application/pdf",
                         original_name="Извештај о азилу 2026.pdf")
        response = storage.send_stored_file(pdf)
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("inline; ")
        assert "filename*=UTF-8''%D0%98%D0%B7%D0%B2%D0%B5%D1%88" in disposition
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response.headers["Cache-Control"] == "no-store"
        response.close()
        text = StoredFile(sha256=blob.sha256, size=blob.size, content_type="text/csv",
                          original_name='a"b;c\r\n.csv')
        response = storage.send_stored_file(text)
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment; filename=\"a_b_c__.csv\"")
        response.close()
        db.session.rollback()


def test_hash_paths_refuse_anything_but_a_digest():
    app = Flask(__name__)
    app.config["UPLOAD_DIR"] = "/tmp/nowhere"  # noqa: S108 - never written
    with app.app_context():
        for bad in ("../../etc/passwd", "a" * 63, "g" * 64):
            try:
                storage.path_for(bad)
            except ValueError:
                continue
            raise AssertionError(bad)


def test_gc_removes_check_folders_left_by_a_killed_worker(fresh_app):
    with fresh_app.app_context():
        left = storage.root() / "inspect" / "inspect-killed"
        left.mkdir(parents=True)
        (left / "raw-0").write_bytes(b"half an upload")
        young = storage.root() / "inspect" / "inspect-running"
        young.mkdir()
        old = time.time() - 2 * storage.ORPHAN_GRACE_SECONDS
        os.utime(left, (old, old))
        report = storage.collect_garbage()
        assert report.removed_tmp == ["inspect-killed"]
        assert not left.exists() and young.exists()
