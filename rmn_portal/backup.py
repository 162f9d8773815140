"""Backups: a consistent snapshot of the database and the uploads, and its restore.

A snapshot is a folder:

    manifest.json     what it holds: database kind, migration revision, rows per
                      table, and the SHA-256 of every other file in the folder
    database.sqlite3  (SQLite, written by the online backup API) or
    database.dump     (PostgreSQL, `pg_dump --format=custom`)
    uploads/ab/cd/<sha256>   the stored files the snapshot's rows point to

The list of files and the row counts come from the same database snapshot as
the dump itself (on PostgreSQL an exported snapshot shared with `pg_dump`), so
every file row in the backup has its bytes in the backup. Stored bytes are
only ever removed by `storage gc` after a grace period, so copying them after
the dump is safe.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url

from . import pagecache, storage
from .db import db

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"


class BackupError(Exception):
    """A backup or restore was refused or failed; the message says why."""


# --- writing a snapshot ----------------------------------------------------------

def default_dir() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Path(current_app.instance_path) / "backups" / f"rmn-{stamp}"


def create(target: Path) -> dict:
    """Write a snapshot into `target` (new or empty folder); return the manifest."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; choose a new folder.")
    target.mkdir(parents=True, exist_ok=True)
    dialect = db.engine.dialect.name
    if dialect == "sqlite":
        database = _dump_sqlite(target / SQLITE_FILE)
    elif dialect == "postgresql":
        database = _dump_postgres(target / PG_FILE)
    else:
        raise BackupError(f"Backups of {dialect} databases are not supported.")
    hashes = database.pop("file_hashes")
    missing = _copy_blobs(hashes, target / "uploads")
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database,
        "missing_uploads": missing,
        "files": {name: _sha256(target / name) for name in _payload_files(target)},
    }
    _write_json(target / MANIFEST, manifest)
    return manifest


def _dump_sqlite(out: Path) -> dict:
    source_path = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).database
    source = sqlite3.connect(source_path)
    dest = sqlite3.connect(out)
    try:
        source.backup(dest)  # the online backup API: a consistent copy while others write
    finally:
        source.close()
    try:
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        facts = _facts(lambda sql: dest.execute(sql).fetchall(), _sqlite_tables(dest))
    finally:
        dest.close()
    return {"dialect": "sqlite", "file": SQLITE_FILE, **facts}


def _sqlite_tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type='table' "
                              "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [name for (name,) in rows]


def _dump_postgres(out: Path) -> dict:
    pg_dump = _pg_tool("pg_dump")
    with db.engine.connect() as connection:
        connection.exec_driver_sql("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
        _check_tool_version(pg_dump, connection)
        # pg_dump reads the very snapshot this transaction holds open.
        _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges",
              f"--snapshot={snapshot}", f"--file={out}"])
        tables = sorted(inspect(connection).get_table_names())
        facts = _facts(lambda sql: connection.exec_driver_sql(sql).fetchall(), tables)
        connection.exec_driver_sql("COMMIT")
    return {"dialect": "postgresql", "file": PG_FILE, **facts}


def _facts(query, tables: list[str]) -> dict:
    # Table names come from the database's own catalogue, not from a user.
    counts = {name: query(f'SELECT count(*) FROM "{name}"')[0][0]  # noqa: S608  # nosec B608 (catalogue names)
              for name in tables}
    revision = query("SELECT version_num FROM alembic_version") if "alembic_version" in tables \
        else []
    hashes = sorted({sha for (sha,) in query("SELECT sha256 FROM stored_files")}) \
        if "stored_files" in tables else []
    return {"revision": revision[0][0] if revision else None, "row_counts": counts,
            "file_hashes": hashes}


def _copy_blobs(hashes: list[str], dest_root: Path) -> list[str]:
    missing = []
    for sha in hashes:
        source = storage.path_for(sha)
        if not source.exists():
            missing.append(sha)  # a row without bytes: reported, the backup goes on
            continue
        dest = dest_root / source.relative_to(storage.root())
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    return missing


def _payload_files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and path.name != MANIFEST)


# --- checking and restoring a snapshot ---------------------------------------------

def verify(folder: Path) -> dict:
    """Return the manifest if every file matches its checksum; raise otherwise."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    expected = manifest["files"]
    problems = [f"missing: {name}" for name in expected if not (folder / name).is_file()]
    problems += [f"checksum differs: {name}" for name in expected
                 if (folder / name).is_file() and _sha256(folder / name) != expected[name]]
    problems += [f"not in the manifest: {name}" for name in _payload_files(folder)
                 if name not in expected]
    if problems:
        raise BackupError("The backup is damaged; nothing was restored.\n" + "\n".join(problems))
    for name in expected:  # uploads are stored under their own hash: check that too
        if name.startswith("uploads/") and Path(name).name != expected[name]:
            raise BackupError(f"The upload {name} does not hold the bytes its name says.")
    return manifest


def restore(folder: Path, force: bool = False) -> dict:
    """Rebuild this portal's database and uploads from a verified snapshot."""
    manifest = verify(folder)
    dialect = db.engine.dialect.name
    source = manifest["database"]
    if source["dialect"] != dialect:
        raise BackupError(f"This backup holds a {source['dialect']} database; the portal is "
                          f"configured for {dialect}.")
    tables = inspect(db.engine).get_table_names()
    if tables and not force:
        raise BackupError(f"The database already has {len(tables)} tables; restoring would "
                          "replace them. Use --force to overwrite it.")
    if dialect == "sqlite":
        _restore_sqlite(folder / source["file"])
    else:
        _restore_postgres(folder / source["file"])
    _restore_blobs(folder / "uploads", manifest["files"])
    # Servers still running must not show pages rendered from the old data.
    pagecache.forget_everything(current_app)
    return manifest


def _restore_sqlite(dump: Path) -> None:
    db.session.remove()
    db.engine.dispose()
    target = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).database
    source = sqlite3.connect(dump)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)  # replaces every page of the target, under its lock
    finally:
        source.close()
        dest.close()


def _restore_postgres(dump: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
    db.session.remove()
    with db.engine.connect() as connection:
        _check_tool_version(pg_restore, connection)
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
        connection.commit()
    db.engine.dispose()
    database = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).database
    _run([pg_restore, "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={database}", str(dump)])


def _restore_blobs(source_root: Path, files: dict) -> None:
    for name in files:
        if not name.startswith("uploads/"):
            continue
        dest = storage.root() / Path(name).relative_to("uploads")
        if dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.restoring")
        shutil.copyfile(source_root / Path(name).relative_to("uploads"), tmp)
        os.replace(tmp, dest)  # never a half-copied file under a hash name


# --- helpers ----------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(storage.CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)


def _pg_tool(name: str) -> str:
    tool = shutil.which(name, path=current_app.config.get("PG_BIN_DIR") or None)
    if tool is None:
        raise BackupError(f"{name} was not found on PATH (or in RMN_PG_BIN_DIR); install the "
                          "PostgreSQL client tools of the server's version.")
    return tool


def _libpq_environment() -> dict:
    """Connection settings for pg_dump/pg_restore, passed in the environment so
    that the password never shows in the process list."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    env = {name: value for name, value in os.environ.items() if not name.startswith("PG")}
    settings = {"PGHOST": url.host, "PGPORT": url.port, "PGUSER": url.username,
                "PGPASSWORD": url.password, "PGDATABASE": url.database,
                "PGCONNECT_TIMEOUT": "10"}
    env.update({name: str(value) for name, value in settings.items() if value is not None})
    return env


def _check_tool_version(tool: str, connection: Connection) -> None:
    # A tool found on PATH, our own arguments, never a shell.
    output = subprocess.run([tool, "--version"], capture_output=True,  # noqa: S603
                            text=True, check=True).stdout
    found = re.search(r"\)\s+(\d+)", output)  # "pg_dump (PostgreSQL) 15.20 (Debian …)"
    if found is None:
        raise BackupError(f"Could not read the version of {tool}: {output.strip()}")
    tool_major = int(found.group(1))
    server_major = int(connection.exec_driver_sql("SHOW server_version_num").scalar()) // 10000
    if tool_major < server_major:
        raise BackupError(f"{Path(tool).name} {tool_major} cannot handle a PostgreSQL "
                          f"{server_major} server; install the client tools of version "
                          f"{server_major} (or newer) or set RMN_PG_BIN_DIR.")


def _run(command: list[str]) -> None:
    # Our own argument list, never a shell.
    result = subprocess.run(command, capture_output=True, text=True,  # noqa: S603
                            env=_libpq_environment())
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
