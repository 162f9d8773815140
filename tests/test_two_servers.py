"""Two gunicorn servers, one database, one Redis, one upload folder: a visitor
may land on either, and what one server did is seen by the other."""

import uuid

import pytest

from .factories import PASSWORD
from .servers import (
    TEST_REDIS_URL,
    PortalServer,
    Visitor,
    new_portal,
    portal_environment,
    redis_answers,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not redis_answers(), reason="Redis does not answer at RMN_TEST_REDIS_URL"),
]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, databases):
    tmp = tmp_path_factory.mktemp("cluster")
    url = databases.new_url()
    with new_portal(tmp / "setup", url) as (_app, make):
        email = make.user(name="Vesna Shared").email
    # A fresh key prefix: parallel test runs share the Redis server.
    settings = {"REDIS_URL": TEST_REDIS_URL, "RATELIMIT_KEY_PREFIX": uuid.uuid4().hex[:12],
                "UPLOAD_DIR": tmp / "shared-uploads", "LOGIN_FAILURE_LIMIT": "3 per 5 minutes",
                "API_RATE_LIMIT_ANONYMOUS": "4 per minute", "PROXY_COUNT": 1}
    servers = [PortalServer(portal_environment(tmp / name, url, **settings),
                            log=tmp / f"{name}.log") for name in ("one", "two")]
    try:
        for server in servers:
            server.start()
        yield servers, email
    finally:
        for server in servers:
            server.stop()


def test_a_session_made_on_one_server_is_valid_on_the_other(cluster):
    (one, two), email = cluster
    visitor = Visitor(one.url)
    visitor.sign_in(email, PASSWORD)
    page = visitor.on(two.url).get("/dashboard")
    assert page.status == 200 and "Vesna Shared" in page.text
    # Signing out on the second ends the session on the first too (checked on the server).
    assert visitor.on(two.url).post("/logout", {}, token_from="/dashboard").status == 302
    assert visitor.get("/dashboard").status == 302


def test_rate_limits_are_counted_across_servers(cluster):
    (one, two), _ = cluster
    # One address behind the proxy (the other tests come from another one).
    address = {"X-Forwarded-For": "192.0.2.10"}
    stranger = f"nobody-{uuid.uuid4().hex[:6]}@example.org"
    for attempt in range(3):  # failed sign-ins, alternating servers
        visitor = Visitor((one, two)[attempt % 2].url, headers=address)
        assert visitor.post("/login", {"email": stranger, "password": "wrong one!"}).status == 422
    blocked = Visitor(one.url, headers=address).post(
        "/login", {"email": stranger, "password": "wrong one!"})
    assert blocked.status == 429

    address = {"X-Forwarded-For": "192.0.2.11"}
    statuses = [Visitor((one, two)[n % 2].url, headers=address).get("/api/v1/").status
                for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_an_upload_through_one_server_downloads_from_the_other(cluster):
    (one, two), email = cluster
    visitor = Visitor(one.url)
    visitor.sign_in(email, PASSWORD)
    content = "Shared across servers — ".encode() + uuid.uuid4().hex.encode() + b"\n"
    page = visitor.post("/resources/new", {
        "title": "Shelter contacts", "kind": "report", "languages": "en",
        "visibility": "network", "summary": "", "tags": "", "year": "", "external_url": ""},
        files={"files": ("contacts.txt", content)})
    assert page.status == 302, page.text[:1000]
    detail = visitor.on(two.url).get(page.location.removeprefix("http://127.0.0.1"))
    assert detail.status == 200
    link = next(part.split('"')[0] for part in detail.text.split('href="')[1:]
                if "/files/" in part.split('"')[0])
    download = visitor.on(two.url).get(link)
    assert download.status == 200 and download.body == content


def test_a_change_through_one_server_shows_at_once_on_the_others_cached_pages(cluster):
    (one, two), email = cluster
    visitor = Visitor(one.url)
    visitor.sign_in(email, PASSWORD)
    reader = visitor.on(two.url)
    title = f"Border monitoring {uuid.uuid4().hex[:8]}"
    for _ in range(2):  # the second copy comes from the second server's page cache
        assert title not in reader.get("/resources").text
    page = visitor.post("/resources/new", {
        "title": title, "kind": "report", "languages": "en", "visibility": "network",
        "summary": "", "tags": "", "year": "", "external_url": "https://example.org/border"})
    assert page.status == 302, page.text[:1000]
    # Read the "saved" message, or it would keep the next page out of the cache.
    assert visitor.get(page.location.removeprefix("http://127.0.0.1")).status == 200
    assert title in reader.get("/resources").text
