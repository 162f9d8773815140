"""Concurrent readers and writers on one portal (gunicorn, 2 workers × 8 threads):
page views that record when a session was last seen, and members changing a
setting, all at once. No request may fail with a 5xx.

On SQLite this guards against SQLITE_BUSY: a transaction that has read cannot
start writing once another connection has committed, and fails at once ("database
is locked") however long the busy timeout; page views turned into 503s whenever
sessions were due for their last-seen update.
"""

import threading
import time
from datetime import timedelta
from http.client import HTTPException

from sqlalchemy import create_engine, update
from sqlalchemy.exc import OperationalError

from rmn_portal.accounts.models import UserSession
from rmn_portal.db import utcnow

from .servers import PortalServer, Visitor, demo_portal, portal_environment

SECONDS = 8
PAGES = ["/resources", "/events", "/dashboard", "/statements"]


def _browse_and_write(visitor: Visitor, stop_at: float, failures: list, count: list) -> None:
    token = visitor.csrf_token("/dashboard")
    turn = 0
    while time.monotonic() < stop_at:
        turn += 1
        path = PAGES[turn % len(PAGES)]
        try:
            status = visitor.get(path).status
            if turn % 3 == 0:  # a write that reads first: the account, then its language
                language = "sr" if turn % 2 else "en"
                status = visitor.request(
                    "POST", "/language", f"language={language}&next=/&csrf_token={token}".encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"}).status
                path = "POST /language"
        except (OSError, HTTPException) as error:  # timed out, dropped, cut short: failures too
            status = type(error).__name__
        count.append(1)
        if not isinstance(status, int) or status >= 500:
            failures.append(f"{path}: {status}")


def _age_sessions(database_url: str, stop_at: float) -> None:
    """Make every session due for its last-seen update, again and again."""
    engine = create_engine(database_url)
    try:
        while time.monotonic() < stop_at:
            try:
                with engine.begin() as connection:
                    connection.execute(update(UserSession).values(
                        last_seen_at=utcnow() - timedelta(minutes=2)))
            except OperationalError:  # the portal held the write lock too long: next round
                pass
            time.sleep(0.05)
    finally:
        engine.dispose()


def test_concurrent_page_views_and_writes_never_fail(tmp_path, databases):
    url = databases.new_url()
    members, password = demo_portal(tmp_path / "instance", url)
    server = PortalServer(portal_environment(tmp_path / "instance", url),
                          workers=2, threads=8, log=tmp_path / "server.log").start()
    try:
        visitors = []
        for n in range(8):
            visitor = Visitor(server.url)
            visitor.sign_in(members[n % len(members)], password)
            visitors.append(visitor)
        stop_at = time.monotonic() + SECONDS
        failures, count = [], []
        threads = [threading.Thread(target=_browse_and_write,
                                    args=(visitor, stop_at, failures, count))
                   for visitor in visitors]
        threads.append(threading.Thread(target=_age_sessions, args=(url, stop_at)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.stop()
    assert len(count) > 50
    assert failures == [], f"{len(failures)} of {len(count)} failed: {failures[:10]}"
