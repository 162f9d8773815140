"""Pages for everyone: the public home, the privacy notice and the health check."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import text

from ..db import db
from ..orgs import services as orgs
from ..permissions import public
from . import services

bp = Blueprint("public", __name__)


@bp.app_template_global()
def organisation_items(org):
    """Public (or, for members, visible) items of an organisation, for its profile."""
    return services.organisation_items(org, current_user)


@bp.route("/")
@public
def home():
    return render_template(
        "public/home.html", orgs=orgs.directory(None), signed_in=current_user.is_authenticated,
        statements=services.latest_statements(), notes=services.latest_notes(),
        events=services.upcoming_events(), resources=services.latest_resources(),
        figures=services.network_figures())


@bp.route("/privacy")
@public
def privacy():
    return render_template("public/privacy.html")


@bp.route("/healthz")
@public
def healthz():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
