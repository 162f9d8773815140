"""With RMN_REDIS_URL set, failure counts live in Redis, shared by every app
server; without it, in the app's memory."""

import socket
import uuid

import pytest

from .conftest import PortalClient, make_app, migrate

REDIS = ("127.0.0.1", 6379)


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(),
                                reason="Redis does not answer on 127.0.0.1:6379")


def _server(tmp_path, database_url, name):
    app = make_app(tmp_path / name, database_url, REDIS_URL="redis://127.0.0.1:6379/0")
    app.test_client_class = PortalClient
    return app


@pytest.fixture
def restore_limiter(tmp_path):
    """Flask-Limiter keeps one storage for the whole process, set by the last
    app created: create a throwaway app so the rest of the suite counts in
    memory again, not in the shared Redis."""
    yield
    make_app(tmp_path / "throwaway", "sqlite://")


def test_a_second_server_sees_the_failures_counted_by_the_first(tmp_path, databases,
                                                                restore_limiter):
    url = databases.new_url()
    first = _server(tmp_path, url, "one")
    migrate(first)
    second = _server(tmp_path, url, "two")
    email = f"brute-{uuid.uuid4().hex[:8]}@example.org"  # a fresh key in the shared store
    client_one, client_two = first.test_client(), second.test_client()
    for attempt in range(10):
        client = client_one if attempt % 2 else client_two
        assert client.post("/login", data={"email": email, "password": "wrong guess"},
                           environ_base={"REMOTE_ADDR": f"10.0.0.{attempt}"}).status_code == 422
    blocked = client_two.post("/login", data={"email": email, "password": "wrong guess"},
                              environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert blocked.status_code == 429
