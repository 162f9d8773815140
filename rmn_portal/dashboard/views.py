"""The personal start page after signing in."""

from flask import Blueprint, render_template
from flask_login import current_user

from ..accounts.models import Role
from ..pagecache import cached_page
from ..permissions import Action, can
from . import services

bp = Blueprint("dashboard", __name__)


@bp.route("/dashboard")
@cached_page
def index():
    user = current_user._get_current_object()
    needs_me = {
        "review": services.notes_to_review(user),
        "returned": services.my_returned_notes(user),
        "sign": services.statements_to_sign(user),
        "approve": services.registrations_to_approve(user),
        "trainings": services.my_trainings(user),
    }
    return render_template(
        "dashboard/index.html", needs_me=needs_me,
        nothing_needs_me=not any(panel.total for panel in needs_me.values()),
        upcoming=services.my_upcoming_events(user), activity=services.recent_activity(user),
        manages_people=can(user, Action.ORGANISATION_MANAGE_PEOPLE, user.org),
        is_admin=user.role is Role.ADMIN,
    )
