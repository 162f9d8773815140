"""Crash test: a person keeps saving resources (with a file), event responses,
note drafts and statement revisions while the server is killed with SIGKILL at
random moments and started again. Afterwards every save that was confirmed
(a redirect after the POST) is there and intact, the database passes its
integrity check, and no row points to a missing file.

RMN_CRASH_SECONDS sets how long the writes go on (default 10, with at least
three kills; the restarts add to it).
"""

import hashlib
import os
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.client import HTTPException

import pytest
from sqlalchemy import select, text

from rmn_portal import storage
from rmn_portal.db import db
from rmn_portal.events.models import Registration
from rmn_portal.notes.models import Note
from rmn_portal.resources.models import Resource
from rmn_portal.statements import services as statements
from rmn_portal.statements.models import Revision

from .events.helpers import make_event
from .factories import PASSWORD
from .notes.conftest import form_data
from .servers import PortalServer, Visitor, new_portal, portal_environment

SECONDS = float(os.environ.get("RMN_CRASH_SECONDS", "10"))
EVENTS = 400

pytestmark = pytest.mark.slow


@dataclass
class Confirmed:
    """The saves the server confirmed, by kind."""

    resources: dict = field(default_factory=dict)  # id -> (title, sha256 of the file)
    rsvps: list = field(default_factory=list)  # event ids
    notes: list = field(default_factory=list)  # tokens in the narrative
    revisions: list = field(default_factory=list)  # tokens in the body
    failures: int = 0

    def count(self) -> int:
        return len(self.resources) + len(self.rsvps) + len(self.notes) + len(self.revisions)

    def every_kind(self) -> bool:
        return bool(self.resources and self.rsvps and self.notes and self.revisions)


class Writer:
    def __init__(self, visitor: Visitor, event_ids: list[int], statement_id: int):
        self.visitor = visitor
        self.events = iter(event_ids)
        self.statement_id = statement_id
        self.confirmed = Confirmed()
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        steps = [self.add_resource, self.rsvp, self.save_note, self.revise_statement]
        try:
            while not self.stop.is_set():
                for step in steps:
                    try:
                        step()
                    except (OSError, HTTPException):  # down, or died mid-answer: not confirmed
                        self.confirmed.failures += 1
                        time.sleep(0.05)
        except BaseException as error:  # an unexpected answer: the test reports it
            self.error = error

    def add_resource(self) -> None:
        token = uuid.uuid4().hex
        content = f"Crash-test file {token}\n".encode() * 50
        page = self.visitor.post("/resources/new", {
            "title": f"Crash {token}", "kind": "report", "languages": "en",
            "visibility": "network", "summary": "", "tags": "", "year": "", "external_url": ""},
            files={"files": (f"{token}.txt", content)})
        if _confirmed(page, r"/resources/(\d+)$"):
            resource_id = int(_confirmed(page, r"/resources/(\d+)$"))
            self.confirmed.resources[resource_id] = (f"Crash {token}",
                                                     hashlib.sha256(content).hexdigest())

    def rsvp(self) -> None:
        event_id = next(self.events)
        page = self.visitor.post(f"/events/{event_id}/rsvp", {"response": "going"},
                                 token_from=f"/events/{event_id}")
        if _confirmed(page, r"/events/\d+"):
            self.confirmed.rsvps.append(event_id)

    def save_note(self) -> None:
        token = uuid.uuid4().hex
        fields = {**form_data(narrative=f"Crash test draft {token}: housing was refused."),
                  "save": "1"}
        page = self.visitor.post("/notes/new", fields)
        if _confirmed(page, r"/notes/\d+"):
            self.confirmed.notes.append(token)

    def revise_statement(self) -> None:
        path = f"/statements/{self.statement_id}/edit"
        page = self.visitor.get(path)
        assert page.status == 200, page.status
        base = re.search(r'name="base_revision" type="hidden" value="(\d+)"', page.text).group(1)
        token = uuid.uuid4().hex
        saved = self.visitor.post(path, {"base_revision": base, "title": "Keep the doors open",
                                         "body": f"We ask for safe passage.\n\nRevision {token}.",
                                         "summary": ""})
        if _confirmed(saved, r"/statements/\d+"):
            self.confirmed.revisions.append(token)


def _confirmed(page, location: str) -> str | None:
    """The redirect after a successful save; anything else must be a known refusal."""
    if page.status == 302:
        found = re.search(location, page.location.split("#")[0].split("?")[0])
        assert found, page.location
        return found.group(1) if found.groups() else found.group(0)
    # 503 while the database is being reopened; 409 when an unconfirmed
    # revision did commit and moved the base: both honest refusals.
    assert page.status in (409, 503), (page.status, page.text[:500])
    return None


@pytest.fixture
def portal(tmp_path, databases):
    url = databases.new_url()
    with new_portal(tmp_path / "instance", url) as (setup, make):
        member = make.user(name="Crash Tester")
        events = [make_event(member, title=f"Meeting {n}") for n in range(EVENTS)]
        statement = statements.create_statement(member, title="Keep the doors open",
                                                body="We ask for safe passage.", language="en")
        db.session.flush()
        ids = ([event.id for event in events], statement.id, member.email)
    server = PortalServer(portal_environment(tmp_path / "instance", url),
                          log=tmp_path / "server.log")
    yield setup, server, ids
    server.stop()
    with setup.app_context():  # the checks' connections, before the app is dropped
        db.engine.dispose()


def test_confirmed_writes_survive_sigkill(portal):
    setup, server, (event_ids, statement_id, email) = portal
    server.start()
    visitor = Visitor(server.url)
    visitor.sign_in(email, PASSWORD)
    writer = Writer(visitor, event_ids, statement_id)
    thread = threading.Thread(target=writer.run, daemon=True)
    thread.start()
    done = writer.confirmed
    kills, deadline, rng = 0, time.monotonic() + SECONDS, random.Random()
    while (time.monotonic() < deadline or kills < 3) and writer.error is None:
        # Let a few saves through after each restart (starting is slow on a
        # loaded machine), then kill at a random moment, mid-request or not.
        _wait_for_saves(done, 2)
        time.sleep(rng.uniform(0, 1.0))
        server.kill()
        kills += 1
        server.start()
    _wait_until(done.every_kind)
    writer.stop.set()
    thread.join(timeout=60)
    assert writer.error is None, writer.error
    server.kill()
    server.start()  # the last crash is recovered from too

    print(f"{kills} kills; confirmed {len(done.resources)} resources, {len(done.rsvps)} "
          f"responses, {len(done.notes)} notes, {len(done.revisions)} revisions; "
          f"{done.failures} unconfirmed")
    assert kills >= 3 and done.resources and done.rsvps and done.notes and done.revisions
    with setup.app_context():
        _check_integrity()
        _check_confirmed(done, email)
        assert storage.collect_garbage(dry_run=True).missing_files == []
        db.session.remove()
        db.engine.dispose()
    assert Visitor(server.url).get("/healthz").status == 200


def _wait_for_saves(done: Confirmed, how_many: int) -> None:
    target = done.count() + how_many
    _wait_until(lambda: done.count() >= target)


def _wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def _check_integrity() -> None:
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []


def _check_confirmed(done: Confirmed, email: str) -> None:
    for resource_id, (title, sha256) in done.resources.items():
        resource = db.session.get(Resource, resource_id)
        assert resource is not None and resource.title == title
        (attached,) = resource.files
        assert attached.stored.sha256 == sha256
        assert hashlib.sha256(storage.path_for(sha256).read_bytes()).hexdigest() == sha256
    registered = set(db.session.scalars(select(Registration.event_id).where(
        Registration.event_id.in_(done.rsvps))))
    assert registered == set(done.rsvps)
    narratives = "\n".join(db.session.scalars(select(Note.narrative)))
    assert all(token in narratives for token in done.notes)
    bodies = "\n".join(db.session.scalars(select(Revision.body)))
    assert all(token in bodies for token in done.revisions)
