"""Pages for everyone: the public home, the privacy notice and the health check."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import text

from ..db import db
from ..orgs import services as orgs
from ..permissions import public

bp = Blueprint("public", __name__)


@bp.route("/")
@public
def home():
    listed = [org for org in orgs.directory(None)]
    return render_template("public/home.html", orgs=listed,
                           signed_in=current_user.is_authenticated)


@bp.route("/privacy")
@public
def privacy():
    return render_template("public/privacy.html")


@bp.route("/healthz")
@public
def healthz():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
