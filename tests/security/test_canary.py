"""Canaries: unique strings put into organisation A's private things (an
organisation-only resource and its file, an organisation-only event, a note
draft, an internal training with attendance remarks, a statement draft) never
reach organisation B or an anonymous visitor, on any page they can reach.

Every viewer crawls the portal: every GET rule without arguments, every GET
rule with arguments filled in with the ids of A's private objects (guessing
ids is the classic leak), every search and list with the canary as the query,
and every local link found on the pages reached. Also checked: the API with
B's token, B's calendar feed, B's personal-data export, B's organisation
export, and the e-mails in the outbox after the digests are sent. The same
crawl by A's author finds the canaries, so the check cannot pass for nothing.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta
from html import unescape
from types import SimpleNamespace

import pytest
from flask import current_app
from werkzeug.routing import BuildError

from rmn_portal.accounts.models import Role
from rmn_portal.api.tokens import create_token
from rmn_portal.content import Visibility
from rmn_portal.db import db, utcnow
from rmn_portal.events import subscriptions
from rmn_portal.notes import services as notes
from rmn_portal.notify import kinds
from rmn_portal.notify import services as notify
from rmn_portal.notify.digests import send_digests
from rmn_portal.notify.models import Frequency, OutboxMessage
from rmn_portal.resources.models import ResourceKind
from rmn_portal.resources.services import ResourceFields, Upload, create_resource
from rmn_portal.statements import services as statements
from rmn_portal.trainings import attendance, enrolment
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AttendanceStatus

from ..authz.trainings import _training
from ..events.helpers import make_event
from ..factories import login
from ..notes.conftest import note_fields

CANARIES = {
    "resource": "qzcanaryresourcetitle",
    "resource_text": "qzcanaryresourcefiletext",
    "event": "qzcanaryeventtitle",
    "note": "qzcanarynotedraft",
    "training": "qzcanarytrainingtitle",
    "training_record": "qzcanaryattendanceremark",
    "statement": "qzcanarystatementdraft",
}
# What the searches ask for: a word next to each canary (a page echoes the
# query it was given, so the canaries themselves are never sent).
QUERIES = {"resource": "qzsearchresource", "resource_text": "qzsearchfile",
           "event": "qzsearchevent"}
MAX_PAGES = 450
MAX_PER_PATH = 4  # month after month of the calendar is not more to find
NEVER_FOLLOW = ("/static/", "/logout", "/language")
ZIP_MEMBER_LIMIT = 5 * 1024 * 1024


def plant_canaries(make) -> SimpleNamespace:
    org_a, org_b = make.org(name="Alpha Canary Org"), make.org(name="Beta Observer Org")
    author = make.user(org_a, name="Ana Alpha")
    coordinator = make.user(org_a, Role.COORDINATOR)
    file_text = f"Findings {QUERIES['resource_text']} {CANARIES['resource_text']}\n"
    resource = create_resource(author, ResourceFields(
        title=f"Report {QUERIES['resource']} {CANARIES['resource']}", kind=ResourceKind.REPORT,
        languages=["en"], visibility=Visibility.ORGANISATION,
        summary=f"About {CANARIES['resource']}"),
        [Upload("report.txt", io.BytesIO(file_text.encode()))])
    event = make_event(author, title=f"Retreat {QUERIES['event']} {CANARIES['event']}",
                       description=f"Agenda {CANARIES['event']}",
                       visibility=Visibility.ORGANISATION, starts_at=utcnow() + timedelta(days=3))
    note = notes.create_draft(author, note_fields(
        narrative=f"Turned away from housing twice. {CANARIES['note']}"))
    statement = statements.create_statement(
        author, title=f"Draft {CANARIES['statement']}",
        body=f"Pushbacks must stop. {CANARIES['statement']}", language="en")
    training = _training(coordinator, org_a, f"Induction {CANARIES['training']}", -2)
    item = enrolment.nominate(coordinator, training, author)
    attendance.record(coordinator, training.sessions[0], {item.id: Mark(
        AttendanceStatus.PRESENT, remarks=f"Left early {CANARIES['training_record']}")})
    db.session.flush()
    return SimpleNamespace(
        org_a=org_a, org_b=org_b, author=author, resource=resource, event=event, note=note,
        statement=statement, training=training, enrolment=item,
        member_b=make.user(org_b, name="Bo Beta"),
        admin_b=make.user(org_b, Role.ORG_ADMIN, name="Bea Beta"))


def direct_urls(world) -> list[str]:
    """Every GET rule with arguments, filled in with A's private objects."""
    session = world.training.sessions[0]
    resource_file = world.resource.files[0]
    values = {"resource_id": world.resource.id, "file_id": resource_file.id, "number": 1,
              "event_id": world.event.id, "note_id": world.note.id,
              "statement_id": world.statement.id, "programme_id": world.training.id,
              "session_id": session.id, "enrolment_id": world.enrolment.id,
              "user_id": world.author.id, "slug": world.org_a.slug, "phase": "before",
              "extension": "csv"}
    urls = []
    adapter = current_app.url_map.bind("localhost")
    for rule in current_app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.arguments or rule.endpoint == "static":
            continue
        if not rule.arguments <= values.keys():
            continue  # tokens and certificate ids: not guessable
        try:
            urls.append(adapter.build(rule.endpoint, {
                name: values[name] for name in rule.arguments}))
        except BuildError:
            continue
    return urls


def seed_urls(world) -> list[str]:
    plain = [rule.rule for rule in current_app.url_map.iter_rules()
             if "GET" in rule.methods and not rule.arguments
             and not rule.rule.startswith(NEVER_FOLLOW)]
    searches = [f"{path}?q={word}" for path in plain for word in QUERIES.values()]
    return plain + searches + direct_urls(world)


def texts_of(body: bytes) -> list[str]:
    """The body as text, and the text of every member of a ZIP (exports,
    DOCX, XLSX)."""
    texts = [body.decode("utf-8", "replace")]
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for member in archive.infolist():
                if member.file_size <= ZIP_MEMBER_LIMIT:
                    texts.extend(texts_of(archive.read(member)))
    return texts


LINK = re.compile(r'href="(/[^"#]*)"')


@dataclass
class Crawl:
    client: object
    headers: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)  # url -> what it showed
    per_path: dict = field(default_factory=dict)

    def run(self, seeds: list[str]) -> None:
        queue = list(seeds)
        while queue and len(self.seen) < MAX_PAGES:
            url = queue.pop(0)
            path = url.partition("?")[0]
            if url in self.seen or self.per_path.get(path, 0) >= MAX_PER_PATH:
                continue
            self.per_path[path] = self.per_path.get(path, 0) + 1
            response = self.client.get(url, headers=self.headers)
            shown = "\n".join([str(response.headers), *texts_of(response.get_data())])
            response.close()  # downloads are streamed from an open file
            self.seen[url] = shown
            if response.mimetype == "text/html":
                queue.extend(unescape(link) for link in LINK.findall(shown)
                             if not link.startswith(NEVER_FOLLOW))

    def leaks(self) -> dict[str, list[str]]:
        found = {}
        for url, shown in self.seen.items():
            lowered = shown.lower()
            hits = [name for name, canary in CANARIES.items() if canary in lowered]
            if hits:
                found[url] = hits
        return found


def crawl_as(client, world, person=None, headers=None) -> Crawl:
    if person is not None:
        login(client, person)
    crawl = Crawl(client, headers or {})
    crawl.run(seed_urls(world))
    return crawl


def test_the_author_finds_every_canary(client, make):
    world = plant_canaries(make)
    crawl = crawl_as(client, world, world.author)
    found = {name for hits in crawl.leaks().values() for name in hits}
    assert found == set(CANARIES)


@pytest.mark.parametrize("viewer", ["anonymous", "member_b", "admin_b"])
def test_no_canary_reaches_another_organisation_or_the_public(client, make, viewer):
    world = plant_canaries(make)
    person = None if viewer == "anonymous" else getattr(world, viewer)
    crawl = crawl_as(client, world, person)
    assert len(crawl.seen) > 100
    assert crawl.leaks() == {}
    if person is not None:
        extra = [f"/events/feeds/{subscriptions.issue_token(person, include_network=True)}.ics",
                 "/account/data/export.zip", f"/organisations/{world.org_b.slug}/export.zip"]
        crawl.run(extra)
        assert all(url in crawl.seen for url in extra)
        assert crawl.leaks() == {}


def test_the_api_with_another_organisations_token_shows_no_canary(client, make):
    world = plant_canaries(make)
    _token, secret = create_token(world.member_b, "reader", 30)
    api = [rule.rule for rule in current_app.url_map.iter_rules()
           if rule.rule.startswith("/api/") and "GET" in rule.methods and not rule.arguments]
    direct = [url for url in direct_urls(world) if url.startswith("/api/")]
    searches = [f"{path}?q={word}" for path in api for word in QUERIES.values()]
    for headers in ({"Authorization": f"Bearer {secret}"}, {}):
        crawl = Crawl(client, headers)
        crawl.run(api + direct + searches)
        assert len(crawl.seen) >= len(api) + len(direct)
        assert crawl.leaks() == {}


def test_digest_emails_carry_no_canary_to_anyone_outside_a(app, make):
    world = plant_canaries(make)
    everyone_b = [world.member_b, world.admin_b]
    for person in [world.author, *everyone_b]:
        notify.set_preferences(person, dict.fromkeys(
            [kind.name for kind in kinds.kinds()], Frequency.DAILY))
    with app.test_request_context():
        send_digests(now=utcnow() + timedelta(days=2))
    outside = db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.to_address != world.author.email)).all()
    for message in outside:
        text = f"{message.subject}\n{message.body_text}\n{message.body_html or ''}".lower()
        assert not [c for c in CANARIES.values() if c in text], message.to_address
