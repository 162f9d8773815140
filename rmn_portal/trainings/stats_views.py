"""Competencies, the training needs assessment, dashboards and the donor report."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..accounts.models import User
from ..db import db
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..orgs.models import Organisation
from ..pagecache import cached_page
from ..params import whole_number
from ..permissions import Action, can, is_coordinator, is_org_admin_of, require
from ..security import form_view
from . import assessments, figures, network, report, services
from .blueprint import bp
from .forms import ActionForm, CompetencyForm, ReportForm, YearForm
from .models import Competency, Enrolment, EnrolmentStatus

# --- competencies --------------------------------------------------------------------------------


@bp.route("/competencies")
def competencies():
    listed = db.session.scalars(select(Competency).order_by(Competency.active.desc(),
                                                            Competency.name)).all()
    return render_template("trainings/competencies.html", competencies=listed)


@bp.route("/competencies/new", methods=["GET", "POST"])
@bp.route("/competencies/<int:competency_id>/edit", methods=["GET", "POST"])
@form_view
def edit_competency(competency_id: int | None = None):
    require(Action.TRAININGS_MANAGE_COMPETENCIES)
    competency = db.session.get(Competency, competency_id) if competency_id else None
    if competency_id and competency is None:
        abort(404)
    form = CompetencyForm(obj=competency) if request.method == "GET" else CompetencyForm()
    if form.validate_on_submit():
        try:
            services.save_competency(current_user, competency, name=form.name.data,
                                     description=form.description.data or "",
                                     active=form.active.data)
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The competency has been saved."), "success")
            return redirect(url_for("trainings.competencies"))
    return render_form("trainings/competency_form.html", form, competency=competency)


# --- training needs ------------------------------------------------------------------------------

FIRST_YEAR = 2000  # the network keeps no training records from before


def _years() -> list[int]:
    this_year = date.today().year
    return list(range(this_year + 1, this_year - 5, -1))


def _chosen_year(form: YearForm) -> int:
    """The year asked for, or this year when it is unreadable or out of range
    (a year such as -1 or 10**40 made the dates of the queries fail)."""
    this_year = date.today().year
    year = whole_number(form.year.data)
    return year if year is not None and FIRST_YEAR <= year <= this_year + 1 else this_year


@bp.route("/needs", methods=["GET", "POST"])
@form_view
def needs():
    org = current_user.org
    require(Action.TRAINING_NEEDS_ASSESS, org)
    year_form = YearForm(request.args, years=_years())
    year = _chosen_year(year_form)
    year_form.year.data = str(year)
    listed = services.active_competencies()
    form = ActionForm()
    current = assessments.needs_of(org, year)
    errors: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        ratings = {}
        for competency in listed:
            raw = request.form.get(f"c{competency.id}", "")
            ratings[competency.id] = int(raw) if raw.isdigit() else (None if not raw else -1)
        current = {cid: need for cid, need in ratings.items() if need}
        try:
            assessments.save_needs(current_user, org, year, ratings, listed)
        except ServiceError as error:
            db.session.rollback()
            errors[error.field or ""] = error.message
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash(_("The training needs for %(year)d have been saved.", year=year), "success")
            return redirect(url_for("trainings.needs", year=year))
    return render_form("trainings/needs.html", form, status=422 if errors else None, org=org,
                       year=year, year_form=year_form, competencies=listed, current=current,
                       errors=errors)


# --- dashboards ----------------------------------------------------------------------------------

@bp.route("/dashboard")
@cached_page
def network_dashboard():
    require(Action.TRAININGS_NETWORK_STATS)
    form = YearForm(request.args, years=_years())
    year = _chosen_year(form)
    form.year.data = str(year)
    listed = services.active_competencies()
    return render_template(
        "trainings/dashboard_network.html", form=form, year=year, competencies=listed,
        min_people=assessments.MIN_PEOPLE, hours_text=figures.hours_text,
        **network.dashboard(year, listed))


@bp.route("/dashboard/<slug>")
@cached_page
def org_dashboard(slug: str):
    org = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if org is None or not can(current_user, Action.TRAINING_ORG_STATS, org):
        abort(404)
    form = YearForm(request.args, years=_years())
    year = _chosen_year(form)
    form.year.data = str(year)
    facts = figures.collect(figures.Period.year(year), org_id=org.id)
    listed = services.active_competencies()
    staff = []
    # The same people who may open each staff member's record.
    if is_coordinator(current_user) or is_org_admin_of(current_user, org.id):
        staff = _staff_summary(org, facts)
    return render_template(
        "trainings/dashboard_org.html", form=form, year=year, org=org, facts=facts,
        quarters=[figures.quarter_label(q) for q in facts.period.quarters],
        by_quarter=figures.people_by_quarter(facts),
        hours_by_quarter=[sum(m.minutes for m in facts.marks if m.quarter == q)
                          for q in facts.period.quarters],
        certificates=figures.certificates_by_quarter(facts),
        by_competency=figures.people_table(
            facts, "competencies", _("Staff trained by competency"), _("Competency"),
            [(c.id, c.name) for c in listed], figures.competency_keys(facts), with_hours=True),
        gains=assessments.gains_where(listed, Enrolment.status == EnrolmentStatus.APPROVED,
                                      Enrolment.user_id.in_(select(User.id).where(
                                          User.org_id == org.id))),
        min_people=assessments.MIN_PEOPLE, staff=staff, hours_text=figures.hours_text)


def _staff_summary(org: Organisation, facts: figures.Facts) -> list[dict]:
    """Per person of the organisation, for those who may read their records."""
    minutes: dict[int, int] = {}
    for mark in facts.marks:
        minutes[mark.user_id] = minutes.get(mark.user_id, 0) + mark.minutes
    certificates: dict[int, int] = {}
    for user_id, _org, _quarter in facts.certificates:
        certificates[user_id] = certificates.get(user_id, 0) + 1
    people = db.session.scalars(select(User).where(User.id.in_(list(minutes) or [0]))
                                .order_by(User.name)).all()
    return [{"person": p, "minutes": minutes[p.id], "certificates": certificates.get(p.id, 0)}
            for p in people]


# --- donor report --------------------------------------------------------------------------------

@bp.route("/report")
def donor_report():
    require(Action.TRAININGS_REPORT)
    form = ReportForm(request.args)
    if not request.args:
        today = date.today()
        form.start.data, form.end.data = date(today.year, 1, 1), today
        return render_template("trainings/report.html", form=form, result=None)
    if not form.validate():
        return render_template("trainings/report.html", form=form, result=None), 422
    result = report.build(figures.Period(form.start.data, form.end.data),
                          services.active_competencies())
    return render_template("trainings/report.html", form=form, result=result,
                           hours_text=figures.hours_text)


@bp.route("/report.<any(csv,xlsx):extension>")
def donor_report_file(extension: str):
    require(Action.TRAININGS_REPORT)
    form = ReportForm(request.args)
    if not form.validate():
        return render_template("trainings/report.html", form=form, result=None), 422
    period = figures.Period(form.start.data, form.end.data)
    result = report.build(period, services.active_competencies())
    audit.record(current_user, "training.report_exported", None, format=extension,
                 start=period.start.isoformat(), end=period.end.isoformat())
    db.session.commit()
    if extension == "csv":
        body, mimetype = report.to_csv(result), "text/csv"
    else:
        body, mimetype = report.to_xlsx(result), report.XLSX_TYPE
    filename = f"training-indicators-{period.start.isoformat()}-{period.end.isoformat()}"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}.{extension}"',
        "Cache-Control": "no-store"})

