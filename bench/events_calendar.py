"""How the event pages hold up with a few years of network events.

    python bench/events_calendar.py [--events 5000] [--registrations 40000]

Builds a throwaway portal (SQLite in a temporary folder, or the database in
RMN_BENCH_DATABASE_URL, which must be empty), fills it with fictional events
and RSVPs, then requests each page 20 times through the Flask test client and
prints the median time and the number of SQL statements per request. Figures,
not a pass/fail test: compare runs on the same machine.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import event as sa_event
from sqlalchemy import insert

from rmn_portal import create_app
from rmn_portal.accounts.models import Role, User
from rmn_portal.accounts.passwords import hash_password
from rmn_portal.db import db
from rmn_portal.events import subscriptions
from rmn_portal.events.models import Event, Registration
from rmn_portal.orgs.models import Organisation

PASSWORD = "bench-password-not-secret"  # noqa: S105 - throwaway bench accounts
KINDS = ["meeting", "workshop", "training_session", "conference", "webinar",
         "advocacy_action", "other"]
COUNTRIES = ["RS", "BA", "ME", "MK", "AL", "XK"]


def build(app, events: int, registrations: int) -> tuple[int, str]:
    rng = random.Random(4)  # noqa: S311 - repeatable fictional data, not security
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        orgs = [Organisation(name=f"Bench Org {n}", short_name=f"B{n}", slug=f"bench-{n}",
                             country=COUNTRIES[n % 6]) for n in range(16)]
        db.session.add_all(orgs)
        db.session.flush()
        hashed = hash_password(PASSWORD)
        people = [User(email=f"bench{n}@example.org", name=f"Bench Person {n}",
                       org_id=orgs[n % 16].id, role=Role.MEMBER, password_hash=hashed)
                  for n in range(400)]
        db.session.add_all(people)
        db.session.flush()
        now = datetime.now(UTC)
        rows = []
        for n in range(events):
            start = now + timedelta(hours=rng.randint(-24 * 700, 24 * 365))
            rows.append({"uid": f"bench-{n}@rmn-portal", "title": f"Bench event {n}",
                         "description": "", "kind": rng.choice(KINDS), "format": "in_person",
                         "venue": "", "city": "Beograd", "country": rng.choice(COUNTRIES),
                         "online_url": "", "starts_at": start,
                         "ends_at": start + timedelta(hours=3), "timezone": "Europe/Belgrade",
                         "languages": "en", "capacity": rng.choice([None, 20, 40]),
                         "requires_approval": False, "questions": [], "status": "scheduled",
                         "cancellation_reason": "", "sequence": 0, "version": 1,
                         "outcome_notes": "", "org_id": orgs[n % 16].id, "author_id": None,
                         "visibility": rng.choice(["organisation", "network", "public"]),
                         "created_at": now, "updated_at": now})
        db.session.execute(insert(Event), rows)
        event_ids = [row[0] for row in db.session.execute(db.select(Event.id))]
        pairs = {(rng.choice(event_ids), rng.choice(people).id) for _ in range(registrations)}
        db.session.execute(insert(Registration), [
            {"event_id": e, "user_id": u, "status": rng.choice(["going", "maybe", "not_going"]),
             "answers": {}, "accessibility_needs": "", "dietary_requirements": "",
             "share_with_participants": False, "created_at": now, "updated_at": now}
            for e, u in pairs])
        reader = people[0]
        token = subscriptions.issue_token(reader, include_network=True)
        db.session.commit()
        public_id = db.session.scalar(db.select(Event.id).where(Event.visibility == "public")
                                      .order_by(Event.id.desc()))
        return public_id, token


def measure(app, client, path: str, runs: int = 20, headers=None) -> tuple[float, int]:
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa_event.listen(engine, "before_cursor_execute", listener)
    timings = []
    try:
        for _ in range(runs):
            statements.clear()
            started = time.perf_counter()
            response = client.get(path, headers=headers or {})
            timings.append(time.perf_counter() - started)
            assert response.status_code in (200, 304), (path, response.status_code)
    finally:
        sa_event.remove(engine, "before_cursor_execute", listener)
    return statistics.median(timings) * 1000, len(statements)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--registrations", type=int, default=40000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RMN_INSTANCE_PATH"] = tmp
        url = os.environ.get("RMN_BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True,
                          "ARGON2_PARAMETERS": {"time_cost": 1, "memory_cost": 1024,
                                                "parallelism": 1}})
        event_id, token = build(app, args.events, args.registrations)
        client = app.test_client()
        anonymous = [("/events", "agenda, anonymous"), ("/events/public.ics", "public feed"),
                     (f"/events/feeds/{token}.ics", "personal feed (network)")]
        print(f"{args.events} events, ~{args.registrations} RSVPs, {url.split(':')[0]}")
        print(f"{'page':40} {'median ms':>10} {'queries':>8}")
        for path, label in anonymous:
            print(f"{label:40} {measure(app, client, path)[0]:10.1f} "
                  f"{measure(app, client, path, 1)[1]:8d}")
            if path.endswith(".ics"):  # a calendar program polling an unchanged feed
                unchanged = {"If-None-Match": client.get(path).headers["ETag"]}
                print(f"{label + ', unchanged (304)':40} "
                      f"{measure(app, client, path, headers=unchanged)[0]:10.1f} "
                      f"{measure(app, client, path, 1, headers=unchanged)[1]:8d}")
        client.post("/login", data={"email": "bench0@example.org", "password": PASSWORD})
        signed_in = [("/events", "agenda, member"), ("/events?when=past&page=3", "past, page 3"),
                     ("/events?kind=workshop&country=RS", "agenda, filtered"),
                     ("/events/month", "month grid"), (f"/events/{event_id}", "event page")]
        for path, label in signed_in:
            print(f"{label:40} {measure(app, client, path)[0]:10.1f} "
                  f"{measure(app, client, path, 1)[1]:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
