"""SQL injection probes on every query parameter and search box.

The parameters are found the way an attacker finds them: the GET forms
(filters, search boxes) of every page a coordinator and the platform admin can
open, plus the parameters the views read directly (paging, the calendar month,
the API filters). Each gets the classic payloads. No answer may be a 500 or
show database error text, and no payload may make the answer slower than a
benign value by more than a generous bound (sleep payloads ask for 5 s).
"""

import re
import time
from html import unescape
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from flask import current_app

from rmn_portal.accounts.models import Role
from rmn_portal.api.tokens import create_token
from rmn_portal.statements import services as statements

from ..factories import login

PAYLOADS = [
    "'",
    '"',
    "' OR 1=1--",
    "' OR '1'='1",
    "1 OR 1=1",
    "') OR ('a'='a",
    "1' UNION SELECT null,email,password_hash FROM users--",
    "1 UNION ALL SELECT sqlite_version()--",
    "'; DROP TABLE users;--",
    "1; DELETE FROM organisations",
    "' AND 1=(SELECT COUNT(*) FROM pg_sleep(5))--",
    "1' AND randomblob(900000000)--",
    "'||pg_sleep(5)||'",
    "%' AND SLEEP(5) AND '%'='",
    "\\",
    "%_%",
    "2026-13-45' --",
    "ščćžđ ЉЊЏ 🏳️‍🌈 ' \u202e",
    "a\x00b",
    "9" * 40,
    "-1",
    "' " + "A" * 5000,
    "²",
]
SLEEP_PAYLOADS = {p for p in PAYLOADS if "sleep" in p.lower() or "randomblob" in p}
BENIGN = "asylum"
SLOWER_BY_AT_MOST = 3.0  # seconds; an injected sleep would add 5

DATABASE_ERRORS = re.compile(
    r"sqlite3?\.|OperationalError|ProgrammingError|DataError|IntegrityError|psycopg|"
    r"SQLSTATE|syntax error at or near|unrecognized token|unterminated quoted|"
    r"near \"[^\"]*\": syntax error|no such column|Traceback \(most recent call",
    re.IGNORECASE)

# Every query parameter of the portal, by page (the ids in a path are filled
# in with the world's objects). `test_every_form_parameter_is_probed` finds the
# GET forms of all pages and fails when a new filter is missing here.
WEB = {
    "/search": ["q", "kind", "page"],
    "/resources": ["q", "kind", "language", "topic", "country", "org", "year", "visibility",
                   "sort", "page"],
    "/resources/download.zip": ["id"],
    "/events": ["country", "format", "kind", "org", "when", "page", "submit"],
    "/events/month": ["country", "format", "kind", "org", "month", "submit"],
    "/statements": ["status", "tag"],
    "/statements/{statement}": ["paragraph", "lang"],
    "/statements/{statement}/compare": ["from", "to", "lang"],
    "/notes": ["category", "group", "region", "start", "end"],
    "/notes/dashboard": ["year"],
    "/notifications": ["show"],
    "/trainings": ["page"],
    "/trainings/dashboard": ["year"],
    "/trainings/dashboard/{org}": ["year"],
    "/trainings/needs": ["year"],
    "/trainings/report": ["start", "end"],
    "/trainings/verify": ["code"],
    "/login": ["next"],
}
ADMIN = {
    "/admin/users": ["q", "org", "role", "status"],
    "/admin/audit": ["action", "actor", "org", "since", "until"],
}
API = {
    "/api/v1/events": ["kind", "format", "country", "org", "when", "page", "per_page"],
    "/api/v1/statements": ["status", "tag", "page", "per_page"],
    "/api/v1/notes": ["category", "group", "region", "start", "end", "page"],
    "/api/v1/notes/statistics": ["year", "category", "region"],
    "/api/v1/organisations": ["country", "page"],
}
# Sent to each parameter on its own; every payload is also sent to all of a
# page's parameters at once (one request per payload and page, to stay fast).
ALONE = ["'", "9" * 40, "a\x00b", "²"]
FORM = re.compile(r"<form([^>]*)>(.*?)</form>", re.IGNORECASE | re.DOTALL)
ACTION = re.compile(r'action="([^"]*)"')
FIELD_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.IGNORECASE)


def discover_parameters(client) -> dict[str, set[str]]:
    """path -> parameter names, from the GET forms of every page without arguments."""
    found: dict[str, set[str]] = {}
    for rule in current_app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.rule.startswith(
                ("/static", "/api/")):
            continue
        response = client.get(rule.rule)
        page = response.get_data().decode("utf-8", "replace") if (
            response.mimetype == "text/html") else ""
        response.close()
        for attributes, body in FORM.findall(page):
            if 'method="get"' not in attributes.lower():
                continue
            action = ACTION.search(attributes)
            path = unescape(action.group(1)).partition("?")[0] if action else rule.rule
            names = set(FIELD_NAME.findall(body)) - {"csrf_token"}
            found.setdefault(path, set()).update(names)
    return {path: names for path, names in found.items() if names}


def timed_get(client, path, params, headers):
    started = time.perf_counter()
    response = client.get(f"{path}?{urlencode(params)}", headers=headers)
    elapsed = time.perf_counter() - started
    body = response.get_data().decode("utf-8", "replace") if response.mimetype.startswith(
        ("text/", "application/json")) else ""
    response.close()
    return response.status_code, body, elapsed


def check(client, path, params, headers, problems) -> None:
    status, body, elapsed = timed_get(client, path, params, headers)
    where = f"{path}?{urlencode(params)[:80]}"
    if status >= 500:
        problems.append(f"{where}: {status}")
    if match := DATABASE_ERRORS.search(body):
        problems.append(f"{where}: database error text {match.group(0)!r}")
    if any(value in SLEEP_PAYLOADS for value in params.values()) and elapsed > SLOWER_BY_AT_MOST:
        # A loaded machine is slow now and then: compare with benign values
        # asked right after, and ask the payload once more.
        _s, _b, benign = timed_get(client, path, dict.fromkeys(params, BENIGN), headers)
        _s, _b, again = timed_get(client, path, params, headers)
        if min(elapsed, again) - benign > SLOWER_BY_AT_MOST:
            problems.append(f"{where}: {again:.1f} s against {benign:.1f} s")


def probe(client, path, names, headers=None) -> list[str]:
    problems: list[str] = []
    for payload in PAYLOADS:
        check(client, path, dict.fromkeys(names, payload), headers, problems)
    for name in names:
        for payload in ALONE:
            check(client, path, {name: payload}, headers, problems)
    return problems


@pytest.fixture
def world(make):
    org = make.org()
    author = make.user(org)
    statement = statements.create_statement(author, title="Stop pushbacks", body="Now.",
                                            language="en")
    return SimpleNamespace(org=org, statement=statement,
                           coordinator=make.user(org, Role.COORDINATOR),
                           org_admin=make.user(org, Role.ORG_ADMIN),
                           admin=make.user(org, Role.ADMIN), author=author)


def fill(path, world) -> str:
    return path.format(statement=world.statement.id, org=world.org.slug)


# The author may compare the statement's revisions, the organisation admin
# rates needs, the coordinator sees every dashboard.
WHO = {"/statements/{statement}/compare": "author", "/trainings/needs": "org_admin"}


@pytest.mark.parametrize("path", list(WEB))
def test_every_web_query_parameter_resists_injection(client, world, path):
    login(client, getattr(world, WHO.get(path, "coordinator")))
    assert probe(client, fill(path, world), WEB[path]) == []


@pytest.mark.parametrize("path", list(ADMIN))
def test_the_platform_admins_filters_resist_injection(client, world, path):
    login(client, world.admin)
    assert probe(client, path, ADMIN[path]) == []


@pytest.mark.parametrize("path", list(API))
def test_every_api_parameter_resists_injection(client, world, path):
    _token, secret = create_token(world.author, "probe", 30)
    assert probe(client, path, API[path], {"Authorization": f"Bearer {secret}"}) == []


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_every_form_parameter_is_probed(client, world, who):
    login(client, getattr(world, who))
    probed = {fill(path, world): set(names) for path, names in {**WEB, **ADMIN, **API}.items()}
    missing = {path: names - probed.get(path, set())
               for path, names in discover_parameters(client).items()}
    assert {path: names for path, names in missing.items() if names} == {}


@pytest.mark.parametrize("payload", ["' OR 1=1--", "a\x00b", "' " + "A" * 5000])
def test_an_injected_token_or_search_never_signs_anyone_in(client, make, payload):
    make.user()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {payload}"})
    assert response.status_code == 401
    response = client.post("/login", data={"email": payload, "password": payload})
    assert response.status_code in (200, 400, 422)
    assert client.get("/dashboard").status_code == 302


@pytest.mark.parametrize("path", ["/organisations/a%00b", "/api/v1/organisations/a%00b",
                                  "/trainings/dashboard/a%00b", "/events?org=a%00b",
                                  "/resources?tag=a&tag=b%00c", "/search?q=a&x%00=1"])
def test_nul_bytes_anywhere_in_the_address_are_a_plain_400(client, world, path):
    # PostgreSQL refuses NUL in any text it is sent; it must never get that far.
    login(client, world.coordinator)
    assert client.get(path).status_code == 400
