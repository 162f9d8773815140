"""`make bench`: the portal's main pages under load, next to a bare Flask app.

    .venv/bin/python bench/run.py [--database sqlite|pg] [--scale 0.1] [--duration 10]

1. builds a throwaway portal (SQLite file, or a new PostgreSQL database that
   is dropped afterwards) and fills it with `flask seed-bench --scale N`;
2. counts the SQL statements of each main page (Flask test client, signed in
   as a demo member);
3. serves the portal with gunicorn and, beside it, bench/reference_app.py on
   the same gunicorn settings; measures the reference's two routes, signs in
   over HTTP and drives each page with wrk (16 clients, a fixed time per
   page), each page just after 5 s of the 20-row reference; then the
   reference's two routes again. Each request comes on a new connection,
   as nginx sends them in the README's production setup (no upstream
   keep-alive); --keep-alive holds 16 connections open instead;
4. prints page, requests/s, the reference measured alongside, the ratio to
   it, p50, p99 and queries per request (as Markdown with --markdown FILE as
   well).

Settings come from flags or the environment: BENCH_DATABASE (sqlite, pg),
BENCH_SCALE, BENCH_DURATION (seconds per page), BENCH_CONNECTIONS,
BENCH_WORKERS (gunicorn workers; the number of cores by default),
BENCH_PAGE_CACHE_SECONDS (the portal's RMN_PAGE_CACHE_SECONDS; its default
when unset, 0 measures every request rendering its page),
BENCH_KEEPALIVE=1 (as --keep-alive),
BENCH_PG_URL (a server URL with the right to create databases).
Needs `wrk` (Debian package `wrk`) and the `server` extra (gunicorn).
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ALONGSIDE_SECONDS = 5  # the reference's run just before each page
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Result:
    label: str
    path: str
    rps: float = 0.0
    p50: str = ""
    p99: str = ""
    errors: int = 0
    queries: int | None = None
    reference_rps: float = 0.0  # the 20-row reference measured alongside


@dataclass
class Load:
    """How wrk drives a page."""
    duration: int  # seconds
    connections: int
    # Keep-alive connections stay with the gunicorn worker that accepted them:
    # 16 of them can all land on one worker (one core) while the other idles.
    # Behind nginx without upstream keep-alive (the README's setup) every
    # request is a new connection, taken by whichever worker is free.
    keep_alive: bool = False

    def label(self) -> str:
        connections = ("keep-alive connections" if self.keep_alive
                       else "clients, a new connection per request")
        return f"{self.connections} {connections}, {self.duration} s per page"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the database ----------------------------------------------------------------

@contextmanager
def database(kind: str, folder: Path):
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'portal.sqlite3'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = os.environ.get("BENCH_PG_URL", PG_URL)
    name = f"rmn_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def pg_answers() -> bool:
    try:
        import psycopg

        url = os.environ.get("BENCH_PG_URL", PG_URL).replace("+psycopg", "")
        psycopg.connect(url, connect_timeout=3).close()
        return True
    except Exception:  # any failure means "no PostgreSQL here"
        return False


def portal_env(folder: Path, url: str, port: int, page_cache: int | None) -> dict:
    env = dict(os.environ)
    if page_cache is not None:
        env["RMN_PAGE_CACHE_SECONDS"] = str(page_cache)
    env.update({
        "RMN_INSTANCE_PATH": str(folder / "instance"),
        "RMN_DATABASE_URL": url,
        "RMN_SECRET_KEY": "bench-only-secret",
        "RMN_BASE_URL": f"http://127.0.0.1:{port}",
        "RMN_MAIL_URL": "file",
        # The API's per-address limit would answer 429 to a load test.
        "RMN_API_RATE_LIMIT_ANONYMOUS": "100000000 per minute",
        "RMN_API_RATE_LIMIT_TOKEN": "100000000 per minute",
    })
    return env


def seed(env: dict, scale: float) -> float:
    started = time.monotonic()
    subprocess.run([str(BIN / "flask"), "--app", "rmn_portal", "seed-bench", "--scale",
                    str(scale)], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - started


# --- queries per page (in-process) -----------------------------------------------------

def count_queries(env: dict) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """The main pages and the SQL statements each needs, warm, signed in."""
    os.environ.update(env)
    from rmn_portal import create_app
    from rmn_portal.benchdata.pages import main_pages, queries_per_page, sign_in_member
    from rmn_portal.db import db

    app = create_app({})
    with app.app_context():
        pages, engine = main_pages(), db.engine
    client = app.test_client()
    sign_in_member(app, client)
    counts = queries_per_page(client, engine, pages)
    engine.dispose()
    return pages, counts


# --- serving and loading --------------------------------------------------------------

@contextmanager
def gunicorn(app_spec: str, env: dict, port: int, workers: int, log: Path):
    command = [str(BIN / "gunicorn"), "--workers", str(workers), "--worker-class", "gthread",
               "--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
               app_spec]
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)
    try:
        wait_until_up(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(port: int, process) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in like a browser; the Cookie header that wrk will send."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()
    form = {"email": email, "password": password, "csrf_token": CSRF.search(page).group(1)}
    opener.open(f"{base}/login", urllib.parse.urlencode(form).encode())
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    if "rmn_session" not in cookies:
        raise SystemExit("signing in failed")
    return cookies


def warm(base: str, path: str, cookie: str, connections: int) -> None:
    """A few rounds of concurrent requests first, so that every worker (not
    only the one that happens to accept sequential ones) has loaded its
    templates and pool and keeps its copy of the page: the run measures the
    steady state."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})

    def fetch(_n: int) -> None:
        with urllib.request.urlopen(request) as response:
            response.read()

    with ThreadPoolExecutor(connections) as pool:
        for _ in range(3):
            list(pool.map(fetch, range(connections)))


def wrk(base: str, result: Result, cookie: str, load: Load) -> None:
    warm(base, result.path, cookie, load.connections)
    command = ["wrk", "--threads", "2", "--connections", str(load.connections), "--duration",
               f"{load.duration}s", "--latency", "--timeout", "10s", base + result.path]
    if cookie:
        command[1:1] = ["--header", f"Cookie: {cookie}"]
    if not load.keep_alive:
        command[1:1] = ["--header", "Connection: close"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result.rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    result.p50 = re.search(r"\s50%\s+(\S+)", output).group(1)
    result.p99 = re.search(r"\s99%\s+(\S+)", output).group(1)
    failed = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result.errors = int(failed.group(1)) if failed else 0


# --- the run ---------------------------------------------------------------------------

def run(kind: str, scale: float, load: Load, workers: int,
        only: str = "", page_cache: int | None = None) -> str:
    folder = Path(tempfile.mkdtemp(prefix="rmn-bench-"))
    try:
        with database(kind, folder) as url:
            port = free_port()
            env = portal_env(folder, url, port, page_cache)
            seconds = seed(env, scale)
            pages, counts = count_queries(env)
            results = [Result(label, path, queries=counts[path]) for label, path in pages
                       if only in label]
            with reference_server(folder, workers) as reference, \
                    gunicorn("rmn_portal:create_app()", env, port, workers,
                             folder / "portal.log") as base:
                before = reference_results(reference, load, "before")
                from rmn_portal.benchdata.pages import MEMBER

                email = f"{MEMBER}@{os.environ.get('RMN_DEMO_EMAIL_DOMAIN', 'rmn.example.org')}"
                cookie = sign_in(base, email, env.get("RMN_DEMO_PASSWORD", "rainbow-demo-2026"))
                for result in results:
                    result.reference_rps = reference_alongside(reference, load)
                    wrk(base, result, cookie, load)
                    print(f"  {result.label}: {result.rps:.0f}/s "
                          f"(reference {result.reference_rps:.0f}/s)", file=sys.stderr, flush=True)
                after = reference_results(reference, load, "after")
            keep_log_if_failed(results, folder / "portal.log", kind)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    title = (f"{'PostgreSQL' if kind == 'pg' else 'SQLite'}, scale {scale:g}, seeded in "
             f"{seconds:.0f} s; {load.label()}, "
             f"{workers} gunicorn workers × 4 threads; {_page_cache_label(page_cache)}")
    mean_reference = (before[-1].rps + after[-1].rps) / 2
    for result in before + after:
        result.reference_rps = mean_reference
    return table(title, before + after + results)


def reference_alongside(reference: str, load: Load) -> float:
    """The 20-row reference again, just before a page, so that the ratio
    compares two runs a few seconds apart rather than a page with a
    reference measured minutes before it, under other load on the machine."""
    alongside = Result("reference alongside", "/table")
    wrk(reference, alongside, "", replace(load, duration=min(load.duration, ALONGSIDE_SECONDS)))
    return alongside.rps


def _page_cache_label(seconds: int | None) -> str:
    if seconds is None:
        return "page cache as configured (default 30 s)"
    return f"page cache {seconds} s" if seconds else "page cache off (every request renders)"


def keep_log_if_failed(results: list[Result], log: Path, kind: str) -> None:
    if not any(result.errors for result in results):
        return
    kept = ROOT / "test-artifacts" / f"bench-portal-{kind}.log"
    kept.parent.mkdir(exist_ok=True)
    shutil.copy(log, kept)
    print(f"Some requests failed: the server's log is in {kept}", file=sys.stderr)


@contextmanager
def reference_server(folder: Path, workers: int):
    """bench/reference_app.py on the portal's gunicorn settings, for the whole run."""
    env = dict(os.environ, REFERENCE_DATABASE=str(folder / "reference.sqlite3"))
    os.environ["REFERENCE_DATABASE"] = env["REFERENCE_DATABASE"]
    sys.path.insert(0, str(ROOT))
    from bench.reference_app import create_app

    create_app()  # builds its table once, before the workers start
    with gunicorn("bench.reference_app:create_app()", env, free_port(), workers,
                  folder / "reference.log") as base:
        yield base


def reference_results(reference: str, load: Load, when: str) -> list[Result]:
    results = [Result(f"reference ({when}): short string", "/hello", queries=0),
               Result(f"reference ({when}): 20-row table", "/table", queries=1)]
    for result in results:
        wrk(reference, result, "", load)
    return results


def table(title: str, results: list[Result]) -> str:
    lines = [f"**{title}**", "",
             "| page | requests/s | 20-row reference alongside (requests/s) | × reference "
             "| p50 | p99 | queries |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        failed = f" ({r.errors} failed)" if r.errors else ""
        lines.append(f"| {r.label} `{r.path}` | {r.rps:.0f}{failed} | {r.reference_rps:.0f} | "
                     f"{r.rps / r.reference_rps:.2f} | {r.p50} | {r.p99} | {r.queries} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "pg", "both"),
                        default=os.environ.get("BENCH_DATABASE", "sqlite"))
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", 0.1)))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 10)))
    parser.add_argument("--connections", type=int,
                        default=int(os.environ.get("BENCH_CONNECTIONS", 16)))
    parser.add_argument("--workers", type=int,
                        default=int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 2)))
    cached = os.environ.get("BENCH_PAGE_CACHE_SECONDS")
    parser.add_argument("--page-cache-seconds", type=int,
                        default=int(cached) if cached else None,
                        help="the portal's page cache (0: off); its own default if not given")
    parser.add_argument("--keep-alive", action="store_true",
                        default=os.environ.get("BENCH_KEEPALIVE") == "1",
                        help="hold the connections open (default: one per request, as nginx)")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    parser.add_argument("--only", default="", help="only the pages whose label contains this")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: install it (Debian: apt-get install wrk)")
    kinds = ["sqlite", "pg"] if args.database == "both" else [args.database]
    if args.database == "both" and not pg_answers():
        print("PostgreSQL does not answer: SQLite only.", file=sys.stderr)
        kinds = ["sqlite"]
    load = Load(args.duration, args.connections, args.keep_alive)
    tables = []
    for kind in kinds:
        tables.append(run(kind, args.scale, load, args.workers, args.only,
                          args.page_cache_seconds))
        print(tables[-1], flush=True)
    if args.markdown:
        args.markdown.write_text("\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
