"""Static files: pages link them by content hash, browsers keep them a year."""

import hashlib
import re
from pathlib import Path

from .factories import login

STYLESHEET = re.compile(r'href="(/static/css/portal\.css\?v=([0-9a-f]+))"')


def test_pages_link_static_files_by_content_hash(client, app):
    link = STYLESHEET.search(client.get("/login").get_data(as_text=True))
    assert link is not None
    content = (Path(app.static_folder) / "css" / "portal.css").read_bytes()
    assert hashlib.sha256(content).hexdigest().startswith(link.group(2))


def test_hashed_static_files_are_cached_for_a_year_even_when_signed_in(client, make):
    login(client, make.user())
    url = STYLESHEET.search(client.get("/dashboard").get_data(as_text=True)).group(1)
    hashed, plain = _headers(client, url), _headers(client, "/static/css/portal.css")
    assert "max-age=31536000" in hashed["Cache-Control"]
    assert "immutable" in hashed["Cache-Control"]
    assert "no-store" not in hashed["Cache-Control"]
    # Without the hash a file may change under the same URL: no long caching.
    assert "max-age=31536000" not in plain.get("Cache-Control", "")


def _headers(client, url):
    response = client.get(url)
    response.close()  # a file response: release the file
    assert response.status_code == 200
    return response.headers
