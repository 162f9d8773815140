"""The main pages the benchmark drives and the query-count test checks,
and the account that reads them (a demo member: no second factor)."""

import re

from flask import current_app
from sqlalchemy import event, select

from .. import pagecache
from ..db import db
from ..statements.models import Statement, StatementStatus

MEMBER = "member1-iris-collective"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def member_email(app=None) -> str:
    return f"{MEMBER}@{(app or current_app).config['DEMO_EMAIL_DOMAIN']}"


def main_pages() -> list[tuple[str, str]]:
    """(label, path) of every main page, on the data in the database."""
    statement_id = db.session.scalar(
        select(Statement.id).where(Statement.status == StatementStatus.PUBLISHED)
        .order_by(Statement.id.desc()).limit(1))
    return [
        ("dashboard", "/dashboard"),
        ("resources", "/resources"),
        ("resources, filtered", "/resources?kind=report&language=sr&sort=title"),
        ("resources, page 50", "/resources?page=50"),
        ("search", "/search?q=azil"),
        ("events", "/events"),
        ("event calendar", "/events/month"),
        ("trainings dashboard", "/trainings/dashboard"),
        ("notes dashboard", "/notes/dashboard"),
        ("notes", "/notes"),
        ("statements", "/statements"),
        ("statement", f"/statements/{statement_id}"),
        ("API statements", "/api/v1/statements"),
        ("API events", "/api/v1/events"),
        ("API notes", "/api/v1/notes"),
    ]


def sign_in_member(app, client) -> None:
    """Sign the test client in as the demo member, through the form (outside
    an app context, like `queries_per_page`)."""
    page = client.get("/login").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    response = client.post("/login", data={"email": member_email(app), "csrf_token": token,
                                           "password": app.config["DEMO_PASSWORD"]})
    if response.status_code != 302:
        raise RuntimeError("the demo member could not sign in")


def queries_per_page(client, engine, pages: list[tuple[str, str]]) -> dict[str, int]:
    """SQL statements each page runs to render, counted on a second (warm)
    request with the page cache emptied first: what a reader pays when the
    data has just changed. Call it outside an app context: each request must
    have its own."""
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        counts = {}
        for _label, path in pages:
            client.get(path)
            pagecache.forget_everything(client.application)
            statements.clear()
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
            counts[path] = len(statements)
        return counts
    finally:
        event.remove(engine, "before_cursor_execute", count)
