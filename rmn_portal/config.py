"""Configuration: safe defaults for a local run, overridden by RMN_* variables.

`RMN_DATABASE_URL` becomes `DATABASE_URL` and so on (Flask's prefixed env
loader, values parsed as JSON where they can be). Everything a running portal
writes lives under the instance path, so several portals can share a checkout.
"""

import os
import secrets
from pathlib import Path

from flask import Flask

DEFAULTS = {
    "BASE_URL": "http://127.0.0.1:5000",
    "NETWORK_NAME": "Rainbow Migration Network",
    "MAIL_URL": "file",  # "file", "console" or smtp://user:pass@host:port
    "MAIL_FROM": "RMN Portal <no-reply@rmn.example.org>",
    "REDIS_URL": None,
    # Seconds to wait for Redis or PostgreSQL before a request gives up with a
    # 503 page: a service that is down must not hold every worker hostage.
    "REDIS_TIMEOUT": 0.5,
    "DATABASE_CONNECT_TIMEOUT": 3,
    # Seconds the network dashboards' figures are kept (rmn_portal/cache.py);
    # 0 computes them on every request.
    "CACHE_SECONDS": 60,
    # Seconds a rendered main page is kept per reader (rmn_portal/pagecache.py);
    # any committed change drops every page sooner. 0 turns the cache off.
    "PAGE_CACHE_SECONDS": 30,
    "UPLOAD_MAX_MB": 25,
    # Long lists count their rows up to this many and say "more than" beyond.
    "LIST_COUNT_CAP": 10_000,
    "PROXY_COUNT": 0,  # trusted reverse proxies setting X-Forwarded-For
    "SESSION_ABSOLUTE_HOURS": 12,
    "SESSION_IDLE_MINUTES": 120,
    "INVITATION_DAYS": 7,
    "PASSWORD_RESET_MINUTES": 60,
    "LOGIN_FAILURE_LIMIT": "10 per 5 minutes",
    "TWO_FACTOR_FAILURE_LIMIT": "5 per 5 minutes",
    "RESET_REQUEST_LIMIT": "5 per 15 minutes",
    # Coordinators and admins must use two-factor sign-in. Only a throwaway
    # local demo may turn this off; it is on unless explicitly disabled.
    "REQUIRE_TWO_FACTOR": True,
    "DEFAULT_TIMEZONE": "Europe/Belgrade",
    "DEMO_PASSWORD": "rainbow-demo-2026",
    "DEMO_EMAIL_DOMAIN": "rmn.example.org",
    # The search page counts matches of each kind up to this number ("more
    # than 1,000") and ranks and pages through that many at most.
    "SEARCH_COUNT_CAP": 1000,
}


def instance_path() -> str:
    return str(Path(os.environ.get("RMN_INSTANCE_PATH", "instance")).resolve())


def init_app(app: Flask, overrides: dict) -> None:
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("RMN")
    app.config.update(overrides)

    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.setdefault("UPLOAD_DIR", str(instance / "uploads"))
    app.config.setdefault("MAIL_DIR", str(instance / "mail"))

    database_url = app.config.get("DATABASE_URL") or f"sqlite:///{instance / 'rmn.sqlite3'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    # Database errors must not copy the values of a statement into the logs:
    # they can be personal data (a note's raw narrative, an e-mail address).
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"hide_parameters": True,
                                               **_connect_args(database_url, app.config),
                                               **app.config["SQLALCHEMY_ENGINE_OPTIONS"]}
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or _instance_secret(instance)
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["UPLOAD_MAX_MB"]) * 1024 * 1024

    local = app.config["BASE_URL"].startswith("http://")
    app.config.update(
        SESSION_COOKIE_NAME="rmn_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not local,
        # The CSRF token lives as long as the session it belongs to.
        WTF_CSRF_TIME_LIMIT=None,
        # Views check CSRF themselves (see security.csrf_guard) so that a
        # rejected form can be shown again with the user's text kept.
        WTF_CSRF_CHECK_DEFAULT=False,
        RATELIMIT_STORAGE_URI=app.config["REDIS_URL"] or "memory://",
        RATELIMIT_STORAGE_OPTIONS=redis_options(app.config),
        # While Redis is unreachable, request limits count in each server's
        # memory instead of failing the request; they go back to Redis when it
        # answers again. (Failed sign-ins are stricter: see accounts/throttle.py.)
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
        RATELIMIT_HEADERS_ENABLED=False,
        BABEL_DEFAULT_TIMEZONE=app.config["DEFAULT_TIMEZONE"],
    )


def _connect_args(database_url: str, config) -> dict:
    if not database_url.startswith("postgresql"):
        return {}
    return {"connect_args": {"connect_timeout": int(config["DATABASE_CONNECT_TIMEOUT"])}}


def redis_options(config) -> dict:
    if not config["REDIS_URL"]:
        return {}
    timeout = float(config["REDIS_TIMEOUT"])
    return {"socket_connect_timeout": timeout, "socket_timeout": timeout}


def _instance_secret(instance: Path) -> str:
    """Generate the secret key once into the instance folder (never committed)."""
    path = instance / "secret_key"
    if not path.exists():
        # Write under a temporary name and link it into place, so that two
        # processes starting together agree on one key and never read half a file.
        tmp = instance / f".secret_key.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()
