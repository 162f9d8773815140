"""The main pages the benchmark drives and the query-count test checks,
and the account that reads them (a demo member: no second factor)."""

from flask import current_app
from sqlalchemy import select

from ..db import db
from ..statements.models import Statement, StatementStatus

MEMBER = "member1-iris-collective"


def member_email() -> str:
    return f"{MEMBER}@{current_app.config['DEMO_EMAIL_DOMAIN']}"


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
