"""Error pages and the domain error services raise."""

import logging

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from .db import db
from .extensions import login_manager

log = logging.getLogger(__name__)


class ServiceError(Exception):
    """A business rule refused an action. `message` is shown to the user
    (already translated); `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_down)
    app.register_error_handler(Exception, handle_unexpected)
    # Registered after Flask-SQLAlchemy's own clean-up, so it runs before it.
    app.teardown_appcontext(close_session_quietly)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def handle_http_error(error: HTTPException):
    db.session.rollback()
    if isinstance(error, CSRFError):
        error.description = _("The form expired or came from another site. "
                              "Please go back, reload the page and try again.")
    if _wants_json():
        body = {"error": {"status": error.code, "title": error.name,
                          "detail": error.description}}
        return jsonify(body), error.code, _retry_after(error)
    template = f"errors/{error.code}.html"
    names = [template, "errors/generic.html"]
    return render_template(names, error=error), error.code, _retry_after(error)


def _retry_after(error) -> dict:
    return {"Retry-After": "300"} if error.code in (429, 503) else {}


def handle_database_down(error: OperationalError):
    """The database is unreachable or locked: fail fast with a friendly page;
    the connection pool reconnects by itself when it is back."""
    log.warning("database unavailable: %s", type(error.orig).__name__)
    try:
        db.session.rollback()
    except OperationalError:
        db.session.remove()
    # Nobody can be recognised without the database: the error page treats
    # the visitor as anonymous instead of asking the database again.
    g._login_user = login_manager.anonymous_user()
    return handle_http_error(ServiceUnavailable())


def close_session_quietly(_error=None) -> None:
    """End the request's session; when the database went away after the
    answer was made, closing its connection fails. The visitor has their
    answer: drop the dead connection (SQLAlchemy invalidates it) instead of
    turning the finished request into a 500."""
    try:
        db.session.remove()
    except OperationalError as error:
        log.warning("database connection lost at the end of a request: %s",
                    type(error.orig).__name__)
        db.session.registry.clear()


def handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return handle_http_error(InternalServerError())
