"""/search: one box for everything registered with the search index."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from ..pagecache import cached_page
from ..params import page_number
from ..permissions import public
from . import queries, registry
from .text import query_terms

bp = Blueprint("search", __name__, url_prefix="/search")
PER_PAGE = 10


@bp.route("")
@public
@cached_page
def index():
    query = (request.args.get("q") or "").strip()[:200]
    kinds = {source.kind for source in registry.sources()}
    kind = request.args.get("kind") if request.args.get("kind") in kinds else None
    page = page_number()
    cap = queries.count_cap()
    groups = queries.search(current_user, query, kind, page, PER_PAGE, cap) if query else []
    return render_template("search/index.html", query=query, kind=kind, page=page,
                           sources=registry.sources(),
                           groups=groups, per_page=PER_PAGE, cap=cap,
                           too_short=bool(query) and not query_terms(query))
