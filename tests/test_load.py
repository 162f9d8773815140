"""Load test (opt-in: RMN_LOAD_TESTS=1): 100 concurrent clients, signed in and
anonymous, browse the main pages of a portal with the demo data for 60 seconds
against gunicorn; no request may fail with a 5xx or a broken connection.

RMN_LOAD_CLIENTS and RMN_LOAD_SECONDS change the size of the run. With
RMN_TEST_DATABASE_URL it runs on PostgreSQL; with RMN_TEST_REDIS_URL reachable
the portal uses Redis for its limits, as in production.
"""

import itertools
import os
import threading
import time
from collections import Counter
from http.client import HTTPException

import pytest

from rmn_portal.db import db
from rmn_portal.demo import demo_email

from .conftest import make_app, migrate
from .servers import TEST_REDIS_URL, PortalServer, Visitor, portal_environment, redis_answers

CLIENTS = int(os.environ.get("RMN_LOAD_CLIENTS", "100"))
SECONDS = float(os.environ.get("RMN_LOAD_SECONDS", "60"))
PAGES = ["/", "/resources", "/events", "/statements", "/notes", "/organisations",
         "/search?q=asylum", "/trainings", "/api/v1/", "/dashboard"]
ANONYMOUS_PAGES = ["/", "/resources", "/statements", "/organisations", "/api/v1/", "/login"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("RMN_LOAD_TESTS") != "1",
                       reason="load test: set RMN_LOAD_TESTS=1 to run it"),
]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.failures: list[str] = []
        self.latencies: list[float] = []

    def add(self, path: str, status: int | None, seconds: float, error: str = "") -> None:
        with self.lock:
            self.latencies.append(seconds)
            if status is None or status >= 500:
                self.failures.append(f"{path}: {status or error}")
            if status is not None:
                self.statuses[status] += 1


def _client(visitor: Visitor, pages: list[str], start: int, stop_at: float, tally: Tally):
    for path in itertools.islice(itertools.cycle(pages), start, None):
        if time.monotonic() >= stop_at:
            return
        started = time.monotonic()
        try:
            status = visitor.get(path, timeout=60).status
            tally.add(path, status, time.monotonic() - started)
        except (OSError, HTTPException) as error:  # dropped or cut short: a failure
            tally.add(path, None, time.monotonic() - started, type(error).__name__)


def test_hundred_clients_for_a_minute_without_a_server_error(tmp_path, databases):
    url = databases.new_url()
    setup = make_app(tmp_path / "instance", url)
    migrate(setup)
    assert setup.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    with setup.app_context():
        members = [demo_email(f"member{n}-{slug}") for n in (1, 2)
                   for slug in ("iris-collective", "safe-harbour")]
        password = setup.config["DEMO_PASSWORD"]
        db.engine.dispose()
    settings = {"API_RATE_LIMIT_ANONYMOUS": "100000 per minute"}
    if redis_answers():
        settings.update(REDIS_URL=TEST_REDIS_URL, RATELIMIT_KEY_PREFIX=f"load{os.getpid()}")
    server = PortalServer(portal_environment(tmp_path / "instance", url, **settings),
                          workers=2, threads=16, log=tmp_path / "server.log")
    server.start()
    try:
        visitors = []
        for n in range(CLIENTS):
            visitor = Visitor(server.url)
            if n % 2 == 0:  # half of them signed in
                visitor.sign_in(members[n % len(members)], password)
            visitors.append(visitor)
        tally = Tally()
        stop_at = time.monotonic() + SECONDS
        threads = [threading.Thread(target=_client, args=(
            visitor, PAGES if n % 2 == 0 else ANONYMOUS_PAGES, n, stop_at, tally))
            for n, visitor in enumerate(visitors)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    latencies = sorted(tally.latencies)
    total = len(latencies)
    print(f"\n{CLIENTS} clients, {SECONDS:.0f} s: {total} requests ({total / SECONDS:.0f}/s), "
          f"p50 {latencies[total // 2] * 1000:.0f} ms, "
          f"p99 {latencies[int(total * 0.99)] * 1000:.0f} ms, statuses {dict(tally.statuses)}")
    assert total > CLIENTS
    assert tally.failures == [], tally.failures[:20]
