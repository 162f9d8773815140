"""Load test (opt-in: RMN_LOAD_TESTS=1): 100 concurrent clients, signed in and
anonymous, browse the main pages of a portal with the demo data for 60 seconds
against gunicorn; no request may fail with a 5xx or a broken connection.

RMN_LOAD_CLIENTS and RMN_LOAD_SECONDS change the size of the run. With
RMN_TEST_DATABASE_URL it runs on PostgreSQL; with RMN_TEST_REDIS_URL reachable
the portal uses Redis for its limits, as in production.
"""

import os
import time
from collections import Counter

import pytest

from .servers import (
    TEST_REDIS_URL,
    Browsing,
    PortalServer,
    Visitor,
    demo_portal,
    portal_environment,
    redis_answers,
)

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


def _rotated(pages: list[str], start: int) -> list[str]:
    start %= len(pages)
    return pages[start:] + pages[:start]


def test_hundred_clients_for_a_minute_without_a_server_error(tmp_path, databases):
    url = databases.new_url()
    members, password = demo_portal(tmp_path / "instance", url)
    settings = {"API_RATE_LIMIT_ANONYMOUS": "100000 per minute"}
    if redis_answers():
        settings.update(REDIS_URL=TEST_REDIS_URL, RATELIMIT_KEY_PREFIX=f"load{os.getpid()}")
    server = PortalServer(portal_environment(tmp_path / "instance", url, **settings),
                          workers=2, threads=16, log=tmp_path / "server.log")
    server.start()
    try:
        tours = []
        for n in range(CLIENTS):
            visitor = Visitor(server.url)
            pages = ANONYMOUS_PAGES
            if n % 2 == 0:  # half of them signed in
                visitor.sign_in(members[n % len(members)], password)
                pages = PAGES
            tours.append((visitor, _rotated(pages, n)))
        with Browsing(tours, timeout=60) as browsing:
            time.sleep(SECONDS)
    finally:
        server.stop()
    latencies = sorted(seconds for *_, seconds in browsing.answers)
    statuses = Counter(status for _t, _p, status, _s in browsing.answers)
    total = len(latencies)
    print(f"\n{CLIENTS} clients, {SECONDS:.0f} s: {total} requests ({total / SECONDS:.0f}/s), "
          f"p50 {latencies[total // 2] * 1000:.0f} ms, "
          f"p99 {latencies[int(total * 0.99)] * 1000:.0f} ms, statuses {dict(statuses)}")
    assert total > CLIENTS
    assert browsing.failures() == [], browsing.failures()[:20]
