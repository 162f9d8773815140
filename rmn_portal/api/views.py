"""The read-only JSON API under /api/v1/ and the pages that manage tokens.

Every answer is JSON; errors share one shape (`{"error": {...}}`, see
`errors.py`). Lists are paginated (`page`, `per_page`) and take the filters
of the matching page. Calls are rate limited per token, or per address for
anonymous callers. The API ignores the session cookie: a browser that is
signed in reads it like anyone else, so cross-site pages gain nothing.
"""

import logging

from flask import abort, current_app, jsonify, request, url_for
from sqlalchemy import func, select

from ..db import db
from ..extensions import limiter
from ..notes import dashboard
from ..orgs.models import Organisation
from ..pagecache import cached_page
from ..pagination import ExactPagination
from ..params import MAX_PAGE, whole_number
from ..permissions import READ_ACTION, can, public
from ..resources import queries as resource_queries
from ..statements import signing
from ..statements.models import Signature, Statement
from . import access, openapi, queries, serialize, token_views  # noqa: F401 - token pages
from .blueprint import API, bp
from .queries import BadParameter

log = logging.getLogger(__name__)

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


def _limit() -> str:
    token = request.headers.get("Authorization")
    return current_app.config["API_RATE_LIMIT_TOKEN" if token else "API_RATE_LIMIT_ANONYMOUS"]


api_limit = limiter.shared_limit(_limit, scope="api", key_func=access.rate_limit_key)


@bp.record_once
def _defaults(state):
    state.app.config.setdefault("API_RATE_LIMIT_ANONYMOUS", "60 per minute")
    state.app.config.setdefault("API_RATE_LIMIT_TOKEN", "300 per minute")


@bp.after_request
def _api_headers(response):
    if not request.path.startswith(API):
        return response
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="rmn-portal"'
    response.headers["Vary"] = "Authorization"
    if request.headers.get("Authorization"):
        response.headers["Cache-Control"] = "private, no-store"
    else:
        response.headers.setdefault("Cache-Control", "public, max-age=60")
        # Public content only: any site may read it (no cookies are used).
        response.headers["Access-Control-Allow-Origin"] = "*"
    try:
        _rate_limit_headers(response)
    except Exception as error:
        # The limit store can go away between the check and this point (Redis
        # restarted); the request was served, the headers are only a courtesy.
        log.warning("rate limit headers left out: %s", type(error).__name__)
    return response


def _rate_limit_headers(response) -> None:
    current = limiter.current_limit
    if current is not None:
        response.headers["X-RateLimit-Limit"] = str(current.limit.amount)
        response.headers["X-RateLimit-Remaining"] = str(current.remaining)
        response.headers["X-RateLimit-Reset"] = str(int(current.reset_at))


def api_view(rule: str, endpoint: str | None = None):
    """An API route: public (the token decides what is read), rate limited."""

    def decorator(view):
        limited = api_limit(view)
        limited = public(limited)
        bp.add_url_rule(f"{API}{rule}", endpoint or view.__name__, limited, methods=["GET"])
        return view

    return decorator


def _bad_parameter(error: BadParameter):
    body = {"error": {"status": 400, "title": "Bad Request", "detail": error.detail,
                      "parameter": error.parameter}}
    return jsonify(body), 400


def _page_args() -> tuple[int, int]:
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", DEFAULT_PER_PAGE))
    except ValueError:
        raise BadParameter("page", "page and per_page must be whole numbers.") from None
    if not 1 <= page <= MAX_PAGE:
        raise BadParameter("page", f"page is between 1 and {MAX_PAGE}.")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise BadParameter("per_page", f"per_page is between 1 and {MAX_PER_PAGE}.")
    return page, per_page


def _listing(query, shape, *, extra=None):
    page_number, per_page = _page_args()
    page = ExactPagination(select=query, session=db.session(), page=page_number,
                           per_page=per_page, error_out=False)
    items = list(page.items)
    context = extra(items) if extra else None  # nosec B610  # our callback, not Django's .extra()
    data = [shape(item, context) if extra else shape(item) for item in items]

    def link(number):
        if number is None:
            return None
        args = {**request.args.to_dict(), "page": number}
        return url_for(request.endpoint, _external=False, **args)

    return jsonify({
        "data": data,
        "meta": {"page": page.page, "per_page": per_page, "total": page.total,
                 "pages": page.pages},
        "links": {"self": link(page.page), "next": link(page.next_num if page.has_next else None),
                  "prev": link(page.prev_num if page.has_prev else None)},
    })


def _visible_or_404(obj):
    reader = access.current_reader()
    if obj is None or not can(reader, READ_ACTION[type(obj)], obj):
        abort(404)
    return obj


def _guarded(view):
    """Turn a bad parameter into the API's 400 error object."""

    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except BadParameter as error:
            return _bad_parameter(error)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- the document and the index ------------------------------------------------------

@api_view("/", "index")
@cached_page
def index():
    return jsonify({"name": current_app.config["NETWORK_NAME"] + " API", "version": "1",
                    "openapi": url_for("api.openapi_document"),
                    "resources": {name: f"{API}/{name}" for name in openapi.COLLECTIONS}})


@api_view("/openapi.json", "openapi_document")
@cached_page
def openapi_document():
    return jsonify(openapi.document(current_app.config["BASE_URL"]))


@api_view("/me", "me")
def me():
    """Who the token belongs to (a token is required)."""
    reader = access.current_reader()
    if not reader.is_authenticated:
        access.raise_unauthorized("This operation needs a personal access token.")
    token = reader.token
    return jsonify({"name": token.user.name, "organisation": serialize.org_ref(token.user.org),
                    "token": {"name": token.name, "prefix": token.prefix,
                              "expires_at": serialize.iso(token.expires_at)},
                    "reads": "network"})


# --- statements ----------------------------------------------------------------------------

def _signature_counts(statements) -> dict[int, int]:
    ids = [statement.id for statement in statements]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Signature.statement_id, func.count())
        .where(Signature.statement_id.in_(ids), Signature.withdrawn_at.is_(None),
               Signature.set_aside_at.is_(None)).group_by(Signature.statement_id))
    return dict(rows.all())


@api_view("/statements", "statements")
@_guarded
@cached_page
def statements():
    query = queries.statements(access.current_reader(), request.args)
    return _listing(query, lambda s, counts: serialize.statement_summary(s, counts.get(s.id, 0)),
                    extra=_signature_counts)


@api_view("/statements/<int:statement_id>", "statement")
@cached_page
def statement(statement_id: int):
    item = _visible_or_404(db.session.get(Statement, statement_id))
    signatures = signing.active_signatures(signing.current_sign_on(item))
    return jsonify(serialize.statement_detail(item, signatures))


# --- notes and the needs statistics ------------------------------------------------------

@api_view("/notes", "notes")
@_guarded
@cached_page
def notes():
    return _listing(queries.notes(access.current_reader(), request.args), serialize.note)


@api_view("/notes/<int:note_id>", "note")
@cached_page
def note(note_id: int):
    from ..notes.models import Note

    item = _visible_or_404(db.session.get(Note, note_id))
    if not item.is_published:
        abort(404)
    return jsonify(serialize.note(item))


@api_view("/notes/statistics", "note_statistics")
@_guarded
@cached_page
def note_statistics():
    """The needs dashboard's tables, with the same small-cell suppression."""
    reader = access.current_reader()
    years = dashboard.available_years(reader)
    year = request.args.get("year", "").strip()
    if year:
        if whole_number(year) not in years:
            raise BadParameter("year", "Choose one of: " + ", ".join(map(str, years)) + ".")
        chosen = int(year)
    else:
        chosen = years[0]
    board = dashboard.build(reader, chosen)
    return jsonify({
        "year": board.year, "years": years, "quarters": list(board.quarters),
        "notes_per_quarter": [serialize.cell(c) for c in board.by_quarter.cells],
        "total": serialize.cell(board.by_quarter.total),
        "tables": [{
            "key": table.key, "title": table.title, "rows": [
                {"label": label, "cells": [serialize.cell(c) for c in cells],
                 "total": serialize.cell(total)}
                for label, cells, total in zip(table.rows, table.table.cells,
                                               table.table.row_totals, strict=True)],
            "column_totals": [serialize.cell(c) for c in table.table.column_totals],
            "total": serialize.cell(table.table.total),
        } for table in board.tables],
        "suppression": {"minimum": 5, "note": "Counts under 5 are shown as '<5'; a second "
                        "count is suppressed where a total would reveal a hidden one."},
    })


# --- events ------------------------------------------------------------------------------------

@api_view("/events", "events")
@_guarded
@cached_page
def events():
    return _listing(queries.events(access.current_reader(), request.args), serialize.event)


@api_view("/events/<int:event_id>", "event")
@cached_page
def event(event_id: int):
    from ..events.models import Event

    return jsonify(serialize.event(_visible_or_404(db.session.get(Event, event_id))))


# --- organisations ------------------------------------------------------------------------------

@api_view("/organisations", "organisations")
@_guarded
@cached_page
def organisations():
    return _listing(queries.organisations(access.current_reader(), request.args),
                    serialize.organisation)


@api_view("/organisations/<slug>", "organisation")
@cached_page
def organisation(slug: str):
    org = _visible_or_404(db.session.scalar(select(Organisation).where(Organisation.slug == slug)))
    if not access.current_reader().is_authenticated and not org.is_listed:
        abort(404)
    return jsonify(serialize.organisation(org))


# --- resources ----------------------------------------------------------------------------------

@api_view("/resources", "resources")
@_guarded
@cached_page
def resources():
    return _listing(queries.resources(access.current_reader(), request.args),
                    serialize.resource)


@api_view("/resources/<int:resource_id>", "resource")
@cached_page
def resource(resource_id: int):
    from ..resources.models import Resource

    item = db.session.scalar(select(Resource).where(
        Resource.id == resource_id, resource_queries.readable(access.current_reader())))
    if item is None:
        abort(404)
    return jsonify(serialize.resource(item))


# --- trainings ----------------------------------------------------------------------------------

@api_view("/trainings", "trainings")
@_guarded
@cached_page
def trainings():
    return _listing(queries.trainings(access.current_reader(), request.args),
                    serialize.training)


@api_view("/trainings/<int:programme_id>", "training")
@cached_page
def training(programme_id: int):
    from ..trainings.models import Programme

    item = db.session.scalar(select(Programme).where(
        Programme.id == programme_id, queries.readable_programmes(access.current_reader())))
    if item is None:
        abort(404)
    return jsonify(serialize.training(item))

