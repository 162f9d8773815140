"""Responses and participants: RSVP, the organisers' list, approval,
exports, the printable sign-in sheet, attendance and outcome notes."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..db import db, utcnow
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..permissions import Action, can
from ..security import form_view
from . import exports, queries, registrations, services
from .blueprint import bp, load_event, signed_in
from .forms import AttendanceForm, OutcomeForm, rsvp_form_class
from .localtime import reader_zone
from .models import Event, Registration, RegistrationStatus
from .models import Response as Answer

# The response a form shows for each registration status.
SHOWN_RESPONSE = {
    RegistrationStatus.GOING: Answer.GOING, RegistrationStatus.WAITLISTED: Answer.GOING,
    RegistrationStatus.PENDING: Answer.GOING, RegistrationStatus.REJECTED: Answer.GOING,
    RegistrationStatus.MAYBE: Answer.MAYBE, RegistrationStatus.NOT_GOING: Answer.NOT_GOING,
}


def _rsvp_form(event: Event, registration: Registration | None):
    form_class = rsvp_form_class(event)
    if request.method == "POST" or registration is None:
        return form_class()
    data = {"response": SHOWN_RESPONSE[registration.status].value,
            "accessibility_needs": registration.accessibility_needs,
            "dietary_requirements": registration.dietary_requirements,
            "share_with_participants": registration.share_with_participants}
    data.update({f"q_{qid}": answer for qid, answer in (registration.answers or {}).items()})
    return form_class(data=data)


def render_detail(event: Event, form=None, status: int | None = None):
    registration = registrations.registration_of(event, current_user) if signed_in() else None
    if form is None and can(current_user, Action.EVENT_REGISTER, event):
        form = _rsvp_form(event, registration)
    now = utcnow()
    context = {
        "event": event,
        "registration": registration,
        "position": registrations.waitlist_position(registration) if registration else None,
        "going": registrations.going_count(event),
        "organiser": can(current_user, Action.EVENT_MANAGE_PARTICIPANTS, event),
        "show_link": can(current_user, Action.EVENT_SEE_ONLINE_LINK, event),
        "participants": (queries.shared_participants(event, current_user)
                         if can(current_user, Action.EVENT_SEE_PARTICIPANTS, event) else None),
        "occurrences": queries.series_occurrences(current_user, event),
        "open_for_answers": not event.is_cancelled and now < event.starts_at,
        "registration_open": not event.is_cancelled and now < event.closes_at,
        "started": now >= event.starts_at,
        "tz": reader_zone(),
    }
    if form is None:
        return render_template("events/detail.html", form=None, **context), status or 200
    return render_form("events/detail.html", form, status=status, **context)


@bp.route("/<int:event_id>/rsvp", methods=["POST"])
@form_view
def rsvp(event_id: int):
    event = load_event(event_id, Action.EVENT_REGISTER)
    form = rsvp_form_class(event)()
    if not form.validate_on_submit():
        return render_detail(event, form)
    answers = {q["id"]: getattr(form, f"q_{q['id']}").data for q in event.questions or []}
    try:
        registration = registrations.rsvp(
            current_user, event, Answer(form.response.data), answers=answers,
            accessibility_needs=form.accessibility_needs.data,
            dietary_requirements=form.dietary_requirements.data,
            share_with_participants=form.share_with_participants.data)
    except ServiceError as error:
        db.session.rollback()
        attach_error(form, error)
        return render_detail(load_event(event_id), form, status=max(error.status, 400))
    status = registration.status
    db.session.commit()
    flash(_response_message(status), "success")
    return redirect(url_for("events.detail", event_id=event.id, _anchor="your-response"))


def _response_message(status: RegistrationStatus) -> str:
    return {
        RegistrationStatus.GOING: _("Your place is confirmed."),
        RegistrationStatus.WAITLISTED: _("The event is full: you are on the waiting list. You "
                                         "will get a place automatically if one frees up."),
        RegistrationStatus.PENDING: _("Your registration has been sent to the organisers for "
                                      "approval."),
        RegistrationStatus.MAYBE: _("Your response has been saved: maybe."),
        RegistrationStatus.NOT_GOING: _("Your response has been saved: not going."),
        RegistrationStatus.REJECTED: _("The organisers did not approve your registration."),
    }[status]


# --- the organisers' side ------------------------------------------------------------------

@bp.route("/<int:event_id>/participants")
def participants(event_id: int):
    event = load_event(event_id, Action.EVENT_MANAGE_PARTICIPANTS)
    listed = queries.organiser_list(event)
    return render_template("events/participants.html", event=event, registrations=listed,
                           positions=queries.waitlist_positions(listed),
                           going=sum(r.status is RegistrationStatus.GOING for r in listed),
                           summary=queries.attendance_summary(event), tz=reader_zone())


def _registration(event: Event, registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        abort(404)
    return registration


@bp.route("/<int:event_id>/registrations/<int:registration_id>/<any(approve,reject):decision>",
          methods=["POST"])
def decide(event_id: int, registration_id: int, decision: str):
    event = load_event(event_id, Action.EVENT_MANAGE_PARTICIPANTS)
    registration = _registration(event, registration_id)
    name = registration.user.name
    try:
        if decision == "approve":
            registrations.approve(current_user, registration)
        else:
            registrations.reject(current_user, registration)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("events.participants", event_id=event.id))
    db.session.commit()
    flash(_("%(name)s has been approved.", name=name) if decision == "approve"
          else _("%(name)s has not been approved.", name=name), "success")
    return redirect(url_for("events.participants", event_id=event.id))


@bp.route("/<int:event_id>/participants.<any(csv,xlsx):extension>")
def export(event_id: int, extension: str):
    event = load_event(event_id, Action.EVENT_MANAGE_PARTICIPANTS)
    include_private = request.args.get("private") == "1"
    listed = queries.organiser_list(event)
    rows = exports.table(event, listed, queries.waitlist_positions(listed),
                         include_private=include_private, tz=reader_zone())
    audit.record(current_user, "event.participants_exported", event, format=extension,
                 private_fields=include_private)
    db.session.commit()
    if extension == "csv":
        body, mimetype = exports.to_csv(rows), "text/csv"
    else:
        body, mimetype = exports.to_xlsx(rows, _("Participants")), exports.XLSX_TYPE
    filename = f"event-{event.id}-participants.{extension}"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store"})


@bp.route("/<int:event_id>/sign-in-sheet")
def sign_in_sheet(event_id: int):
    event = load_event(event_id, Action.EVENT_MANAGE_PARTICIPANTS)
    going = [r for r in queries.organiser_list(event) if r.status is RegistrationStatus.GOING]
    going.sort(key=lambda r: (r.user.name.casefold(), r.id))
    return render_template("events/sign_in_sheet.html", event=event, registrations=going,
                           blank_rows=max(5, len(going) // 5), tz=reader_zone())


def _attendance_form(event: Event, candidates: list[Registration]) -> AttendanceForm:
    form = AttendanceForm()
    form.attended.choices = [(r.user_id, r.user.name) for r in candidates]
    if request.method == "GET":
        form.attended.data = [r.user_id for r in candidates if r.attended]
    return form


def _render_attendance(event: Event, form: AttendanceForm, outcome_form: OutcomeForm,
                       candidates: list[Registration]):
    submitted = outcome_form if outcome_form.errors else form
    return render_form("events/attendance.html", submitted, event=event, attendance_form=form,
                       outcome_form=outcome_form, candidates=candidates,
                       summary=queries.attendance_summary(event),
                       started=utcnow() >= event.starts_at)


@bp.route("/<int:event_id>/attendance", methods=["GET", "POST"])
@form_view
def attendance(event_id: int):
    event = load_event(event_id, Action.EVENT_MANAGE_PARTICIPANTS)
    candidates = registrations.attendance_candidates(event)
    form = _attendance_form(event, candidates)
    outcome_form = OutcomeForm(formdata=None, data={"outcome_notes": event.outcome_notes})
    if form.validate_on_submit():
        try:
            registrations.record_attendance(current_user, event, form.attended.data or [])
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Attendance has been saved."), "success")
            return redirect(url_for("events.attendance", event_id=event.id))
    return _render_attendance(event, form, outcome_form, candidates)


@bp.route("/<int:event_id>/outcome", methods=["POST"])
@form_view
def outcome(event_id: int):
    event = load_event(event_id, Action.EVENT_EDIT)
    outcome_form = OutcomeForm()
    if outcome_form.validate_on_submit():
        try:
            services.set_outcome(current_user, event, outcome_form.outcome_notes.data)
        except ServiceError as error:
            db.session.rollback()
            attach_error(outcome_form, error)
        else:
            db.session.commit()
            flash(_("The outcome notes have been saved."), "success")
            return redirect(url_for("events.attendance", event_id=event.id))
    candidates = registrations.attendance_candidates(event)
    form = AttendanceForm(formdata=None)
    form.attended.choices = [(r.user_id, r.user.name) for r in candidates]
    form.attended.data = [r.user_id for r in candidates if r.attended]
    return _render_attendance(event, form, outcome_form, candidates)
