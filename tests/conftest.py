"""Test fixtures: a real database built by the migrations, real templates,
the Flask test client. Each test runs inside a transaction that is rolled back.

Set RMN_TEST_DATABASE_URL to a PostgreSQL server URL to run the suite there
(a fresh database is created per test session and dropped afterwards).
"""

import hashlib
import io
import os
import uuid
from pathlib import Path

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from rmn_portal import cache, create_app, pagecache
from rmn_portal.accounts import throttle
from rmn_portal.content import Visibility
from rmn_portal.db import db
from rmn_portal.extensions import limiter
from rmn_portal.resources.models import ResourceKind
from rmn_portal.resources.services import ResourceFields, create_resource
from rmn_portal.resources.uploads import Upload

from . import factories

TEST_DATABASE_URL = os.environ.get("RMN_TEST_DATABASE_URL", "")
CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


def pytest_report_header():
    return f"database: {'PostgreSQL' if TEST_DATABASE_URL else 'SQLite'}"


class Databases:
    """Creates throwaway databases on the configured server (or SQLite files)."""

    def __init__(self, tmp_root: Path):
        self.tmp_root = tmp_root
        self.created: list[str] = []

    def new_url(self) -> str:
        if not TEST_DATABASE_URL:
            return f"sqlite:///{self.tmp_root / f'{uuid.uuid4().hex}.sqlite3'}"
        name = f"rmn_test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        self.created.append(name)
        return make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.created:
            return
        admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    dbs = Databases(tmp_path_factory.mktemp("db"))
    yield dbs
    dbs.drop_all()


def make_app(instance: Path, database_url: str, **overrides):
    os.environ["RMN_INSTANCE_PATH"] = str(instance)
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "ARGON2_PARAMETERS": CHEAP_ARGON2,
        "BASE_URL": "http://localhost",
        "MAIL_URL": "file",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Each test rolls its data back, but a process cache would keep figures
        # computed from it: off by default, on in tests/test_figure_cache.py.
        "CACHE_SECONDS": 0,
    }
    config.update(overrides)
    return create_app(config)


def migrate(app) -> None:
    with app.app_context():
        upgrade()


@pytest.fixture(scope="session")
def app(tmp_path_factory, databases):
    instance = tmp_path_factory.mktemp("instance")
    app = make_app(instance, databases.new_url())
    migrate(app)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def fresh_app(tmp_path, databases):
    """An app on its own new database, without the per-test rollback: for
    tests that need real commits (threads, other processes, migrations)."""
    app = make_app(tmp_path / "instance", databases.new_url())
    migrate(app)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def db_session(app):
    """Run the test inside one outer transaction; every commit made by the
    code under test becomes a SAVEPOINT release, and all is rolled back."""
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        engines = db.engines
        original = engines[None]
        engines[None] = connection
        db.session.remove()
        db.session.configure(join_transaction_mode="create_savepoint")
        try:
            yield db.session
        finally:
            db.session.remove()
            engines[None] = original
            outer.rollback()
            connection.close()
            # The rolled-back data is gone: so are the pages rendered from it.
            pagecache.forget_everything(app)


class PortalClient(FlaskClient):
    """A test client that sends the CSRF token with every form POST, the way
    a browser submitting the page's form would. Pass csrf=False to leave it out.

    Each request starts as it would on a running portal:
    - what the test arranged is committed first (inside the per-test
      transaction, a savepoint release); otherwise a view that rolls back after
      refusing something would also undo the test's own data, and assertions
      such as "nothing was saved" would pass for nothing;
    - `flask.g` starts empty: requests made while the test holds an app
      context reuse it, and Flask-Login, Flask-WTF and Flask-Babel cache the
      user, the CSRF token and the locale there.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            db.session.commit()
            for name in list(vars(g)):
                delattr(g, name)
        return super().open(*args, **kwargs)

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and (data is None or isinstance(data, dict)) and not kwargs.get("json"):
            data = dict(data or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().post(*args, **kwargs)

    def csrf_token(self) -> str:
        """The token a page of this session would carry (Flask-WTF's scheme:
        a random value kept in the session, signed with the secret key)."""
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", hashlib.sha256(os.urandom(64)).hexdigest())
        signer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
        return signer.dumps(raw)


@pytest.fixture
def client(app, db_session):
    app.test_client_class = PortalClient
    with app.app_context():
        # Request limits (Flask-Limiter keeps them for the whole process) and
        # failure counts must not leak from one test into the next.
        limiter.reset()
        throttle.reset()
    yield app.test_client()


@pytest.fixture
def figure_cache(app):
    """The figure cache switched on (in memory, 60 s) for this test only."""
    switched_off = app.extensions[cache.EXTENSION]
    app.extensions[cache.EXTENSION] = cache.FigureCache(cache.MemoryStore(), 60)
    yield app.extensions[cache.EXTENSION]
    app.extensions[cache.EXTENSION] = switched_off


@pytest.fixture
def add_resource(db_session):
    """Create a resource through the services, as the given author."""

    def add(author, title="A resource", *, files=(), visibility=Visibility.NETWORK,
            link=None, **fields):
        if link is None:  # a resource needs files or a link
            link = "" if files else "https://example.org/doc"
        values = {"title": title, "kind": ResourceKind.REPORT, "languages": ["en"],
                  "visibility": visibility, "external_url": link}
        values.update(fields)
        uploads = [Upload(name, io.BytesIO(data)) for name, data in files]
        resource = create_resource(author, ResourceFields(**values), uploads)
        db_session.commit()
        return resource

    return add


@pytest.fixture
def make(db_session):
    """Factories bound to the test's transaction: make.org(), make.user(...)."""
    return factories.Factory(db_session)


@pytest.fixture
def outbox(app):
    """Messages queued in the outbox during the test."""
    return factories.Outbox(app)


@pytest.fixture
def cli_app(fresh_app):
    return fresh_app


@pytest.fixture
def make_committed_user(fresh_app):
    """A user committed to the fresh app's database (for CLI and thread tests)."""

    def create(**fields):
        with fresh_app.app_context():
            factory = factories.Factory(db.session)
            user = factory.user(**fields)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user

    return create


# Real-browser fixtures, for tests/browser and tests/quality.
from .browser_support import (  # noqa: E402, F401
    browser,
    live_server,
    new_page,
    page,
    pytest_runtest_makereport,
)
