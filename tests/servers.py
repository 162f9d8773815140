"""Real portal servers in other processes, and a small HTTP client for them.

`PortalServer` runs gunicorn (the production server) in its own process group,
so a test can kill it with SIGKILL, master, workers and file-checking children
together, and start it again. `Visitor` is a browser without a screen: it keeps
cookies (shared by every server on 127.0.0.1, as behind a load balancer),
reads CSRF tokens from the pages, and posts forms and files. `Browsing` keeps
clients going round their pages while a test measures or breaks things.
`new_portal` and `demo_portal` prepare the database the servers will share.
"""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPException
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

from rmn_portal.db import db
from rmn_portal.demo import demo_email

from .factories import Factory

ROOT = Path(__file__).resolve().parents[1]
TEST_REDIS_URL = os.environ.get("RMN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CHEAP_ARGON2 = json.dumps({"time_cost": 1, "memory_cost": 1024, "parallelism": 1})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def redis_answers() -> bool:
    """Whether the Redis of RMN_TEST_REDIS_URL is reachable."""
    parts = urlsplit(TEST_REDIS_URL)
    return answers(parts.hostname or "127.0.0.1", parts.port or 6379)


def portal_environment(instance: Path, database_url: str, **settings) -> dict:
    """The RMN_* variables of one server; `settings` are more of them, without the prefix."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("RMN_")}
    env.update(RMN_INSTANCE_PATH=str(instance), RMN_DATABASE_URL=database_url,
               RMN_SECRET_KEY="test-secret-shared-by-all-servers", RMN_BASE_URL="http://127.0.0.1",
               RMN_ARGON2_PARAMETERS=CHEAP_ARGON2, RMN_MAIL_URL="file")
    env.update({f"RMN_{name}": str(value) for name, value in settings.items()})
    return env


class PortalServer:
    def __init__(self, env: dict, *, workers: int = 1, threads: int = 4, log: Path | None = None):
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers, self.threads = workers, threads
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> "PortalServer":
        command = [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "-k", "gthread",
                   "--threads", str(self.threads), "-b", f"127.0.0.1:{self.port}",
                   "--graceful-timeout", "2", "--timeout", "60", "--no-control-socket",
                   "rmn_portal:create_app()"]
        output = self.log.open("ab") if self.log else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=output,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            if self.log:
                output.close()  # the server holds its own copy
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped with code {self.process.returncode}")
            try:
                if Visitor(self.url).get("/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not answer in time")

    def kill(self) -> None:
        """SIGKILL to the whole process group: no clean-up code runs anywhere."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Page:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Visitor:
    """One person's browser: cookies kept across servers, no redirects followed."""

    def __init__(self, url: str, jar: CookieJar | None = None, headers: dict | None = None):
        self.url = url
        self.jar = jar if jar is not None else CookieJar()
        self.headers = headers or {}
        self._opener = build_opener(HTTPCookieProcessor(self.jar), _NoRedirects)

    def on(self, url: str) -> "Visitor":
        """The same browser (same cookies) talking to another server."""
        return Visitor(url, self.jar, self.headers)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None, timeout: float = 30) -> Page:
        request = Request(self.url + path, data=body, method=method,  # noqa: S310 - http only
                          headers={**self.headers, **(headers or {})})
        try:
            with self._opener.open(request, timeout=timeout) as response:
                return Page(response.status, dict(response.headers), response.read())
        except HTTPError as error:
            return Page(error.code, dict(error.headers), error.read())

    def get(self, path: str, timeout: float = 30) -> Page:
        return self.request("GET", path, timeout=timeout)

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        found = CSRF.search(page.text)
        assert found, f"no CSRF token on {path} ({page.status})"
        return found.group(1)

    def post(self, path: str, fields: dict, files: dict | None = None, *,
             token_from: str | None = None) -> Page:
        """Post a form like a browser, with the CSRF token of the page `token_from`."""
        fields = {**fields, "csrf_token": self.csrf_token(token_from or path)}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields, doseq=True).encode(), \
                "application/x-www-form-urlencoded"
        return self.request("POST", path, body, {"Content-Type": content_type})

    def sign_in(self, email: str, password: str) -> Page:
        page = self.post("/login", {"email": email, "password": password})
        assert page.status == 302, page.text[:500]
        return page


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """Encode form fields and {field: (file name, bytes)} as multipart/form-data."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                         f"{item}\r\n".encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                     .encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def raw_connection(url: str) -> http.client.HTTPConnection:
    host, port = url.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=30)


# --- the database the servers share ------------------------------------------------------

@contextmanager
def new_portal(instance: Path, url: str):
    """A freshly migrated portal database for the test to fill:
    `with new_portal(instance, url) as (app, make): ...`. Committed on leaving,
    and every connection closed, so that the servers started next (other
    processes) have the database to themselves."""
    from .conftest import make_app, migrate

    app = make_app(instance, url)
    migrate(app)
    with app.app_context():
        yield app, Factory(db.session)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def demo_portal(instance: Path, url: str) -> tuple[list[str], str]:
    """A new portal database with the demo data: the e-mail addresses of four
    demo members (two organisations) and their password."""
    with new_portal(instance, url) as (app, _make):
        assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
        members = [demo_email(f"member{n}-{slug}") for n in (1, 2)
                   for slug in ("iris-collective", "safe-harbour")]
        return members, app.config["DEMO_PASSWORD"]


# --- clients browsing ----------------------------------------------------------------------

Answer = tuple[float, str, int | str, float]  # started, path, status or error name, seconds


class Browsing:
    """Clients, each going round its own pages, for the length of a `with`
    block. Every answer is kept; a dropped, cut-short or timed-out request as
    the name of its error."""

    def __init__(self, tours: Sequence[tuple[Visitor, Sequence[str]]], timeout: float = 30):
        self.clients = len(tours)
        self.timeout = timeout
        self.answers: list[Answer] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._browse, args=tour) for tour in tours]

    def __enter__(self) -> "Browsing":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _browse(self, visitor: Visitor, paths: Sequence[str]) -> None:
        while not self._stop.is_set():
            for path in paths:
                if self._stop.is_set():
                    return
                started = time.monotonic()
                try:
                    status = visitor.get(path, timeout=self.timeout).status
                except (OSError, HTTPException) as error:
                    status = type(error).__name__
                self.answers.append((started, path, status, time.monotonic() - started))

    def between(self, start: float, end: float) -> list[Answer]:
        return [answer for answer in self.answers if start <= answer[0] < end]

    def failures(self) -> list[tuple[str, int | str]]:
        """(path, status) of every answer that was a server error or no answer."""
        return [(path, status) for _t, path, status, _s in self.answers
                if not isinstance(status, int) or status >= 500]

    def recovered_after(self, since: float, timeout: float = 20) -> float:
        """Seconds from `since` until every answer is 200 again (three per
        client in a row at least)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            recent = self.between(since, float("inf"))
            ok_from = len(recent)
            while ok_from and recent[ok_from - 1][2] == 200:
                ok_from -= 1
            if len(recent) - ok_from >= 3 * self.clients:
                return (recent[ok_from][0] if ok_from < len(recent) else since) - since
            time.sleep(0.2)
        raise AssertionError(f"no recovery: {[(p, s) for _t, p, s, _d in recent[-10:]]}")
