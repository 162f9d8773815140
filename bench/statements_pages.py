"""Figures for the statements pages with a realistic amount of data.

    python bench/statements_pages.py [--statements 400] [--signers 16]

Builds a throwaway database (SQLite in a temporary folder, or the server in
RMN_BENCH_DATABASE_URL), fills it through the real services, then requests the
public pages in-process and prints the median time and the number of SQL
statements per page. Figures, not a timed test: compare runs on one machine.
"""

import argparse
import os
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event
from sqlalchemy.engine import Engine

from rmn_portal import create_app
from rmn_portal.accounts.models import Role, User
from rmn_portal.db import db, utcnow
from rmn_portal.orgs.models import Organisation
from rmn_portal.statements import comments, services, signing

BODY = "\n\n".join(f"Paragraph {n}: pushbacks at the border must stop, and everyone has the "
                   "right to ask for asylum and to be heard." for n in range(1, 9))


def build(app, statements: int, signers: int) -> list[int]:
    with app.app_context(), app.test_request_context():
        orgs = [Organisation(name=f"Bench Org {n}", short_name=f"B{n}", slug=f"bench-{n}",
                             country="RS") for n in range(signers)]
        db.session.add_all(orgs)
        # "!" is no valid hash: bench accounts can never sign in.
        admins = [User(email=f"admin{n}@bench.example.org", name=f"Admin {n}", org=org,
                       role=Role.ORG_ADMIN, password_hash="!")  # noqa: S106
                  for n, org in enumerate(orgs)]
        db.session.add_all(admins)
        db.session.flush()
        past = utcnow() - timedelta(days=3)
        ids = []
        for n in range(statements):
            lead = admins[n % signers]
            statement = services.create_statement(lead, title=f"Bench statement {n}", body=BODY,
                                                  language="en", tags="bench, border")
            services.add_text(lead, statement, language="sr", title=f"Izjava {n}", body=BODY)
            thread = comments.add_comment(lead, statement, "A remark on the text.")
            comments.add_comment(lead, statement, "Agreed, changed.", parent=thread)
            signing.open_for_signature(lead, statement, (past + timedelta(days=10)).date(),
                                       now=past)
            for admin in admins:
                signing.sign(admin, statement, name=admin.name, now=past)
            signing.publish(lead, statement, now=past + timedelta(hours=1))
            ids.append(statement.id)
            if n % 50 == 49:
                db.session.commit()
        db.session.commit()
        return ids


def measure(client, url: str, runs: int = 20) -> tuple[float, int]:
    queries = []
    count = lambda *_args: queries.append(1)  # noqa: E731
    timings = []
    for run in range(runs):
        event.listen(Engine, "before_cursor_execute", count)
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        event.remove(Engine, "before_cursor_execute", count)
        assert response.status_code == 200, (url, response.status_code)
        per_request = len(queries)
        queries.clear()
        if run == 0:
            first = per_request
    return statistics.median(timings) * 1000, first


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=400)
    parser.add_argument("--signers", type=int, default=16)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rmn-bench-"))
    os.environ["RMN_INSTANCE_PATH"] = str(folder)
    url = os.environ.get("RMN_BENCH_DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-only", "MAIL_URL": "file",
                      "BASE_URL": "http://bench.local"})
    with app.app_context():
        upgrade()
    started = time.perf_counter()
    ids = build(app, args.statements, args.signers)
    print(f"built {len(ids)} published statements with {args.signers} signatures, 2 texts "
          f"and 2 comments each in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    for page in ("/statements", "/statements?page=5", f"/statements/{ids[len(ids) // 2]}",
                 f"/statements/{ids[0]}?lang=sr", "/statements/feed.atom",
                 f"/statements/{ids[1]}/download.docx", f"/statements/{ids[1]}/download.md"):
        median_ms, queries = measure(client, page)
        print(f"{page:40} {median_ms:7.1f} ms median  {queries:3d} SQL statements")


if __name__ == "__main__":
    main()
