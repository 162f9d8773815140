"""An upload that never finishes (the person's connection drops, or the server
is killed while it arrives or while it is checked) leaves no row, no stored
file and no temporary file once `storage gc` has run."""

import socket
import time
import uuid

import pytest
from sqlalchemy import func, select

from rmn_portal import storage
from rmn_portal.db import db
from rmn_portal.resources.models import Resource
from rmn_portal.storage import StoredFile

from .factories import PASSWORD
from .servers import PortalServer, Visitor, multipart, new_portal, portal_environment

pytestmark = pytest.mark.slow
CONTENT = b"interrupted\n" * (8 * 1024 * 1024 // 12)


@pytest.fixture(scope="module")
def portal(tmp_path_factory, databases):
    tmp_path = tmp_path_factory.mktemp("uploads")
    url = databases.new_url()
    with new_portal(tmp_path / "instance", url) as (setup, make):
        email = make.user(name="Uploader").email
    server = PortalServer(portal_environment(tmp_path / "instance", url),
                          log=tmp_path / "server.log").start()
    visitor = Visitor(server.url)
    visitor.sign_in(email, PASSWORD)
    yield setup, server, visitor
    server.stop()
    with setup.app_context():  # the checks' connections, before the app is dropped
        db.engine.dispose()


def _upload_request(visitor: Visitor) -> bytes:
    """The bytes of a browser's POST of the new-resource form with a large file."""
    fields = {"title": f"Large {uuid.uuid4().hex}", "kind": "report", "languages": "en",
              "visibility": "network", "summary": "", "tags": "", "year": "",
              "external_url": "", "csrf_token": visitor.csrf_token("/resources/new")}
    body, content_type = multipart(fields, {"files": ("large.txt", CONTENT)})
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in visitor.jar)
    host = visitor.url.removeprefix("http://")
    head = (f"POST /resources/new HTTP/1.1\r\nHost: {host}\r\nCookie: {cookies}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode()
    return head + body


def _send(server: PortalServer, data: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    sock.sendall(data)
    return sock


def _wait_until_idle(server: PortalServer) -> None:
    """The server has dealt with the broken request once it answers again."""
    time.sleep(1)
    assert Visitor(server.url).get("/healthz", timeout=60).status == 200


def _resources(setup) -> int:
    with setup.app_context():
        count = db.session.scalar(select(func.count()).select_from(Resource))
        db.session.remove()
        db.engine.dispose()
    return count


def _assert_clean_after_gc(setup) -> None:
    result = setup.test_cli_runner().invoke(args=["storage", "gc", "--grace", "0"])
    assert result.exit_code == 0, result.output
    with setup.app_context():
        resources = db.session.scalar(select(func.count()).select_from(Resource))
        files = db.session.scalar(select(func.count()).select_from(StoredFile))
        blobs = list(storage.iter_blobs())
        leftovers = [*(storage.root() / "tmp").glob("*"),
                     *(storage.root() / "inspect").glob("*")]
        db.session.remove()
        db.engine.dispose()
    # A request that got all its bytes may have committed before the kill: then
    # its row and its file are both there, complete.
    assert files == resources == len(blobs)
    assert all(blob.stat().st_size == len(CONTENT) for blob in blobs)
    assert leftovers == []


def test_a_client_that_disconnects_halfway_leaves_nothing(portal):
    setup, server, visitor = portal
    before = _resources(setup)
    data = _upload_request(visitor)
    _send(server, data[: len(data) // 2]).close()
    _wait_until_idle(server)
    _assert_clean_after_gc(setup)
    assert _resources(setup) == before


def test_a_server_killed_while_the_upload_arrives_leaves_nothing(portal):
    setup, server, visitor = portal
    before = _resources(setup)
    data = _upload_request(visitor)
    sock = _send(server, data[: len(data) // 2])
    time.sleep(0.5)
    server.kill()
    sock.close()
    server.start()
    _assert_clean_after_gc(setup)
    assert _resources(setup) == before


def test_a_server_killed_while_the_upload_is_checked_and_stored_leaves_no_debris(portal):
    setup, server, visitor = portal
    sock = _send(server, _upload_request(visitor))
    time.sleep(0.5)  # the bytes are in; the file is being checked or stored
    server.kill()
    sock.close()
    server.start()
    _assert_clean_after_gc(setup)
