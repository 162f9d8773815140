"""Cache-busted static files: every `url_for("static", ...)` gets `?v=` and
a short hash of the file's content, and such URLs are cached by browsers and
proxies for a year (a changed file gets a new URL). Hashes are computed once
per file and process."""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, request

YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    folder = Path(app.static_folder)

    @cache
    def fingerprint(filename: str) -> str | None:
        path = folder / filename
        if not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]

    @app.url_defaults
    def add_fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "v" not in values and "filename" in values:
            digest = fingerprint(values["filename"])
            if digest:
                values["v"] = digest

    @app.after_request
    def cache_fingerprinted(response):
        if (request.endpoint == "static" and request.args.get("v")
                and response.status_code in (200, 304)):
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        return response
