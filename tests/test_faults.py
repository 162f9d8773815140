"""When Redis or PostgreSQL goes away under a running portal, requests fail
fast with a friendly, translated 503 page (or carry on where the service is not
needed), and the portal recovers by itself when the service is back — while
other clients keep browsing: no answer other than 200 or that 503, none slow,
and every client served normally again once the service is back.

Each test starts its own throwaway redis-server or PostgreSQL cluster on a free
port and kills it: the shared services are never touched. The Redis test runs
in the SQLite run, the PostgreSQL test in the PostgreSQL run.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from .conftest import TEST_DATABASE_URL
from .factories import PASSWORD
from .servers import (
    Browsing,
    PortalServer,
    Visitor,
    answers,
    free_port,
    new_portal,
    portal_environment,
)

pytestmark = pytest.mark.slow
PG_BIN = Path(os.environ.get("RMN_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
FAST = 3.0  # seconds: "fail fast", with room for a loaded CI machine
# The browsing clients read the API from one address, far above its anonymous limit.
BROWSING_FREELY = {"API_RATE_LIMIT_ANONYMOUS": "100000 per minute"}
DASHBOARDS = ("/notes/dashboard", "/trainings/dashboard")  # cached in Redis (rmn_portal/cache.py)


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def _wait_for(port: int, up: bool = True, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while answers("127.0.0.1", port) != up:
        assert time.monotonic() < deadline, f"port {port} did not {'open' if up else 'close'}"
        time.sleep(0.1)


# Signed-in clients go round these pages while a service is away (each
# client starting at another page): the API and the cached dashboards too.
PATHS = ("/dashboard", "/resources", "/events", "/", "/api/v1/", "/notes/dashboard",
         "/trainings/dashboard")


def _browsing(server_url: str, email: str, clients: int = 3) -> Browsing:
    tours = []
    for offset in range(clients):
        visitor = Visitor(server_url)
        visitor.sign_in(email, PASSWORD)
        tours.append((visitor, PATHS[offset:] + PATHS[:offset]))
    return Browsing(tours)


def _assert_only(answers: list, allowed: set) -> None:
    strange = [(path, status) for _t, path, status, _s in answers if status not in allowed]
    assert strange == [], strange[:10]


def _assert_fast(answers: list) -> None:
    """While the service is away, nothing waits for it."""
    slow = [(path, round(seconds, 1)) for _t, path, _status, seconds in answers if seconds >= FAST]
    assert slow == [], slow[:10]


def _member(tmp_path, url) -> str:
    with new_portal(tmp_path / "setup", url) as (_app, make):
        return make.user(name="Fern Fault").email


# --- Redis -----------------------------------------------------------------------------------

class Redis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL)
        _wait_for(self.port)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        _wait_for(self.port, up=False)


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="runs in the SQLite run")
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_redis_going_away_and_coming_back(tmp_path, databases):
    url = databases.new_url()
    email = _member(tmp_path, url)
    redis = Redis()
    redis.start()
    server = PortalServer(portal_environment(tmp_path / "portal", url, **BROWSING_FREELY,
                                             REDIS_URL=f"redis://127.0.0.1:{redis.port}/0"),
                          log=tmp_path / "server.log")
    try:
        server.start()
        member = Visitor(server.url)
        member.sign_in(email, PASSWORD)
        for path in DASHBOARDS:  # their figures go into Redis
            assert member.get(path).status == 200
        with _browsing(server.url, email) as load:
            time.sleep(1)
            down = time.monotonic()
            redis.kill()

            # Signed-in work does not need Redis; request limits count in memory meanwhile,
            # and the network dashboards compute their figures without the cache.
            for path in ("/dashboard", *DASHBOARDS):
                page, seconds = _timed(lambda path=path: member.get(path))
                assert page.status == 200 and seconds < FAST
            page, seconds = _timed(lambda: Visitor(server.url).get("/api/v1/"))
            assert page.status == 200 and seconds < FAST
            # Sign-in needs the shared failure counts: it refuses, quickly and politely.
            stranger = Visitor(server.url, headers={"Accept-Language": "sr"})
            page, seconds = _timed(lambda: stranger.post("/login", {"email": email,
                                                                    "password": PASSWORD}))
            assert page.status == 503 and seconds < FAST
            assert "Privremeno nedostupno" in page.text and page.headers["Retry-After"]
            time.sleep(2)

            up = time.monotonic()
            redis.start()
            assert Visitor(server.url).sign_in(email, PASSWORD).status == 302
            assert member.get("/dashboard").status == 200
            time.sleep(1)
        # The browsing clients never noticed: pages need no Redis.
        _assert_only(load.answers, {200})
        outage = load.between(down, up)
        assert len(outage) >= 10
        _assert_fast(outage)
        print(f"\nRedis down {up - down:.1f} s: {len(outage)} page views, all 200, slowest "
              f"{max(seconds for *_, seconds in outage) * 1000:.0f} ms")
    finally:
        server.stop()
        redis.kill() if redis.process.poll() is None else None


# --- PostgreSQL ------------------------------------------------------------------------------

class Postgres:
    """A throwaway cluster in a temporary folder, run as the postgres user."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="rmn-faults-pg-"))
        self.data = self.dir / "data"
        shutil.chown(self.dir, "postgres")
        self._as_postgres([PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                           "--no-sync", "-E", "UTF8"])

    def _as_postgres(self, command) -> None:
        user = None if os.geteuid() != 0 else "postgres"
        subprocess.run([str(part) for part in command], check=True, user=user,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-w",
                           "-l", self.dir / "log", "start"])
        _wait_for(self.port)

    def crash(self) -> None:
        self._as_postgres([PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "stop"])
        _wait_for(self.port, up=False)

    def remove(self) -> None:
        if answers("127.0.0.1", self.port):
            self.crash()
        shutil.rmtree(self.dir, ignore_errors=True)


def _can_run_postgres() -> bool:
    if not (PG_BIN / "initdb").exists():
        return False
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return False
    return True


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="runs in the PostgreSQL run")
@pytest.mark.skipif(not _can_run_postgres(), reason=f"no PostgreSQL binaries in {PG_BIN}")
def test_postgresql_going_away_and_coming_back(tmp_path):
    postgres = Postgres()
    try:
        postgres.start()
        email = _member(tmp_path, postgres.url)
        server = PortalServer(portal_environment(tmp_path / "portal", postgres.url,
                                                 **BROWSING_FREELY),
                              log=tmp_path / "server.log")
        try:
            server.start()
            member = Visitor(server.url, headers={"Accept-Language": "sr"})
            member.sign_in(email, PASSWORD)
            assert member.get("/dashboard").status == 200
            with _browsing(server.url, email) as load:
                time.sleep(1)
                down = time.monotonic()
                postgres.crash()

                for path in ("/dashboard", "/resources", "/"):
                    page, seconds = _timed(lambda path=path: member.get(path))
                    assert page.status == 503 and seconds < FAST, (path, page.status, seconds)
                    assert "Privremeno nedostupno" in page.text
                assert Visitor(server.url).get("/healthz").status == 503
                time.sleep(2)

                up = time.monotonic()
                postgres.start()
                page = member.get("/dashboard")  # same session, no restart of the portal
                assert page.status == 200 and "Fern Fault" in page.text
                assert Visitor(server.url).get("/healthz").status == 200
                recovery = load.recovered_after(up)
            # While PostgreSQL was away the browsing clients got the 503 page,
            # quickly, or a page the server already held (pagecache.py: served
            # without the database; nothing could change meanwhile); nothing
            # else went wrong at any moment.
            _assert_only(load.answers, {200, 503})
            outage = load.between(down + 0.5, up)
            statuses = [status for *_, status, _s in outage]
            assert len(outage) >= 10 and 503 in statuses and set(statuses) <= {200, 503}
            _assert_fast(load.between(down, up))
            assert recovery < 10
            print(f"\nPostgreSQL down {up - down:.1f} s: {len(outage)} answers, "
                  f"{statuses.count(503)} the 503 page, {statuses.count(200)} from the page "
                  f"cache, slowest {max(seconds for *_, seconds in outage) * 1000:.0f} ms; "
                  f"every client served again {recovery:.1f} s after it was back")
        finally:
            server.stop()
    finally:
        postgres.remove()
