"""Session pages: add, edit, cancel; attendance with bulk marking and CSV
import; counts of participants without accounts; the printable sign-in sheet."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..accounts.models import User
from ..db import db, utcnow
from ..errors import ServiceError
from ..events.localtime import NonexistentTime, reader_zone, to_local, to_utc
from ..forms import attach_error, render_form
from ..permissions import Action
from ..security import form_view
from . import attendance, csv_import, services
from .attendance import Mark
from .blueprint import bp, load_programme, load_session
from .forms import ActionForm, CancelForm, GuestForm, ImportForm, SessionForm, format_hours
from .models import AttendanceStatus, GuestCount, Programme, TrainingSession


def _session_values(form: SessionForm) -> dict | None:
    """Event fields from the form, times read in the reader's zone; None
    (with errors beside the fields) when a time does not exist there."""
    tz = reader_zone()
    values = {"title": form.title.data, "format": form.format.data,
              "venue": form.venue.data or "", "city": form.city.data or "",
              "country": form.country.data or "", "online_url": form.online_url.data or "",
              "timezone": tz.key}
    for name in ("starts_at", "ends_at"):
        try:
            values[name] = to_utc(getattr(form, name).data, tz)
        except NonexistentTime:
            getattr(form, name).errors.append(_("The clocks skip this time; choose another."))
            return None
    return values


@bp.route("/<int:programme_id>/sessions/new", methods=["GET", "POST"])
@form_view
def add_session(programme_id: int):
    programme = load_programme(programme_id, Action.TRAINING_MANAGE)
    form = SessionForm()
    if request.method == "GET":
        number = len(programme.sessions) + 1
        form.title.data = _("%(title)s, session %(number)d", title=programme.title,
                            number=number)
    if form.validate_on_submit():
        values = _session_values(form)
        if values is not None:
            try:
                services.add_session(current_user, programme, minutes=form.hours.minutes,
                                     **values)
            except ServiceError as error:
                db.session.rollback()
                attach_error(form, error)
            else:
                db.session.commit()
                flash(_("The session has been added to the training and the calendar."),
                      "success")
                return redirect(url_for("trainings.detail", programme_id=programme_id,
                                        _anchor="sessions"))
    return render_form("trainings/session_form.html", form, programme=programme, session=None)


@bp.route("/<int:programme_id>/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@form_view
def edit_session(programme_id: int, session_id: int):
    programme = load_programme(programme_id, Action.TRAINING_MANAGE)
    session = load_session(programme, session_id)
    event = session.event
    if request.method == "GET":
        tz = reader_zone()
        form = SessionForm(formdata=None, obj=event, data={
            "version": event.version, "starts_at": to_local(event.starts_at, tz),
            "ends_at": to_local(event.ends_at, tz), "hours": format_hours(session.minutes)})
        return render_form("trainings/session_form.html", form, programme=programme,
                           session=session)
    form = SessionForm()
    if form.validate_on_submit():
        values = _session_values(form)
        if values is not None:
            try:
                services.update_session(current_user, session, minutes=form.hours.minutes,
                                        expected_version=int(form.version.data or 0) or None,
                                        **values)
            except ServiceError as error:
                db.session.rollback()
                attach_error(form, error)
                programme = load_programme(programme_id, Action.TRAINING_MANAGE)
                session = load_session(programme, session_id)
                return render_form("trainings/session_form.html", form,
                                   status=max(error.status, 400), programme=programme,
                                   session=session)
            db.session.commit()
            flash(_("The session has been saved."), "success")
            return redirect(url_for("trainings.detail", programme_id=programme_id,
                                    _anchor="sessions"))
    return render_form("trainings/session_form.html", form, programme=programme,
                       session=session)


@bp.route("/<int:programme_id>/sessions/<int:session_id>/cancel", methods=["GET", "POST"])
@form_view
def cancel_session(programme_id: int, session_id: int):
    programme = load_programme(programme_id, Action.TRAINING_MANAGE)
    session = load_session(programme, session_id)
    form = CancelForm()
    if form.validate_on_submit():
        try:
            services.cancel_session(current_user, session, form.reason.data or "")
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The session has been cancelled."), "success")
            return redirect(url_for("trainings.detail", programme_id=programme_id,
                                    _anchor="sessions"))
    return render_form("trainings/cancel.html", form, programme=programme, session=session)


# --- attendance ------------------------------------------------------------------------------

def _load_for_attendance(programme_id: int, session_id: int):
    programme = load_programme(programme_id, Action.TRAINING_RECORD_ATTENDANCE)
    return programme, load_session(programme, session_id)


def _render_attendance(programme: Programme, session: TrainingSession, form, *,
                       status: int | None = None, **overrides):
    return render_form("trainings/attendance.html", form, status=status,
                       **_attendance_context(programme, session, **overrides))


def _attendance_context(programme, session, **overrides) -> dict:
    context = {"programme": programme, "session": session,
               "roster": attendance.roster(session), "marks": attendance.marks_for(session),
               "chosen": {}, "errors": {}, "statuses": list(AttendanceStatus),
               "import_form": ImportForm(formdata=None), "guest_form": GuestForm(formdata=None),
               "guests": attendance.guest_counts(session),
               "started": session.event.starts_at <= utcnow(),
               "action_form": ActionForm(formdata=None)}
    context.update(overrides)
    return context


def _marks_from_request(roster_ids: set[int]) -> tuple[dict[int, Mark], dict, dict[int, str]]:
    """Marks chosen on the page. Returns (marks, chosen values to show
    again, errors by enrolment id). Rows posted for people not on the roster
    are kept, so that the service refuses them as a whole."""
    chosen, errors, marks = {}, {}, {}
    mark_all = "all_present" in request.form
    posted = {int(key.split("-", 1)[1]) for key in request.form
              if key.startswith(("status-", "remarks-")) and key.split("-", 1)[1].isdigit()}
    valid = {status.value for status in AttendanceStatus}
    for enrolment_id in sorted(roster_ids | posted):
        value = request.form.get(f"status-{enrolment_id}", "")
        remarks = request.form.get(f"remarks-{enrolment_id}", "").strip()
        chosen[enrolment_id] = (value, remarks)
        if value and value not in valid:
            errors[enrolment_id] = _("Choose one of the statuses.")
            continue
        if not value and mark_all:
            value = AttendanceStatus.PRESENT.value
        if value:
            marks[enrolment_id] = Mark(AttendanceStatus(value), remarks)
        elif remarks:
            errors[enrolment_id] = _("Choose a status for this person to keep the remarks.")
    return marks, chosen, errors


@bp.route("/<int:programme_id>/sessions/<int:session_id>/attendance", methods=["GET", "POST"])
@form_view
def session_attendance(programme_id: int, session_id: int):
    programme, session = _load_for_attendance(programme_id, session_id)
    form = ActionForm()
    if request.method == "GET":
        return _render_attendance(programme, session, ActionForm(formdata=None))
    if not form.validate_on_submit():
        return _render_attendance(programme, session, form)
    roster_ids = {enrolment.id for enrolment in attendance.roster(session)}
    marks, chosen, errors = _marks_from_request(roster_ids)
    if errors:
        form.form_errors.append(_("Please correct the highlighted rows."))
        return _render_attendance(programme, session, form, chosen=chosen, errors=errors,
                                  status=422)
    try:
        changed = attendance.record(current_user, session, marks)
    except ServiceError as error:
        db.session.rollback()
        attach_error(form, error)
        programme, session = _load_for_attendance(programme_id, session_id)
        return _render_attendance(programme, session, form, chosen=chosen,
                                  status=max(error.status, 400))
    db.session.commit()
    flash(_("Attendance has been saved (%(count)d changed).", count=changed), "success")
    return redirect(url_for("trainings.session_attendance", programme_id=programme_id,
                            session_id=session_id))


@bp.route("/<int:programme_id>/sessions/<int:session_id>/attendance/import",
          methods=["POST"])
@form_view
def import_attendance(programme_id: int, session_id: int):
    """Check an uploaded file and show what it would do; saves nothing."""
    programme, session = _load_for_attendance(programme_id, session_id)
    form = ImportForm()
    upload = request.files.get("file")
    if not form.validate_on_submit() or upload is None or not upload.filename:
        if not form.errors:
            form.file.errors = [_("Choose a CSV file.")]
        return _import_page(programme, session, form, None)
    try:
        data = upload.read(csv_import.MAX_BYTES + 1)
    finally:
        upload.close()  # a large upload is spooled to a temporary file
    wanted = csv_import.candidate_addresses(data)
    accounts = {email.lower(): name for email, name in db.session.execute(
        select(User.email, User.name).where(func.lower(User.email).in_(wanted)))} \
        if wanted else {}
    enrolled = {enrolment.user.email.lower(): enrolment.id
                for enrolment in attendance.roster(session)}
    result = csv_import.preview(data, accounts=accounts, enrolled=enrolled)
    return _import_page(programme, session, form, result)


def _import_page(programme, session, form, result):
    status = 200
    if result is None or result.too_large or not result.importable:
        status = 422
    if result is not None and result.too_large:
        form.file.errors = [_("The file is larger than 1 MB.")]
    if form.errors:
        status = None  # 400 for a failed CSRF token, 422 otherwise
    return render_form("trainings/import_preview.html", form, status=status,
                       programme=programme, session=session, result=result,
                       confirm_form=ActionForm(formdata=None))


@bp.route("/<int:programme_id>/sessions/<int:session_id>/attendance/import/confirm",
          methods=["POST"])
def confirm_import(programme_id: int, session_id: int):
    """Mark present exactly the people the user ticked on the preview."""
    _programme, session = _load_for_attendance(programme_id, session_id)
    ids = [int(value) for value in request.form.getlist("enrolment") if value.isdigit()]
    if not ids:
        flash(_("Nothing was imported: no one was selected."), "error")
        return redirect(url_for("trainings.session_attendance", programme_id=programme_id,
                                session_id=session_id))
    existing = attendance.marks_for(session)
    marks = {i: Mark(AttendanceStatus.PRESENT, existing[i].remarks if i in existing else "")
             for i in ids}
    try:
        attendance.record(current_user, session, marks)
    except ServiceError as error:
        db.session.rollback()
        flash(_("Nothing was imported: %(reason)s", reason=error.message), "error")
    else:
        db.session.commit()
        flash(_("%(count)d people have been marked present.", count=len(ids)), "success")
    return redirect(url_for("trainings.session_attendance", programme_id=programme_id,
                            session_id=session_id))


# --- participants without accounts -------------------------------------------------------------

@bp.route("/<int:programme_id>/sessions/<int:session_id>/guests", methods=["POST"])
@form_view
def add_guests(programme_id: int, session_id: int):
    programme, session = _load_for_attendance(programme_id, session_id)
    form = GuestForm()
    if form.validate_on_submit():
        try:
            attendance.add_guests(current_user, session, form.count.data,
                                  form.gender.data or None, form.age_band.data or None)
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The count has been added."), "success")
            return redirect(url_for("trainings.session_attendance", programme_id=programme_id,
                                    session_id=session_id, _anchor="guests"))
    return _render_attendance(programme, session, form, guest_form=form)


@bp.route("/<int:programme_id>/sessions/<int:session_id>/guests/<int:guest_id>/delete",
          methods=["POST"])
def delete_guests(programme_id: int, session_id: int, guest_id: int):
    _programme, session = _load_for_attendance(programme_id, session_id)
    row = db.session.get(GuestCount, guest_id)
    if row is None or row.session_id != session.id:
        abort(404)
    try:
        attendance.remove_guests(current_user, row)
    except ServiceError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The count has been removed."), "success")
    return redirect(url_for("trainings.session_attendance", programme_id=programme_id,
                            session_id=session_id, _anchor="guests"))


@bp.route("/<int:programme_id>/sessions/<int:session_id>/sign-in-sheet")
def sign_in_sheet(programme_id: int, session_id: int):
    programme, session = _load_for_attendance(programme_id, session_id)
    people = sorted(attendance.roster(session), key=lambda e: (e.user.name.casefold(), e.id))
    return render_template("trainings/sign_in_sheet.html", programme=programme,
                           session=session, people=people,
                           blank_rows=max(5, len(people) // 5))
