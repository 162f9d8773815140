"""How the training dashboards and the donor report hold up with a few years
of network trainings.

    python bench/trainings_dashboard.py [--programmes 200] [--people 800]

Builds a throwaway portal (SQLite in a temporary folder, or the database in
RMN_BENCH_DATABASE_URL, which must be empty), fills it with fictional
programmes (4 sessions each), enrolments and attendance, then requests each
page 10 times through the Flask test client and prints the median time and
the number of SQL statements per request. Figures, not a pass/fail test.
The network dashboard's figure cache is off unless RMN_CACHE_SECONDS says
otherwise.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

import pyotp
from sqlalchemy import event as sa_event
from sqlalchemy import insert, select

from rmn_portal import create_app
from rmn_portal.accounts.models import Role, User
from rmn_portal.accounts.passwords import hash_password
from rmn_portal.db import db
from rmn_portal.events.models import Event
from rmn_portal.orgs.models import Organisation
from rmn_portal.trainings.models import (
    Attendance,
    Competency,
    Enrolment,
    Programme,
    TrainingSession,
    programme_competencies,
)

PASSWORD = "bench-password-not-secret"  # noqa: S105 - throwaway bench accounts
COUNTRIES = ["RS", "BA", "ME", "MK", "AL", "XK"]
STATUSES = ["present"] * 6 + ["late", "excused", "absent"]
GENDERS = [None, "woman", "man", "non_binary", "prefer_not_to_say"]


def build(app, programmes: int, people_count: int) -> str:
    rng = random.Random(5)  # noqa: S311 - repeatable fictional data, not security
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
                  for n in range(people_count)]
        secret = pyotp.random_base32()
        coordinator = User(email="coordinator@example.org", name="Bench Coordinator",
                           org_id=orgs[0].id, role=Role.COORDINATOR, password_hash=hashed,
                           totp_secret=secret, totp_enabled_at=datetime.now(UTC))
        db.session.add_all([*people, coordinator])
        competencies = [Competency(name=f"Competency {n}", description="") for n in range(7)]
        db.session.add_all(competencies)
        db.session.flush()
        now = datetime.now(UTC)
        for n in range(programmes):
            programme = Programme(title=f"Bench training {n}", org_id=None,
                                  status="published", visibility="network",
                                  planned_minutes=720, completion_percent=75)
            db.session.add(programme)
            db.session.flush()
            db.session.execute(insert(programme_competencies), [
                {"programme_id": programme.id, "competency_id": c.id}
                for c in rng.sample(competencies, 2)])
            first = now - timedelta(days=rng.randint(0, 3 * 365))
            session_ids = []
            for s in range(4):
                start = first + timedelta(days=7 * s)
                event = Event(uid=f"bench-{n}-{s}@rmn-portal", title=f"Bench {n}.{s}",
                              kind="training_session", city="Beograd", country="RS",
                              starts_at=start, ends_at=start + timedelta(hours=3),
                              org_id=orgs[0].id, visibility="network")
                db.session.add(event)
                db.session.flush()
                session = TrainingSession(programme_id=programme.id, event_id=event.id,
                                          starts_at=start, minutes=180)
                db.session.add(session)
                db.session.flush()
                session_ids.append(session.id)
            chosen = rng.sample(people, 20)
            enrolments = [Enrolment(programme_id=programme.id, user_id=p.id,
                                    status="approved", gender=rng.choice(GENDERS))
                          for p in chosen]
            db.session.add_all(enrolments)
            db.session.flush()
            db.session.execute(insert(Attendance), [
                {"session_id": sid, "enrolment_id": e.id, "status": rng.choice(STATUSES),
                 "remarks": "", "recorded_at": now}
                for sid in session_ids for e in enrolments])
        db.session.commit()
        return secret


def measure(app, client, path: str, runs: int = 10) -> tuple[float, int]:
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
            response = client.get(path)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
    finally:
        sa_event.remove(engine, "before_cursor_execute", listener)
    return statistics.median(timings) * 1000, len(statements)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programmes", type=int, default=200)
    parser.add_argument("--people", type=int, default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RMN_INSTANCE_PATH"] = tmp
        url = os.environ.get("RMN_BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "TESTING": True,
                          "WTF_CSRF_ENABLED": False,
                          # The computation, not the figure cache (set it to time hits).
                          "CACHE_SECONDS": int(os.environ.get("RMN_CACHE_SECONDS", 0)),
                          "ARGON2_PARAMETERS": {"time_cost": 1, "memory_cost": 1024,
                                                "parallelism": 1}})
        secret = build(app, args.programmes, args.people)
        client = app.test_client()
        client.post("/login", data={"email": "coordinator@example.org", "password": PASSWORD})
        client.post("/login/code", data={"code": pyotp.TOTP(secret).now()})
        year = date.today().year
        with app.app_context():
            marks = db.session.scalar(select(db.func.count()).select_from(Attendance))
        print(f"{args.programmes} programmes, {args.programmes * 4} sessions, "
              f"{marks} attendance marks, {url.split(':')[0]}")
        print(f"{'page':44} {'median ms':>10} {'queries':>8}")
        pages = [(f"/trainings/dashboard?year={year}", "network dashboard, this year"),
                 (f"/trainings/dashboard?year={year - 1}", "network dashboard, last year"),
                 ("/trainings/dashboard/bench-0", "organisation dashboard"),
                 ("/trainings", "training list"),
                 (f"/trainings/report?start={year - 2}-01-01&end={year}-12-31",
                  "donor report, 3 years (page)"),
                 (f"/trainings/report.xlsx?start={year - 2}-01-01&end={year}-12-31",
                  "donor report, 3 years (XLSX)")]
        for path, label in pages:
            median, _ = measure(app, client, path)
            print(f"{label:44} {median:10.1f} {measure(app, client, path, 1)[1]:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
