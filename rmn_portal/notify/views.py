"""The notification centre and the e-mail preferences."""

from itertools import groupby

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..db import db
from ..forms import render_form
from ..security import form_view, safe_next_url
from . import kinds, services
from .forms import field_name, preferences_form
from .models import Frequency, Notification

bp = Blueprint("notify", __name__)
PER_PAGE = 25


@bp.route("/notifications")
def centre():
    unread_only = request.args.get("show") == "unread"
    query = select(Notification).where(Notification.user_id == current_user.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    query = query.order_by(Notification.created_at.desc(), Notification.id.desc())
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("notify/centre.html", page=page, unread_only=unread_only,
                           unread=services.unread_count(current_user))


@bp.route("/notifications/<int:notification_id>")
def open_notification(notification_id: int):
    """Follow a notification's link; following it marks it as read."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    services.mark_read(notification)
    db.session.commit()
    return redirect(safe_next_url(notification.url, url_for("notify.centre")))


@bp.route("/notifications/read", methods=["POST"])
def mark_all_read():
    count = services.mark_all_read(current_user)
    db.session.commit()
    if count:
        flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notify.centre"))


@bp.route("/account/notifications", methods=["GET", "POST"])
@form_view
def preferences():
    listed = _listed_kinds()
    form = preferences_form(listed, services.preferences(current_user),
                            formdata=request.form if request.method == "POST" else None)
    if form.validate_on_submit():
        services.set_preferences(current_user, {
            kind.name: Frequency(getattr(form, field_name(kind.name)).data) for kind in listed})
        db.session.commit()
        flash(_("Your notification preferences have been saved."), "success")
        return redirect(url_for("notify.preferences"))
    sections = [(section, [(kind, getattr(form, field_name(kind.name))) for kind in group])
                for section, group in groupby(listed, key=lambda kind: str(kind.section))]
    return render_form("notify/preferences.html", form, sections=sections)


def _listed_kinds() -> list[kinds.Kind]:
    """Registered kinds, plus any other kind this person has received."""
    received = db.session.scalars(select(Notification.kind).where(
        Notification.user_id == current_user.id).distinct()).all()
    listed = kinds.kinds()
    known = {kind.name for kind in listed}
    listed += [kinds.Kind(name, name, kinds.OTHER) for name in sorted(received)
               if name not in known]
    return listed
