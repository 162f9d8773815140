"""Security baseline: response headers, CSRF guard, safe redirects, HTML sanitising.

This is the only module that imports bleach. bleach is no longer maintained
upstream, so it only ever sees HTML that markdown-it-py produced with raw HTML
disabled, and the Content-Security-Policy (no inline script) is a second wall.
"""

import re
from functools import partial
from urllib.parse import urlsplit

import bleach
from bleach.linkifier import LinkifyFilter, build_url_re
from flask import Flask, abort, current_app, request, session

from .extensions import csrf

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
STATIC_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}
HSTS = "max-age=63072000; includeSubDomains"
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def init_app(app: Flask) -> None:
    app.after_request(set_security_headers)
    app.before_request(refuse_nul_bytes)
    app.before_request(csrf_guard)


def refuse_nul_bytes():
    """No text a person types contains a NUL byte; PostgreSQL refuses it in
    any query ("cannot contain NUL"), which turned `?tag=a%00b` into a 500.
    Refused up front, for the address, the query string and form fields."""
    sources = [request.args] + ([request.form] if request.method in STATE_CHANGING else [])
    # Every value of a repeated field (`?tag=a&tag=b%00`) and the names too.
    values = [request.path] + [text for source in sources
                               for name, texts in source.lists() for text in (name, *texts)]
    if any("\x00" in value for value in values):
        abort(400)


def set_security_headers(response):
    for name, value in STATIC_HEADERS.items():
        # A route may tighten its own policy (downloads use a sandbox CSP).
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    # Decided from the cookie alone, so that this works when the database is down.
    # Static files are the same for everyone (assets.py lets browsers keep them).
    if "_user_id" in session and request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


# --- CSRF -------------------------------------------------------------------

def form_view(view):
    """Mark a view whose FlaskForm checks the CSRF token itself.

    Such a view shows a rejected form again, with the user's text kept and a
    400 status; every other state-changing request is checked up front.
    """
    view.csrf_checked_by_form = True
    return view


def csrf_guard():
    if request.method not in STATE_CHANGING:
        return
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if getattr(view, "csrf_checked_by_form", False) or getattr(view, "token_authenticated", False):
        return
    csrf.protect()


def token_authenticated(view):
    """Mark an API view authenticated by a bearer token, not a cookie: a
    cross-site page cannot make the browser send it, so CSRF does not apply."""
    view.token_authenticated = True
    return view


def csrf_failed(form) -> bool:
    """True when a submitted form failed only or also on its CSRF token."""
    return bool(form.meta.csrf and "csrf_token" in form.errors)


# --- redirects ----------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only local absolute paths: no scheme, no host, no //host or /\\host,
    no control characters or backslashes that browsers reinterpret."""
    if not target or _CONTROL.search(target):
        return fallback
    if not target.startswith("/") or target.startswith("//"):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


# --- HTML sanitising ------------------------------------------------------------

ALLOWED_TAGS = frozenset({
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "abbr": ["title"], "th": ["align"],
                      "td": ["align"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer ugc"


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    # Bare web addresses become links too, but only http(s) ones: the linkifier
    # runs after the protocol allowlist and would otherwise create ftp: links.
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"},
                     url_re=build_url_re(protocols=["http", "https"]))],
)


def sanitize_html(html: str) -> str:
    """Reduce HTML to the allowlist; every link gets rel=nofollow noopener noreferrer ugc."""
    return _cleaner.clean(html)

