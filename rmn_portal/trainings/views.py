"""Programme pages: the list, create, edit, publish, cancel, the programme
page, and enrolment (enrol, nominate, approve, withdraw)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.models import User
from ..db import db
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..orgs.models import Organisation
from ..pagecache import cached_page
from ..params import page_number
from ..permissions import (
    Action,
    can,
    is_coordinator,
    programmes_visible_to,
    require,
)
from ..security import form_view
from . import (  # noqa: F401 - the other view modules add their routes to bp
    assessments,
    attendance,
    certificates,
    enrolment,
    record_views,
    services,
    session_views,
    stats_views,
)
from .blueprint import bp, load_enrolment, load_programme
from .forms import ActionForm, CancelForm, EnrolForm, NominateForm, ProgrammeForm, format_hours
from .models import Certificate, Enrolment, EnrolmentStatus, Programme

PER_PAGE = 20


@bp.route("")
@cached_page
def index():
    query = (select(Programme).where(programmes_visible_to(current_user))
             .order_by(Programme.created_at.desc(), Programme.id.desc()))
    page = db.paginate(query, page=page_number(), per_page=PER_PAGE,
                       error_out=False)
    mine = dict(db.session.execute(select(Enrolment.programme_id, Enrolment.status).where(
        Enrolment.user_id == current_user.id,
        Enrolment.programme_id.in_([p.id for p in page.items] or [0]))).all())
    return render_template("trainings/index.html", page=page, mine=mine)


# --- create and edit ---------------------------------------------------------------------------

def _organisers() -> list[tuple[str, str]]:
    options = []
    if is_coordinator(current_user):
        options.append(("network", _("The network (coordinators)")))
        orgs = db.session.scalars(select(Organisation).where(Organisation.is_active)
                                  .order_by(Organisation.name))
        options += [(str(org.id), org.name) for org in orgs]
    else:
        options.append((str(current_user.org_id), current_user.org.name))
    return options


def _programme_form(**kwargs) -> ProgrammeForm:
    return ProgrammeForm(organisers=_organisers(),
                         competencies=services.active_competencies(), **kwargs)


def _values(form: ProgrammeForm) -> dict:
    return {"title": form.title.data, "description": form.description.data or "",
            "target_audience": form.target_audience.data or "",
            "visibility": form.visibility.data, "modality": form.modality.data,
            "planned_minutes": form.planned_hours.minutes or 0,
            "capacity": form.capacity.data, "enrolment_mode": form.enrolment_mode.data,
            "external_trainers": form.external_trainers.data or "",
            "completion_percent": form.completion_percent.data,
            "requires_post_assessment": form.requires_post_assessment.data}


def _related(form: ProgrammeForm):
    """Competencies and trainer accounts named in the form; unknown
    addresses are refused beside the field."""
    from .models import Competency

    ids = form.competencies.data or []
    competencies = list(db.session.scalars(select(Competency).where(Competency.id.in_(ids)))
                        ) if ids else []
    emails = form.trainer_email_list()
    trainers = list(db.session.scalars(select(User).where(func.lower(User.email).in_(emails),
                                                          User.active))) if emails else []
    unknown = sorted(set(emails) - {user.email.lower() for user in trainers})
    if unknown:
        raise ServiceError(_("No active account has the address %(emails)s.",
                             emails=", ".join(unknown)), "trainer_emails", status=422)
    return competencies, trainers


def _organiser(form: ProgrammeForm) -> Organisation | None:
    if form.organiser.data == "network":
        return None
    return db.session.get(Organisation, int(form.organiser.data))


@bp.route("/new", methods=["GET", "POST"])
@form_view
def create():
    require(Action.TRAININGS_CREATE)
    form = _programme_form()
    if form.validate_on_submit():
        try:
            competencies, trainers = _related(form)
            programme = services.create_programme(
                current_user, org=_organiser(form), competencies=competencies,
                trainers=trainers, **_values(form))
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The training has been created as a draft. Add its sessions, then "
                    "publish it."), "success")
            return redirect(url_for("trainings.detail", programme_id=programme.id))
    return render_form("trainings/form.html", form, programme=None)


@bp.route("/<int:programme_id>/edit", methods=["GET", "POST"])
@form_view
def edit(programme_id: int):
    programme = load_programme(programme_id, Action.TRAINING_MANAGE)
    if request.method == "GET":
        form = _programme_form(obj=programme, data={
            "version": programme.version,
            "organiser": str(programme.org_id) if programme.org_id else "network",
            "planned_hours": format_hours(programme.planned_minutes),
            "competencies": [c.id for c in programme.competencies],
            "trainer_emails": "\n".join(t.email for t in programme.trainers)})
        form.organiser.render_kw = {"disabled": True}
        return render_form("trainings/form.html", form, programme=programme)
    form = _programme_form()
    # The organiser is fixed once the training exists.
    form.organiser.data = str(programme.org_id) if programme.org_id else "network"
    form.organiser.render_kw = {"disabled": True}
    if form.validate_on_submit():
        try:
            competencies, trainers = _related(form)
            services.update_programme(
                current_user, programme, expected_version=int(form.version.data or 0) or None,
                competencies=competencies, trainers=trainers, **_values(form))
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
            programme = load_programme(programme_id, Action.TRAINING_MANAGE)
            return render_form("trainings/form.html", form, status=max(error.status, 400),
                               programme=programme)
        db.session.commit()
        flash(_("The training has been saved."), "success")
        return redirect(url_for("trainings.detail", programme_id=programme.id))
    return render_form("trainings/form.html", form, programme=programme)


@bp.route("/<int:programme_id>/publish", methods=["POST"])
def publish(programme_id: int):
    programme = load_programme(programme_id, Action.TRAINING_MANAGE)
    try:
        services.publish(current_user, programme)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The training has been published; its sessions are in the calendar."),
              "success")
    return redirect(url_for("trainings.detail", programme_id=programme_id))


@bp.route("/<int:programme_id>/cancel", methods=["GET", "POST"])
@form_view
def cancel(programme_id: int):
    programme = load_programme(programme_id, Action.TRAINING_MANAGE)
    form = CancelForm()
    if form.validate_on_submit():
        try:
            services.cancel_programme(current_user, programme, form.reason.data or "")
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The training has been cancelled."), "success")
            return redirect(url_for("trainings.detail", programme_id=programme_id))
    return render_form("trainings/cancel.html", form, programme=programme, session=None)


# --- the programme page -------------------------------------------------------------------------

def _listed_enrolments(programme: Programme) -> list[Enrolment]:
    """Everyone for the managers and trainers; an organisation admin's own
    staff for them; nobody else (people see their own status only)."""
    query = select(Enrolment).where(Enrolment.programme_id == programme.id)
    if not can(current_user, Action.TRAINING_RECORD_ATTENDANCE, programme):
        if current_user.role.value != "org_admin":
            return []
        query = query.join(User, User.id == Enrolment.user_id).where(
            User.org_id == current_user.org_id)
    order = {EnrolmentStatus.REQUESTED: 0, EnrolmentStatus.APPROVED: 1,
             EnrolmentStatus.WAITLISTED: 2, EnrolmentStatus.WITHDRAWN: 3}
    listed = list(db.session.scalars(query))
    # The waiting list in its order; everyone else by name.
    listed.sort(key=lambda e: (order[e.status], e.waitlisted_at or e.created_at
                               if e.status is EnrolmentStatus.WAITLISTED else e.created_at.min,
                               e.user.name.casefold()))
    return listed


def render_detail(programme: Programme, *, enrol_form=None, nominate_form=None,
                  status: int | None = None):
    mine = enrolment.enrolment_of(programme, current_user)
    listed = _listed_enrolments(programme)
    manager = can(current_user, Action.TRAINING_MANAGE, programme)
    trainer_view = can(current_user, Action.TRAINING_RECORD_ATTENDANCE, programme)
    certs = {c.enrolment_id: c for c in db.session.scalars(
        select(Certificate).join(Enrolment).where(Enrolment.programme_id == programme.id,
                                                  Certificate.revoked_at.is_(None)))}
    context = {
        "programme": programme, "mine": mine, "enrolments": listed, "manager": manager,
        "trainer_view": trainer_view, "certificates": certs,
        "minutes": attendance.attended_minutes(programme) if listed or mine else {},
        "approved": enrolment.approved_count(programme),
        "gains": assessments.programme_gains(programme) if trainer_view else [],
        "min_people": assessments.MIN_PEOPLE,
        "enrol_form": enrol_form or EnrolForm(formdata=None),
        "nominate_form": nominate_form or NominateForm(formdata=None),
        "action_form": ActionForm(formdata=None),
    }
    context["my_certificate"] = (certificates.active_certificate(mine) if mine else None)
    form = enrol_form if enrol_form is not None and enrol_form.errors else (
        nominate_form if nominate_form is not None else context["enrol_form"])
    return render_form("trainings/detail.html", form, status=status, **context)


@bp.route("/<int:programme_id>")
@cached_page
def detail(programme_id: int):
    return render_detail(load_programme(programme_id))


@bp.route("/<int:programme_id>/enrol", methods=["POST"])
@form_view
def enrol(programme_id: int):
    programme = load_programme(programme_id, Action.TRAINING_ENROL)
    form = EnrolForm()
    if not form.validate_on_submit():
        return render_detail(programme, enrol_form=form)
    try:
        result = enrolment.enrol(current_user, programme, form.gender.data or None)
    except ServiceError as error:
        db.session.rollback()
        attach_error(form, error)
        return render_detail(load_programme(programme_id), enrol_form=form,
                             status=max(error.status, 400))
    message = {EnrolmentStatus.APPROVED: _("You are enrolled: your place is confirmed."),
               EnrolmentStatus.WAITLISTED: _("The training is full: you are on the waiting "
                                             "list."),
               EnrolmentStatus.REQUESTED: _("Your request has been sent to the coordinators.")}
    flash(message[result.status], "success")
    db.session.commit()
    return redirect(url_for("trainings.detail", programme_id=programme_id))


@bp.route("/<int:programme_id>/nominate", methods=["POST"])
@form_view
def nominate(programme_id: int):
    programme = load_programme(programme_id, Action.TRAINING_NOMINATE)
    form = NominateForm()
    if not form.validate_on_submit():
        return render_detail(programme, nominate_form=form)
    person = db.session.scalar(select(User).where(
        func.lower(User.email) == form.email.data.lower()))
    try:
        if person is None:
            raise ServiceError(_("No account has this address."), "email", status=422)
        result = enrolment.nominate(current_user, programme, person)
    except ServiceError as error:
        db.session.rollback()
        error.field = "email" if error.field in (None, "person") else error.field
        attach_error(form, error)
        return render_detail(load_programme(programme_id), nominate_form=form,
                             status=max(error.status, 400))
    flash(_("%(name)s: %(status)s.", name=person.name, status=result.status.label), "success")
    db.session.commit()
    return redirect(url_for("trainings.detail", programme_id=programme_id,
                            _anchor="participants"))


@bp.route("/<int:programme_id>/enrolments/<int:enrolment_id>/<any(approve,withdraw):decision>",
          methods=["POST"])
def decide(programme_id: int, enrolment_id: int, decision: str):
    programme = load_programme(programme_id)
    chosen = load_enrolment(programme, enrolment_id)
    name = chosen.user.name
    try:
        if decision == "approve":
            enrolment.approve(current_user, chosen)
        else:
            enrolment.withdraw(current_user, chosen)
    except ServiceError as error:
        db.session.rollback()
        if error.status == 403:
            abort(403)
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("%(name)s: %(status)s.", name=name, status=chosen.status.label), "success")
    return redirect(url_for("trainings.detail", programme_id=programme_id,
                            _anchor="participants"))
