"""What `flask seed-bench --scale N` writes, one function per feature."""

import random
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select, text

from ..accounts.models import Role, User
from ..db import db, utcnow
from ..demo import seed_all
from ..events.models import Event, EventKind, Registration
from ..notes import vocab
from ..notes.models import Note, NoteCategory, NoteGroup
from ..resources.models import (
    LANGUAGES,
    Resource,
    ResourceCountry,
    ResourceKind,
    ResourceLanguage,
    ResourceShare,
    Topic,
    resource_topic_links,
)
from ..search import index
from ..statements.models import (
    Revision,
    Signature,
    SignOn,
    Statement,
    StatementText,
)
from ..statements.text import bundle_sha256, text_sha256
from ..trainings.models import Attendance, Enrolment, Programme, TrainingSession
from .base import Loader

# Volumes at scale 1; `seed` multiplies them.
AT_SCALE_ONE = {
    "people": 800, "resources": 100_000, "events": 20_000, "rsvps": 200_000,
    "trainings": 2_000, "attendance": 50_000, "notes": 50_000, "statements": 2_000,
    "revisions": 20_000,
}
COUNTRIES = ["RS", "BA", "ME", "MK", "AL", "XK", "HR"]
SESSIONS_PER_TRAINING = 2
YEARS = 3  # content is spread over the last three years (events: one more ahead)


def counts(scale: float) -> dict[str, int]:
    return {name: max(1, round(number * scale)) for name, number in AT_SCALE_ONE.items()}


def seed(scale: float, seed_value: int = 7) -> dict[str, int]:
    wanted = counts(scale)
    loader = Loader(rng=random.Random(seed_value))  # noqa: S311 - invented data, not secrets
    seed_all()
    db.session.commit()
    loader.say("demo portal")
    people = add_people(loader, wanted["people"])
    add_resources(loader, people, wanted["resources"])
    session_events = SESSIONS_PER_TRAINING * wanted["trainings"]
    add_events(loader, people, max(1, wanted["events"] - session_events), wanted["rsvps"])
    add_trainings(loader, people, wanted["trainings"], wanted["attendance"])
    add_notes(loader, people, wanted["notes"])
    add_statements(loader, people, wanted["statements"], wanted["revisions"])
    loader.fix_sequences()
    db.session.commit()
    _analyze()
    loader.say("done")
    return wanted


def _analyze() -> None:
    """Planner statistics (and PostgreSQL's visibility map, which index-only
    scans need), as autovacuum or SQLite's `PRAGMA optimize` would gather
    them some time after such a load."""
    if db.engine.dialect.name != "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def add_people(loader: Loader, total: int) -> list[tuple[int, int]]:
    """Up to `total` accounts (the demo's count in); they cannot sign in."""
    existing = list(db.session.execute(select(User.id, User.org_id)))
    org_ids = sorted({org_id for _id, org_id in existing})
    first = loader.next_id(User)
    domain = current_app.config["DEMO_EMAIL_DOMAIN"]
    rows = [{"id": user_id, "email": f"bench-person{user_id}@{domain}",
             "name": f"Bench Person {user_id}", "password_hash": "!",
             "role": Role.MEMBER.value, "org_id": org_ids[user_id % len(org_ids)]}
            for user_id in range(first, first + max(0, total - len(existing)))]
    loader.insert(User, rows)
    loader.say(f"{len(rows)} people")
    return existing + [(row["id"], row["org_id"]) for row in rows]


def _moment(loader: Loader, days_back: int, days_ahead: int = 0):
    return utcnow() + timedelta(minutes=loader.rng.randint(-days_back * 1440, days_ahead * 1440))


def add_resources(loader: Loader, people, count: int) -> None:
    rng = loader.rng
    org_ids = sorted({org for _id, org in people})
    topic_ids = list(db.session.scalars(select(Topic.id)))
    kinds = [kind.value for kind in ResourceKind]
    first = loader.next_id(Resource)
    for start in range(first, first + count, 10_000):
        resources, langs, places, topics, shares, docs = [], [], [], [], [], []
        for resource_id in range(start, min(start + 10_000, first + count)):
            author_id, org_id = rng.choice(people)
            visibility = rng.choices(("organisation", "network", "public"), (3, 4, 3))[0]
            title = loader.sentence(rng.randint(4, 9))
            summary = loader.sentence(rng.randint(15, 40))
            created = _moment(loader, YEARS * 365)
            resources.append({
                "id": resource_id, "title": title[:300], "summary": summary,
                "kind": rng.choice(kinds), "year": rng.randint(2005, 2026), "tags": "",
                "external_url": "https://example.org/doc", "download_count": rng.randint(0, 500),
                "org_id": org_id, "author_id": author_id, "visibility": visibility,
                "created_at": created, "updated_at": created})
            langs += [{"resource_id": resource_id, "code": code}
                      for code in rng.sample(list(LANGUAGES), rng.randint(1, 2))]
            places += [{"resource_id": resource_id, "code": code}
                       for code in rng.sample(COUNTRIES, rng.randint(0, 2))]
            chosen = rng.sample(topic_ids, min(len(topic_ids), rng.randint(0, 2)))
            topics += [{"resource_id": resource_id, "topic_id": topic_id} for topic_id in chosen]
            if visibility == "organisation" and rng.random() < 0.1:
                shares.append({"resource_id": resource_id, "org_id": rng.choice(org_ids)})
            docs.append((resource_id, title, summary))
        loader.insert(Resource, resources)
        loader.insert(ResourceLanguage, langs)
        loader.insert(ResourceCountry, places)
        loader.insert(ResourceShare, shares)
        loader.insert(resource_topic_links, topics)
        index.insert_many(db.session, "resource", docs)
        db.session.commit()
    loader.say(f"{count} resources")


def _event_row(loader: Loader, event_id: int, org_id: int, author_id: int | None,
               kind: str, visibility: str, starts) -> dict:
    rng = loader.rng
    return {"id": event_id, "uid": f"bench-{event_id}@rmn-portal",
            "title": loader.sentence(rng.randint(3, 7))[:200],
            "description": loader.sentence(rng.randint(20, 60)), "kind": kind,
            "city": rng.choice(("Beograd", "Sarajevo", "Skopje", "Tirana", "Podgorica")),
            "country": rng.choice(COUNTRIES[:6]), "starts_at": starts,
            "ends_at": starts + timedelta(hours=rng.choice((2, 3, 8))), "languages": "en,sr",
            "capacity": rng.choice((None, 30, 60)), "questions": [], "org_id": org_id,
            "author_id": author_id, "visibility": visibility}


def add_events(loader: Loader, people, count: int, rsvps: int) -> None:
    rng = loader.rng
    kinds = [kind.value for kind in EventKind if kind is not EventKind.TRAINING_SESSION]
    per_event = max(1, min(len(people) - 1, round(rsvps / count)))
    first = loader.next_id(Event)
    events, registrations = [], []
    for event_id in range(first, first + count):
        author_id, org_id = rng.choice(people)
        visibility = rng.choices(("organisation", "network", "public"), (2, 5, 3))[0]
        events.append(_event_row(loader, event_id, org_id, author_id, rng.choice(kinds),
                                 visibility, _moment(loader, (YEARS - 1) * 365, 365)))
        for user_id, _org in rng.sample(people, per_event):
            registrations.append({
                "event_id": event_id, "user_id": user_id, "answers": {},
                "status": rng.choices(("going", "maybe", "not_going"), (6, 2, 1))[0]})
    loader.insert(Event, events)
    loader.insert(Registration, registrations)
    db.session.commit()
    loader.say(f"{count} events, {len(registrations)} RSVPs")


def add_trainings(loader: Loader, people, count: int, attendance: int) -> None:
    rng = loader.rng
    per_programme = max(1, min(len(people), round(attendance / count / SESSIONS_PER_TRAINING)))
    programme_id, event_id = loader.next_id(Programme), loader.next_id(Event)
    session_id, enrolment_id = loader.next_id(TrainingSession), loader.next_id(Enrolment)
    programmes, events, sessions, enrolments, marks = [], [], [], [], []
    for _ in range(count):
        author_id, org_id = rng.choice(people)
        programmes.append({"id": programme_id, "title": loader.sentence(rng.randint(3, 6))[:200],
                           "description": loader.sentence(30), "org_id": org_id,
                           "author_id": author_id, "status": "published",
                           "visibility": rng.choice(("organisation", "network")),
                           "planned_minutes": 180 * SESSIONS_PER_TRAINING})
        first_day = _moment(loader, YEARS * 365)
        session_ids = []
        for number in range(SESSIONS_PER_TRAINING):
            starts = first_day + timedelta(days=7 * number)
            events.append(_event_row(loader, event_id, org_id, author_id, "training_session",
                                     "network", starts))
            sessions.append({"id": session_id, "programme_id": programme_id,
                             "event_id": event_id, "starts_at": starts, "minutes": 180})
            session_ids.append(session_id)
            event_id, session_id = event_id + 1, session_id + 1
        for user_id, _org in rng.sample(people, per_programme):
            enrolments.append({"id": enrolment_id, "programme_id": programme_id,
                               "user_id": user_id, "status": "approved",
                               "gender": rng.choice((None, "woman", "man", "non_binary"))})
            marks += [{"session_id": sid, "enrolment_id": enrolment_id,
                       "status": rng.choices(("present", "late", "excused", "absent"),
                                             (12, 2, 1, 1))[0]}
                      for sid in session_ids]
            enrolment_id += 1
        programme_id += 1
    for model, rows in ((Programme, programmes), (Event, events), (TrainingSession, sessions),
                        (Enrolment, enrolments), (Attendance, marks)):
        loader.insert(model, rows)
    db.session.commit()
    loader.say(f"{count} trainings, {len(marks)} attendance marks")


def add_notes(loader: Loader, people, count: int) -> None:
    rng = loader.rng
    today = date.today()
    first = loader.next_id(Note)
    notes, categories, groups = [], [], []
    for note_id in range(first, first + count):
        author_id, org_id = rng.choice(people)
        months_ago = rng.randrange(YEARS * 12)
        year, month = divmod(today.year * 12 + today.month - 1 - months_ago, 12)
        chosen_groups = sorted({g.value for g in rng.choices(vocab.GROUP_CHOICES,
                                                             k=rng.choice((1, 1, 2)))})
        published = _moment(loader, months_ago * 30 + 1)
        notes.append({
            "id": note_id, "org_id": org_id, "author_id": author_id, "status": "published",
            "visibility": rng.choice(("network", "public", "public")),
            "period": date(year, month + 1, 1), "age_band": rng.choice(vocab.AGE_CHOICES).value,
            "origin_region": rng.choice(vocab.ORIGIN_CHOICES).value,
            "region": rng.choice(vocab.REGION_CHOICES).value,
            "urgency": rng.choice(vocab.URGENCY_CHOICES).value, "responses": [],
            "generalised": [], "finding_counts": {}, "groups_key": ",".join(chosen_groups),
            "redacted_narrative": loader.sentence(rng.randint(30, 80)),
            "submitted_at": published, "approved_at": published, "published_at": published,
            "last_activity_at": published, "created_at": published, "updated_at": published})
        categories += [{"note_id": note_id, "category": c.value}
                       for c in set(rng.choices(vocab.CATEGORY_CHOICES, k=rng.choice((1, 2, 3))))]
        groups += [{"note_id": note_id, "population_group": g} for g in chosen_groups]
    loader.insert(Note, notes)
    loader.insert(NoteCategory, categories)
    loader.insert(NoteGroup, groups)
    db.session.commit()
    loader.say(f"{count} notes")


def add_statements(loader: Loader, people, count: int, revisions: int) -> None:
    """Mostly published statements (one text, several revisions, a closed
    sign-on with signatures), some open for signature, some in drafting."""
    rng = loader.rng
    per_text = max(1, round(revisions / count))
    org_ids = sorted({org for _id, org in people})
    ids = {model: loader.next_id(model)
           for model in (Statement, StatementText, Revision, SignOn, Signature)}
    rows: dict = {model: [] for model in ids}
    for _ in range(count):
        author_id, org_id = rng.choice(people)
        status = rng.choices(("published", "open_for_signature", "drafting"), (8, 1, 1))[0]
        created = _moment(loader, YEARS * 365)
        language = rng.choice(("en", "sr"))
        statement_id, text_id = ids[Statement], ids[StatementText]
        title = loader.sentence(rng.randint(4, 8))[:200]
        bodies = ["\n\n".join(loader.sentence(rng.randint(20, 40)) for _ in range(4))
                  for _ in range(per_text)]
        first_revision = ids[Revision]
        rows[Revision] += [{"id": first_revision + n, "text_id": text_id, "number": n + 1,
                            "title": title, "body": body, "author_id": author_id,
                            "created_at": created + timedelta(hours=n)}
                           for n, body in enumerate(bodies)]
        ids[Revision] += per_text
        rows[StatementText].append({"id": text_id, "statement_id": statement_id,
                                    "language": language, "title": title, "body": bodies[-1],
                                    "revision_number": per_text})
        closes = created + timedelta(days=14)
        visibility = {"published": "public", "open_for_signature": "network",
                      "drafting": "organisation"}[status]
        rows[Statement].append({
            "id": statement_id, "status": status, "language": language, "org_id": org_id,
            "author_id": author_id, "visibility": visibility, "created_at": created,
            "updated_at": created,
            "deadline": closes.date() if status != "drafting" else None,
            "closes_at": closes if status != "drafting" else None,
            "published_at": closes if status == "published" else None})
        if status != "drafting":
            latest = {"revision_id": first_revision + per_text - 1, "number": per_text,
                      "sha256": text_sha256(title, bodies[-1])}
            _sign_on(loader, rows, ids, statement_id, {language: latest}, org_ids, closes,
                     author_id)
        ids[Statement] += 1
        ids[StatementText] += 1
    for model in (Statement, StatementText, Revision, SignOn, Signature):
        loader.insert(model, rows[model])
    db.session.commit()
    loader.say(f"{count} statements, {len(rows[Revision])} revisions")


def _sign_on(loader, rows, ids, statement_id, frozen, org_ids, closes, author_id) -> None:
    bundle = bundle_sha256({language: entry["sha256"] for language, entry in frozen.items()})
    revision_id = next(iter(frozen.values()))["revision_id"]
    sign_on_id = ids[SignOn]
    rows[SignOn].append({
        "id": sign_on_id, "statement_id": statement_id, "number": 1,
        "opened_at": closes - timedelta(days=14), "opened_by_id": author_id,
        "deadline": closes.date(), "closes_at": closes, "text_sha256": bundle,
        "revisions": frozen})
    for org_id in loader.rng.sample(org_ids, min(len(org_ids), loader.rng.randint(2, 10))):
        rows[Signature].append({
            "id": ids[Signature], "sign_on_id": sign_on_id, "statement_id": statement_id,
            "org_id": org_id, "signatory_name": "Bench Signatory", "revision_id": revision_id,
            "text_sha256": bundle, "signed_at": closes - timedelta(days=2)})
        ids[Signature] += 1
    ids[SignOn] += 1
