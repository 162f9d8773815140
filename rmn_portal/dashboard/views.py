"""The personal start page after signing in."""

from flask import Blueprint, render_template
from flask_login import current_user

from ..accounts.models import Role
from ..permissions import Action, can

bp = Blueprint("dashboard", __name__)


@bp.route("/dashboard")
def index():
    return render_template(
        "dashboard/index.html",
        manages_people=can(current_user, Action.ORGANISATION_MANAGE_PEOPLE, current_user.org),
        is_admin=current_user.role is Role.ADMIN,
    )
