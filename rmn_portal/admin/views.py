"""Platform administration: organisations, accounts and the audit log.

The platform admin manages accounts and organisations; these pages never show
organisation-only content or note drafts.
"""

from datetime import UTC, datetime, time, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from ..accounts.models import Role, User
from ..audit import AuditEvent
from ..db import db
from ..errors import ServiceError
from ..forms import attach_error, choices, render_form
from ..orgs import services as orgs
from ..orgs.forms import ADMIN_FIELDS, OrganisationAdminForm
from ..orgs.models import Organisation
from ..permissions import Action, require
from ..security import form_view
from .forms import AuditFilterForm, UserFilterForm

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 50


def _org_choices():
    organisations = db.session.execute(select(Organisation.id, Organisation.short_name)
                                       .order_by(Organisation.short_name))
    return choices([("", _("All")), *organisations])


@bp.route("/")
def index():
    require(Action.ORGANISATIONS_MANAGE)
    return redirect(url_for("admin.organisations"))


@bp.route("/organisations")
def organisations():
    require(Action.ORGANISATIONS_MANAGE)
    rows = db.session.scalars(select(Organisation).order_by(Organisation.country,
                                                            Organisation.name)).all()
    return render_template("admin/organisations.html", orgs=rows)


@bp.route("/organisations/new", methods=["GET", "POST"])
@form_view
def new_organisation():
    require(Action.ORGANISATIONS_MANAGE)
    form = OrganisationAdminForm()
    if form.validate_on_submit():
        fields = {name: getattr(form, name).data for name in ADMIN_FIELDS}
        try:
            org = orgs.create_organisation(current_user, **fields)
            orgs.change_logo(current_user, org, form.logo.data, remove=False)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The organisation has been created. Invite its first admin now."), "success")
            return redirect(url_for("orgs.people", slug=org.slug))
    return render_form("admin/new_organisation.html", form)


@bp.route("/users")
def users():
    require(Action.USERS_MANAGE)
    form = UserFilterForm(request.args)
    form.org.choices = _org_choices()
    form.role.choices = choices([("", _("All")), *((role.value, role.label) for role in Role)])
    query = select(User).order_by(User.name)
    if form.validate():
        if form.q.data:
            pattern = f"%{form.q.data.casefold()}%"
            query = query.where(or_(User.email.like(pattern), User.name.ilike(pattern)))
        if form.org.data:
            query = query.where(User.org_id == int(form.org.data))
        if form.role.data:
            query = query.where(User.role == Role(form.role.data))
        if form.status.data:
            query = query.where(User.active.is_(form.status.data == "active"))
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("admin/users.html", form=form, page=page)


@bp.route("/audit")
def audit_log():
    require(Action.AUDIT_READ)
    form = AuditFilterForm(request.args)
    form.org.choices = _org_choices()
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    if form.validate():
        query = _filter_audit(query, form)
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    actor_ids = {event.actor_id for event in page.items if event.actor_id}
    actors = {user.id: user for user in db.session.scalars(
        select(User).where(User.id.in_(actor_ids)))} if actor_ids else {}
    orgs_by_id = dict(db.session.execute(select(Organisation.id, Organisation.short_name)).all())
    return render_template("admin/audit.html", form=form, page=page, actors=actors,
                           orgs_by_id=orgs_by_id)


def _filter_audit(query, form):
    if form.action.data:
        query = query.where(AuditEvent.action.startswith(form.action.data, autoescape=True))
    if form.actor.data:
        actor = db.session.scalar(select(User.id).where(User.email == form.actor.data.casefold()))
        query = query.where(AuditEvent.actor_id == actor)
    if form.org.data:
        org_id = int(form.org.data)
        query = query.where(or_(AuditEvent.org_id == org_id, AuditEvent.actor_org_id == org_id))
    if form.since.data:
        query = query.where(AuditEvent.at >= datetime.combine(form.since.data, time(), UTC))
    if form.until.data:
        end = datetime.combine(form.until.data, time(), UTC) + timedelta(days=1)
        query = query.where(AuditEvent.at < end)
    return query
