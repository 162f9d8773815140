"""Your data: the download, account deletion, the organisation export."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from .. import audit
from ..db import db, utcnow
from ..errors import ServiceError
from ..extensions import limiter
from ..forms import attach_error, render_form
from ..orgs import services as orgs
from ..permissions import Action, require
from ..security import form_view
from ..storage import CHUNK, content_disposition
from . import erasure, organisation, personal
from .forms import DeleteAccountForm
from .zipper import build_zip

bp = Blueprint("privacy", __name__)
# Exports read a lot; a person needs one now and then, not a hundred.
EXPORT_LIMIT = "10 per hour"


def _user_key() -> str:
    return f"user:{current_user.id}"


@bp.route("/account/data")
def overview():
    return render_template("privacy/overview.html", sections=list(personal.SECTIONS),
                           drafts_note=personal.DRAFT_TEXT_LEFT_OUT)


@bp.route("/account/data/export.zip")
@limiter.limit(EXPORT_LIMIT, key_func=_user_key)
def export():
    user = current_user._get_current_object()
    document = {"about": "Everything the RMN Portal holds about you.", **personal.collect(user)}
    archive = build_zip(document, personal.files(user), _readme(personal.DRAFT_TEXT_LEFT_OUT))
    audit.record(user, "account.exported", user)
    db.session.commit()
    return _zip_response(archive, f"rmn-portal-my-data-{utcnow():%Y-%m-%d}.zip")


@bp.route("/account/delete", methods=["GET", "POST"])
@form_view
def delete_account():
    form = DeleteAccountForm()
    blocked = None
    try:
        erasure.check_can_delete(current_user)
    except ServiceError as error:
        blocked = error.message
    if blocked is None and form.validate_on_submit():
        try:
            erasure.delete_account(current_user._get_current_object(), form.password.data,
                                   form.code.data)
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            logout_user()
            session.clear()
            flash(_("Your account has been deleted. Thank you for the work you did with the "
                    "network."), "success")
            return redirect(url_for("public.home"))
    return render_form("privacy/delete.html", form, blocked=blocked,
                       status=409 if blocked and form.is_submitted() else None)


@bp.route("/organisations/<slug>/export.zip")
@limiter.limit(EXPORT_LIMIT, key_func=_user_key)
def organisation_export(slug: str):
    org = orgs.by_slug(slug)
    if org is None:
        abort(404)
    require(Action.ORGANISATION_EXPORT, org)
    document = {"about": f"The content of {org.name} in the RMN Portal.",
                **organisation.collect(org)}
    archive = build_zip(document, organisation.files(org), _readme(
        "Notes are included as published (redacted) only."))
    audit.record(current_user, "organisation.exported", org)
    db.session.commit()
    return _zip_response(archive, f"rmn-portal-{org.slug}-{utcnow():%Y-%m-%d}.zip")


def _zip_response(archive, filename: str):
    def chunks():
        # Streamed, then closed (a large export lives in a temporary file).
        try:
            while chunk := archive.read(CHUNK):
                yield chunk
        finally:
            archive.close()

    response = Response(chunks(), mimetype="application/zip")
    response.headers["Content-Disposition"] = content_disposition(filename, inline=False)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _readme(extra: str) -> str:
    return ("RMN Portal data export\n\n"
            "document.json holds the data as JSON (times in UTC, ISO 8601).\n"
            "files/ holds the files, named <number>-<original name>; document.json lists them.\n\n"
            f"{extra}\n")
