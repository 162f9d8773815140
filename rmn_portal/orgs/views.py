"""The member directory, organisation profiles and each organisation's people."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts import services as accounts
from ..accounts.models import Invitation, Role, User
from ..db import db, utcnow
from ..errors import ServiceError
from ..forms import attach_error, choices, render_form
from ..permissions import Action, assignable_roles, can, invitable_roles, is_admin, public, require
from ..security import form_view
from ..storage import StoredFile, send_stored_file
from . import services
from .forms import (
    ADMIN_FIELDS,
    PROFILE_FIELDS,
    InviteForm,
    OrganisationAdminForm,
    OrganisationProfileForm,
    RoleForm,
)

bp = Blueprint("orgs", __name__, url_prefix="/organisations")



def _load(slug: str):
    org = services.by_slug(slug)
    if org is None:
        abort(404)
    return require(Action.ORGANISATION_READ, org)


@bp.route("")
@public
def directory():
    return render_template("orgs/directory.html", orgs=services.directory(current_user))


@bp.route("/<slug>")
@public
def profile(slug: str):
    org = _load(slug)
    return render_template("orgs/profile.html", org=org)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@form_view
def edit(slug: str):
    org = require(Action.ORGANISATION_EDIT_PROFILE, _load(slug))
    admin = is_admin(current_user)
    form = (OrganisationAdminForm if admin else OrganisationProfileForm)(obj=org)
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in (ADMIN_FIELDS if admin
                                                               else PROFILE_FIELDS)}
        try:
            services.change_logo(current_user, org, form.logo.data, form.remove_logo.data)
            services.update_organisation(current_user, org, **fields)
        except ServiceError as error:
            attach_error(form, error)  # nothing is committed, the new file goes too
        else:
            db.session.commit()
            flash(_("The organisation profile has been saved."), "success")
            return redirect(url_for("orgs.profile", slug=org.slug))
    return render_form("orgs/edit.html", form, org=org)


@bp.route("/<slug>/logo")
@public
def logo(slug: str):
    """The logo: for whoever may see the organisation, and for everyone when
    the organisation chose to show it publicly (under the statements it signs)."""
    org = services.by_slug(slug)
    if org is None or org.logo_id is None:
        abort(404)
    if not (org.show_logo or can(current_user, Action.ORGANISATION_READ, org)):
        abort(404)
    stored = db.session.get(StoredFile, org.logo_id)
    return send_stored_file(stored, public=org.show_logo and org.is_public)


# --- people -------------------------------------------------------------------------------

def _role_choices(roles):
    return choices((role.value, role.label) for role in roles)


@bp.route("/<slug>/people", methods=["GET", "POST"])
@form_view
def people(slug: str):
    org = require(Action.ORGANISATION_MANAGE_PEOPLE, _load(slug))
    form = InviteForm()
    form.role.choices = _role_choices(invitable_roles(current_user, org))
    if form.validate_on_submit():
        try:
            accounts.invite(current_user, org, form.email.data, Role(form.role.data))
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("orgs.people", slug=org.slug))
    members = db.session.scalars(select(User).where(User.org_id == org.id)
                                 .order_by(User.active.desc(), User.name)).all()
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.org_id == org.id, Invitation.accepted_at.is_(None),
                                 Invitation.revoked_at.is_(None),
                                 Invitation.expires_at > utcnow())
        .order_by(Invitation.created_at.desc())).all()
    role_form = RoleForm()
    role_form.role.choices = _role_choices(assignable_roles(current_user, org))
    return render_form("orgs/people.html", form, org=org, members=members,
                       invitations=invitations, role_form=role_form)


def _load_person(org, user_id: int) -> User:
    person = db.session.get(User, user_id)
    if person is None or person.org_id != org.id or not can(current_user, Action.PERSON_MANAGE,
                                                            person):
        abort(404)
    return person


@bp.route("/<slug>/people/<int:user_id>/role", methods=["POST"])
@form_view
def change_role(slug: str, user_id: int):
    org = require(Action.ORGANISATION_MANAGE_PEOPLE, _load(slug))
    person = _load_person(org, user_id)
    form = RoleForm()
    form.role.choices = _role_choices(assignable_roles(current_user, org))
    if not form.validate():
        abort(400)
    try:
        accounts.change_role(current_user, person, Role(form.role.data))
    except ServiceError as error:
        abort(error.status)
    db.session.commit()
    flash(_("%(name)s is now: %(role)s.", name=person.name, role=person.role.label), "success")
    return redirect(url_for("orgs.people", slug=org.slug))


@bp.route("/<slug>/people/<int:user_id>/<any(activate,deactivate):change>", methods=["POST"])
def set_active(slug: str, user_id: int, change: str):
    org = require(Action.ORGANISATION_MANAGE_PEOPLE, _load(slug))
    person = _load_person(org, user_id)
    accounts.set_active(current_user, person, change == "activate")
    db.session.commit()
    message = (_("%(name)s can sign in again.", name=person.name) if person.active
               else _("%(name)s has been deactivated and signed out.", name=person.name))
    flash(message, "success")
    return redirect(url_for("orgs.people", slug=org.slug))


@bp.route("/<slug>/invitations/<int:invitation_id>/revoke", methods=["POST"])
def revoke_invitation(slug: str, invitation_id: int):
    org = require(Action.ORGANISATION_MANAGE_PEOPLE, _load(slug))
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.org_id != org.id:
        abort(404)
    accounts.revoke_invitation(current_user, invitation)
    db.session.commit()
    flash(_("The invitation has been withdrawn."), "success")
    return redirect(url_for("orgs.people", slug=org.slug))
