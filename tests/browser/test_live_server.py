"""The server the browser tests talk to must not leak open files when a browser
cuts a response short (as it does with a favicon when the page navigates on):
the garbage collector's warning would fail whichever test happened to run."""

import socket
import struct
import sys
import threading
import time
from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

from tests.browser_support import _closing

REQUEST = b"GET /static/img/favicon.svg HTTP/1.1\r\nHost: x\r\n\r\n"
STATIC = str(Path(__file__).resolve().parents[2] / "static")


def test_responses_cut_short_by_the_client_close_their_files():
    unraisable = []
    app = Flask(__name__, static_folder=STATIC)
    server = make_server("127.0.0.1", 0, _closing(app), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    previous_hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        for _ in range(30):
            with socket.create_connection(("127.0.0.1", server.server_port)) as client:
                # Linger 0: close with a reset, as a browser abandoning the request does.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.sendall(REQUEST + b"x" * 64)
                time.sleep(0.002)
        time.sleep(0.3)
    finally:
        server.shutdown()
        sys.unraisablehook = previous_hook
    assert [repr(u.exc_value) for u in unraisable] == []
