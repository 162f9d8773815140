"""The sign-on workflow: opening for signature, signing and withdrawing,
re-opening drafting, publishing, archiving and withdrawing a statement."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..db import db, utcnow
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..permissions import Action, can
from ..security import form_view
from . import signing
from .forms import ConfirmForm, OpenForSignatureForm, SignForm
from .loading import load_statement
from .models import Signature, StatementStatus
from .page import render_statement

bp = Blueprint("signing", __name__)


def _back(statement):
    return redirect(url_for("statements.show", statement_id=statement.id))


@bp.route("/<int:statement_id>/open", methods=["GET", "POST"])
@form_view
def open_for_signature(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_LEAD)
    form = OpenForSignatureForm()
    if form.validate_on_submit():
        try:
            signing.open_for_signature(current_user, statement, form.deadline.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The statement is open for signature. Organisation admins have been told."),
                  "success")
            return _back(statement)
    return render_form("statements/open.html", form, statement=statement)


@bp.route("/<int:statement_id>/reopen", methods=["GET", "POST"])
@form_view
def reopen(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_LEAD)
    form = ConfirmForm()
    signatures = signing.active_signatures(signing.current_sign_on(statement))
    if form.validate_on_submit():
        try:
            count = signing.reopen_drafting(current_user, statement)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The statement is back in drafting. %(count)d signature(s) were set aside "
                    "and their signatories told.", count=count), "success")
            return _back(statement)
    return render_form("statements/reopen.html", form, statement=statement,
                       signatures=signatures)


@bp.route("/<int:statement_id>/sign", methods=["GET", "POST"])
@form_view
def sign(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_SIGN)
    if request.method == "GET" and not statement.signing_is_open(utcnow()):
        flash(_("This statement is not open for signature."), "error")
        return _back(statement)
    form = SignForm(signatory_name=current_user.name)
    form.confirm.label.text = _("I may sign this statement on behalf of %(org)s.",
                                org=current_user.org.name)
    if form.validate_on_submit():
        try:
            signing.sign(current_user, statement, name=form.signatory_name.data,
                         title=form.signatory_title.data)
        except ServiceError as error:
            attach_error(form, error)
            return render_form("statements/sign.html", form, status=error.status,
                               statement=statement)
        db.session.commit()
        flash(_("%(org)s has signed the statement.", org=current_user.org.name), "success")
        return _back(statement)
    return render_form("statements/sign.html", form, statement=statement)


@bp.route("/<int:statement_id>/signatures/<int:signature_id>/withdraw", methods=["POST"])
def withdraw_signature(statement_id: int, signature_id: int):
    statement = load_statement(statement_id)
    signature = db.session.get(Signature, signature_id)
    if signature is None or signature.statement_id != statement.id:
        abort(404)
    if not can(current_user, Action.STATEMENT_WITHDRAW_SIGNATURE, signature):
        abort(403)  # signatures are listed on the statement: no secret to keep
    try:
        signing.withdraw_signature(current_user, signature)
    except ServiceError as error:
        return render_statement(statement, error=error.message, status=error.status)
    db.session.commit()
    flash(_("Your organisation's signature has been withdrawn."), "success")
    return _back(statement)


def _transition(statement_id: int, change, success: str):
    statement = load_statement(statement_id, Action.STATEMENT_LEAD)
    try:
        change(current_user, statement)
    except ServiceError as error:
        return render_statement(statement, error=error.message, status=error.status)
    db.session.commit()
    flash(success, "success")
    return _back(statement)


@bp.route("/<int:statement_id>/publish", methods=["POST"])
def publish(statement_id: int):
    return _transition(statement_id, signing.publish, _("The statement has been published."))


@bp.route("/<int:statement_id>/archive", methods=["POST"])
def archive(statement_id: int):
    return _transition(statement_id, signing.archive, _("The statement has been archived."))


@bp.route("/<int:statement_id>/withdraw", methods=["GET", "POST"])
@form_view
def withdraw(statement_id: int):
    statement = load_statement(statement_id, Action.STATEMENT_LEAD)
    if statement.status not in (StatementStatus.DRAFTING, StatementStatus.OPEN):
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            signing.withdraw(current_user, statement)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The statement has been withdrawn."), "success")
            return _back(statement)
    return render_form("statements/withdraw.html", form, statement=statement)
