"""Latency and queries per page of the resource list and search at scale.

    RMN_INSTANCE_PATH=/tmp/rmn-bench python bench/resources_measure.py --requests 60

on a portal filled with `flask --app rmn_portal seed-bench --scale 1` (same
RMN_INSTANCE_PATH).

Runs the real app in-process (Flask test client, real database, real
templates) so the figures show the cost of our code and SQL, without network
or server noise. For each page: median and 99th-percentile latency and the
number of SQL statements one request runs. Results are printed and written to
bench/results/resources.txt.
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, func, select

from rmn_portal import create_app
from rmn_portal.db import db
from rmn_portal.resources.models import Resource, Topic

MEMBER = "member1-iris-collective@rmn.example.org"
PAGES = [
    ("list, anonymous", None, "/resources"),
    ("list, member", MEMBER, "/resources"),
    ("list, member, page 200", MEMBER, "/resources?page=200"),
    ("list, member, sorted by downloads", MEMBER, "/resources?sort=downloads"),
    ("list, member, filtered", MEMBER, "/resources?language=sr&kind=report&sort=title"),
    ("search 'azil', anonymous", None, "/resources?q=azil"),
    ("search 'azil', member", MEMBER, "/resources?q=azil"),
    ("search 'izvestaj azil' (Latin for Cyrillic)", MEMBER, "/resources?q=izvestaj+azil"),
    ("search 'djordjevic granica', member", MEMBER, "/resources?q=djordjevic+granica"),
    ("search 'azil' + filter, member", MEMBER, "/resources?q=azil&language=en"),
    ("global /search 'azil', member", MEMBER, "/search?q=azil"),
]


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._on_execute)

    def _on_execute(self, *_args):
        self.count += 1


def sign_in(client, email: str, password: str) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": token})
    assert response.status_code == 302, "sign-in failed"


def measure(app, requests: int) -> list[tuple[str, float, float, int]]:
    rows = []
    with app.app_context():
        counter = QueryCounter(db.engine)
        total = db.session.scalar(select(func.count(Resource.id)))
        topics = db.session.scalar(select(func.count(Topic.id)))
    print(f"{total} resources, {topics} topics")
    clients = {None: app.test_client()}
    member = app.test_client()
    sign_in(member, MEMBER, app.config["DEMO_PASSWORD"])
    clients[MEMBER] = member
    for label, who, url in PAGES:
        client = clients[who]
        client.get(url)  # warm caches once
        timings, queries = [], []
        for _ in range(requests):
            before = counter.count
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            queries.append(counter.count - before)
            assert response.status_code == 200, (url, response.status_code)
        p99 = statistics.quantiles(timings, n=100)[98] if len(timings) > 1 else timings[0]
        rows.append((label, statistics.median(timings), p99, max(queries)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    app = create_app({"REQUIRE_TWO_FACTOR": True})
    rows = measure(app, args.requests)
    with app.app_context():
        dialect = db.engine.dialect.name
    lines = [f"database: {dialect}; {args.requests} requests per page",
             f"{'page':48} {'median ms':>10} {'p99 ms':>9} {'queries':>8}"]
    lines += [f"{label:48} {median:10.1f} {p99:9.1f} {queries:8d}"
              for label, median, p99, queries in rows]
    report = "\n".join(lines)
    print(report)
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"resources-{dialect}.txt").write_text(report + "\n")


if __name__ == "__main__":
    main()
