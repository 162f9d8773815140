"""`flask backup` / `flask restore`: a portal full of demo data goes into a
snapshot and comes back, on SQLite and (with RMN_TEST_DATABASE_URL) PostgreSQL,
with the same rows and the same file bytes, and serves pages again."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from rmn_portal.accounts.models import User
from rmn_portal.db import db
from rmn_portal.demo import demo_email

from .conftest import TEST_DATABASE_URL, PortalClient, make_app, migrate

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL) and shutil.which("pg_dump") is None,
                                reason="pg_dump is not installed")


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


def _row_counts(app) -> dict:
    with app.app_context():
        names = inspect(db.engine).get_table_names()
        counts = {name: db.session.scalar(text(f'SELECT count(*) FROM "{name}"'))
                  for name in names}
        db.session.remove()
        return counts


def _upload_hashes(app) -> dict:
    root = app.config["UPLOAD_DIR"]
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(Path(root).glob("??/??/*"))}


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, databases):
    """A portal with the demo data and its backup folder."""
    tmp = tmp_path_factory.mktemp("backup")
    source = make_app(tmp / "source", databases.new_url())
    migrate(source)
    assert _run(source, "seed-demo").exit_code == 0
    result = _run(source, "backup", str(tmp / "snapshot"))
    assert result.exit_code == 0, result.output
    yield source, tmp / "snapshot"
    with source.app_context():
        db.engine.dispose()


@pytest.fixture
def empty_portal(tmp_path, databases):
    app = make_app(tmp_path / "target", databases.new_url())
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_round_trip_gives_the_same_rows_and_files_and_a_working_portal(snapshot, empty_portal):
    source, folder = snapshot
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["row_counts"]["resources"] > 0
    assert manifest["missing_uploads"] == []

    result = _run(empty_portal, "restore", str(folder))
    assert result.exit_code == 0, result.output

    assert _row_counts(empty_portal) == _row_counts(source)
    assert _upload_hashes(empty_portal) == _upload_hashes(source)
    assert all(name == digest for name, digest in _upload_hashes(empty_portal).items())

    with empty_portal.app_context():
        email = demo_email("member1-iris-collective")
        assert db.session.scalar(select(func.count()).where(User.email == email)) == 1
        db.session.remove()
    empty_portal.test_client_class = PortalClient
    client = empty_portal.test_client()
    response = client.post("/login", data={"email": email,
                                           "password": empty_portal.config["DEMO_PASSWORD"]})
    assert response.status_code == 302
    page = client.get("/resources")
    assert page.status_code == 200 and "Iris" in page.get_data(as_text=True)


def test_restore_refuses_a_damaged_backup(snapshot, empty_portal, tmp_path):
    _, folder = snapshot
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    blob = next(path for path in (damaged / "uploads").rglob("*") if path.is_file())
    blob.write_bytes(blob.read_bytes() + b"tampered")

    result = _run(empty_portal, "restore", str(damaged))
    assert result.exit_code != 0
    assert "checksum differs" in result.output and blob.name in result.output
    with empty_portal.app_context():
        assert inspect(db.engine).get_table_names() == []  # nothing was touched
    assert _upload_hashes(empty_portal) == {}


def test_restore_refuses_to_overwrite_a_database_unless_forced(snapshot, tmp_path, databases):
    source, folder = snapshot
    target = make_app(tmp_path / "busy", databases.new_url())
    migrate(target)
    result = _run(target, "restore", str(folder))
    assert result.exit_code != 0 and "--force" in result.output
    assert _row_counts(target)["organisations"] == 0

    result = _run(target, "restore", "--force", str(folder))
    assert result.exit_code == 0, result.output
    assert _row_counts(target) == _row_counts(source)
    with target.app_context():
        db.engine.dispose()


def test_backup_refuses_a_folder_that_is_not_empty(snapshot):
    source, folder = snapshot
    result = _run(source, "backup", str(folder))
    assert result.exit_code != 0 and "not empty" in result.output


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="PostgreSQL only")
def test_backup_refuses_a_pg_dump_older_than_the_server(tmp_path, databases):
    old_tools = tmp_path / "bin"
    old_tools.mkdir()
    fake = old_tools / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 12.22'\n")
    fake.chmod(0o755)
    app = make_app(tmp_path / "old", databases.new_url(), PG_BIN_DIR=str(old_tools))
    migrate(app)
    result = _run(app, "backup", str(tmp_path / "snapshot"))
    assert result.exit_code != 0 and "pg_dump 12 cannot handle a PostgreSQL" in result.output
    with app.app_context():
        db.engine.dispose()
