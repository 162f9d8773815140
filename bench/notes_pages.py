"""Timing of the notes pages on a large data set (figures, not a test).

    .venv/bin/python bench/notes_pages.py [--notes 20000] [--database-url URL]

Creates a throwaway portal (SQLite in a temporary folder unless a database URL
is given; the database must be empty), adds published notes directly in their
final state, then times the list page, a filtered list, the dashboard, its
CSV, the feed and the rare-combination check, with the number of SQL
statements each needs.
"""

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date

from sqlalchemy import event


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    instance = tempfile.mkdtemp(prefix="rmn-notes-bench-")
    os.environ["RMN_INSTANCE_PATH"] = instance
    from flask_migrate import upgrade

    from rmn_portal import create_app
    from rmn_portal.db import db

    app = create_app({"DATABASE_URL": args.database_url or None, "TESTING": True,
                      "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        note_id = _seed(args.notes)
        print(f"seeded {args.notes} published notes in {time.perf_counter() - started:.1f} s "
              f"({db.engine.dialect.name})")
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(1))
        client = app.test_client()
        year = date.today().year - 1
        for label, path in [
            ("list, first page", "/notes"),
            ("list, page 50", "/notes?page=50"),
            ("list, filtered", "/notes?category=health&group=trans&region=belgrade"),
            ("note page", f"/notes/{note_id}"),
            ("dashboard", f"/notes/dashboard?year={year}"),
            ("dashboard CSV", f"/notes/dashboard.csv?year={year}"),
            ("Atom feed", "/notes/feed.atom"),
        ]:
            _time(client, label, path, args.repeat, statements)
        _time_combinations(note_id, args.repeat, statements)


def _seed(count: int) -> int:
    from rmn_portal.accounts.models import Role, User
    from rmn_portal.content import Visibility
    from rmn_portal.db import db, utcnow
    from rmn_portal.notes.models import Note, NoteCategory, NoteGroup, NoteStatus
    from rmn_portal.notes.vocab import (
        AGE_CHOICES,
        CATEGORY_CHOICES,
        GROUP_CHOICES,
        ORIGIN_CHOICES,
        REGION_CHOICES,
    )
    from rmn_portal.orgs.models import Organisation

    rng = random.Random(6)  # noqa: S311 -- benchmark data
    org = Organisation(name="Bench", short_name="Bench", slug="bench", country="RS")
    author = User(email="bench@example.org", name="Bench", org=org, role=Role.MEMBER,
                  password_hash="!")  # noqa: S106 -- no password: cannot sign in
    db.session.add_all([org, author])
    db.session.flush()
    today = date.today()
    for index in range(count):
        months_ago = rng.randrange(36)
        year, month = divmod(today.year * 12 + today.month - 1 - months_ago, 12)
        categories = sorted(set(rng.choices(CATEGORY_CHOICES, k=rng.choice((1, 2)))))
        groups = sorted(set(rng.choices(GROUP_CHOICES, k=1)))
        db.session.add(Note(
            org_id=org.id, author_id=author.id, status=NoteStatus.PUBLISHED,
            visibility=Visibility.PUBLIC if index % 4 else Visibility.NETWORK,
            period=date(year, month + 1, 1), age_band=rng.choice(AGE_CHOICES),
            origin_region=rng.choice(ORIGIN_CHOICES), region=rng.choice(REGION_CHOICES),
            urgency="routine", responses=[], generalised=[], finding_counts={},
            groups_key=",".join(groups), published_at=utcnow(),
            redacted_narrative="A need described in a few sentences. " * 5,
            categories=[NoteCategory(category=c) for c in categories],
            groups=[NoteGroup(population_group=g) for g in groups]))
        if index % 2000 == 1999:
            db.session.flush()
    db.session.commit()
    return db.session.scalar(db.select(Note.id).order_by(Note.id.desc()).limit(1))


def _time(client, label, path, repeat, statements) -> None:
    timings = []
    for _ in range(repeat):
        statements.clear()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    print(f"{label:<22} median {statistics.median(timings):7.1f} ms   "
          f"p90 {sorted(timings)[int(len(timings) * 0.9) - 1]:7.1f} ms   "
          f"{len(statements)} SQL statements")


def _time_combinations(note_id, repeat, statements) -> None:
    from rmn_portal.db import db
    from rmn_portal.notes import combinations
    from rmn_portal.notes.models import Note

    note = db.session.get(Note, note_id)
    timings = []
    for _ in range(repeat):
        statements.clear()
        started = time.perf_counter()
        combinations.check(note)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"{'rare-combination check':<22} median {statistics.median(timings):7.1f} ms   "
          f"{len(statements)} SQL statements")


if __name__ == "__main__":
    main()
