"""Certificates (printable page, PDF, ZIP of a training's certificates,
revocation), the public verification page, a person's training record and
the self-assessment."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from .. import audit
from ..accounts.models import User
from ..db import db
from ..errors import ServiceError
from ..extensions import limiter
from ..forms import attach_error, render_form
from ..permissions import Action, can, public, require
from ..security import csrf_failed, form_view
from . import assessments, attendance, certificates, enrolment, pdf
from .blueprint import bp, load_enrolment, load_programme
from .forms import ActionForm, GenderForm, RevokeForm, VerifyForm
from .models import (
    AssessmentPhase,
    Attendance,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

ZIP_TYPE = "application/zip"


def _load_certificate(certificate_id: int) -> Certificate:
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not can(current_user, Action.CERTIFICATE_READ, certificate):
        abort(404)
    return certificate


def verify_url(certificate: Certificate | None = None) -> str:
    base = current_app.config["BASE_URL"].rstrip("/") + url_for("trainings.verify")
    return f"{base}?code={certificate.code}" if certificate else base


def _organiser(certificate: Certificate) -> str:
    return certificate.enrolment.programme.organiser_name


@bp.route("/certificates/<int:certificate_id>")
def certificate(certificate_id: int):
    cert = _load_certificate(certificate_id)
    programme = cert.enrolment.programme
    manager = can(current_user, Action.TRAINING_MANAGE, programme)
    return render_template("trainings/certificate.html", certificate=cert, programme=programme,
                           verify_url=verify_url(cert), manager=manager,
                           code=certificates.display_code(cert.code),
                           revoke_form=RevokeForm(formdata=None))


@bp.route("/certificates/<int:certificate_id>.pdf")
def certificate_pdf(certificate_id: int):
    cert = _load_certificate(certificate_id)
    body = pdf.render(cert, verify_url(cert), _organiser(cert))
    filename = f"certificate-{certificates.safe_filename(cert.holder_name)}.pdf"
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store"})


@bp.route("/certificates/<int:certificate_id>/revoke", methods=["POST"])
@form_view
def revoke_certificate(certificate_id: int):
    cert = _load_certificate(certificate_id)
    require(Action.TRAINING_MANAGE, cert.enrolment.programme)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            certificates.revoke(current_user, cert, form.reason.data)
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The certificate has been revoked; its code no longer verifies."),
                  "success")
            return redirect(url_for("trainings.certificate", certificate_id=certificate_id))
    cert = _load_certificate(certificate_id)
    return render_form("trainings/certificate.html", form, certificate=cert,
                       programme=cert.enrolment.programme, verify_url=verify_url(cert),
                       manager=True, code=certificates.display_code(cert.code),
                       revoke_form=form)


@bp.route("/<int:programme_id>/certificates.zip")
def certificates_zip(programme_id: int):
    programme = load_programme(programme_id, Action.TRAINING_MANAGE)
    valid = certificates.valid_certificates(programme)
    if not valid:
        flash(_("This training has no valid certificates yet."), "error")
        return redirect(url_for("trainings.detail", programme_id=programme_id))
    organiser = programme.organiser_name
    body = certificates.zip_of(valid, lambda cert: pdf.render(cert, verify_url(cert),
                                                               organiser))
    audit.record(current_user, "training.certificates_downloaded", programme,
                 org_id=programme.org_id, count=len(valid))
    db.session.commit()
    return Response(body, mimetype=ZIP_TYPE, headers={
        "Content-Disposition": f'attachment; filename="training-{programme.id}-'
                               f'certificates.zip"',
        "Cache-Control": "no-store"})


@bp.route("/verify")
@public
@limiter.limit(lambda: current_app.config.get("TRAININGS_VERIFY_LIMIT", "60 per minute"))
def verify():
    """Anyone can check a code. A valid one shows what the certificate
    states; an unknown, malformed or revoked one gets the same neutral
    answer, so the page reveals nothing about codes that are not valid."""
    form = VerifyForm(request.args)
    code = form.code.data if form.validate() else ""
    found = certificates.verify(code) if code else None
    return render_template("trainings/verify.html", form=form, checked=bool(code),
                           certificate=found)


# --- a person's record -------------------------------------------------------------------------

@bp.route("/people/me")
def my_record():
    return redirect(url_for("trainings.record", user_id=current_user.id))


@bp.route("/people/<int:user_id>")
def record(user_id: int):
    person = db.session.get(User, user_id)
    if person is None or not can(current_user, Action.TRAINING_RECORD_READ, person):
        abort(404)
    enrolments = list(db.session.scalars(
        select(Enrolment).where(Enrolment.user_id == person.id)
        .order_by(Enrolment.created_at.desc())))
    rows = []
    for item in enrolments:
        programme = item.programme
        rows.append({
            "enrolment": item, "programme": programme,
            "minutes": attendance.attended_minutes(programme).get(item.id, 0),
            "attended": len(attendance.attended_sessions(programme).get(item.id, ())),
            "held": len(programme.held_sessions),
            "certificate": certificates.active_certificate(item),
            "gains": assessments.gains_of(item),
        })
    marks = {}
    if enrolments:
        for mark in db.session.scalars(select(Attendance).where(
                Attendance.enrolment_id.in_([e.id for e in enrolments]))):
            marks[(mark.enrolment_id, mark.session_id)] = mark
    if person.id != current_user.id:
        audit.record(current_user, "training.record_viewed", person, org_id=person.org_id)
        db.session.commit()
    return render_template("trainings/record.html", person=person, rows=rows, marks=marks,
                           own=person.id == current_user.id,
                           gender_form=GenderForm(formdata=None))


@bp.route("/enrolments/<int:enrolment_id>/gender", methods=["POST"])
@form_view
def set_gender(enrolment_id: int):
    item = db.session.get(Enrolment, enrolment_id)
    if item is None or item.user_id != current_user.id:
        abort(404)
    form = GenderForm()
    if form.validate_on_submit():
        enrolment.set_gender(current_user, item, form.gender.data or None)
        db.session.commit()
        flash(_("Saved."), "success")
    elif csrf_failed(form):
        # Not "choose an answer": the answer may be fine, the form is stale or forged.
        raise CSRFError()
    else:
        flash(_("Choose one of the offered answers."), "error")
    return redirect(url_for("trainings.record", user_id=current_user.id))


# --- self-assessment ---------------------------------------------------------------------------

def _own_enrolment(programme: Programme) -> Enrolment:
    mine = enrolment.enrolment_of(programme, current_user)
    if mine is None or mine.status is not EnrolmentStatus.APPROVED:
        abort(404)
    return mine


@bp.route("/<int:programme_id>/assessment/<any(before,after):phase>", methods=["GET", "POST"])
@form_view
def self_assessment(programme_id: int, phase: str):
    programme = load_programme(programme_id)
    mine = _own_enrolment(programme)
    phase = AssessmentPhase(phase)
    form = ActionForm()
    current = assessments.scores_of(mine)[phase]
    errors: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        scores = {}
        for competency in programme.competencies:
            raw = request.form.get(f"c{competency.id}", "")
            scores[competency.id] = int(raw) if raw.isdigit() else (None if not raw else -1)
        current = {cid: score for cid, score in scores.items() if score}
        try:
            assessments.save_self_assessment(current_user, mine, phase, scores)
        except ServiceError as error:
            db.session.rollback()
            if error.status == 403:
                abort(403)
            errors[error.field or ""] = error.message
            form.form_errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Your self-assessment has been saved."), "success")
            return redirect(url_for("trainings.record", user_id=current_user.id))
    programme = load_programme(programme_id)
    return render_form("trainings/assessment.html", form, status=422 if errors else None,
                       programme=programme, phase=phase, current=current, errors=errors)


@bp.route("/<int:programme_id>/enrolments/<int:enrolment_id>")
def enrolment_detail(programme_id: int, enrolment_id: int):
    """One participant's attendance in one training (for managers, trainers
    and the person): links from the participant list."""
    programme = load_programme(programme_id)
    item = load_enrolment(programme, enrolment_id)
    marks = {m.session_id: m for m in db.session.scalars(select(Attendance).where(
        Attendance.enrolment_id == item.id))}
    return render_template("trainings/enrolment.html", programme=programme, enrolment=item,
                           marks=marks, action_form=ActionForm(formdata=None),
                           minutes=attendance.attended_minutes(programme).get(item.id, 0))
