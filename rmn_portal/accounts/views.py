"""Signing in and out, two-factor, password reset, invitations and the profile."""

import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import audit
from ..db import db
from ..errors import ServiceError
from ..extensions import login_manager
from ..forms import attach_error, render_form
from ..i18n import LANGUAGES, set_language_cookie
from ..permissions import public
from ..security import form_view, safe_next_url
from . import services, throttle
from .forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    CodeForm,
    ConfirmForm,
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
)

bp = Blueprint("accounts", __name__)

PENDING = "pending_login"
PENDING_SECONDS = 600  # time allowed between the password and the second factor
# Pages a coordinator or admin without two-factor may still reach.
ENROLMENT_ENDPOINTS = {"accounts.two_factor", "accounts.logout", "accounts.set_language"}


# --- the session machinery -----------------------------------------------------------

@login_manager.user_loader
def load_user(token: str):
    return services.load_session(token)


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        return jsonify(error={"status": 401, "title": "Unauthorized",
                              "detail": "Sign in or send a personal access token."}), 401
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("accounts.login", next=target))


@bp.before_app_request
def require_login():
    """Every view is private unless marked @public; coordinators and admins
    cannot go anywhere before they have set up two-factor sign-in."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if view is None or request.endpoint == "static":
        return None
    if current_user.is_authenticated:
        if (services.two_factor_required(current_user) and not current_user.two_factor_enabled
                and request.endpoint not in ENROLMENT_ENDPOINTS):
            return redirect(url_for("accounts.two_factor"))
        return None
    if not getattr(view, "is_public", False):
        return login_manager.unauthorized()
    return None


def _complete_login(user, next_url: str | None):
    """Start a fresh session (a new token, a new cookie): nothing from before
    sign-in carries over, which defeats session fixation."""
    session.clear()
    services.start_session(user, request.headers.get("User-Agent", ""))
    login_user(user)
    db.session.commit()
    return redirect(safe_next_url(next_url, url_for("dashboard.index")))


def _pending_user():
    pending = session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None, {}
    user = db.session.get(services.User, pending["uid"])
    if user is None or not user.active:
        return None, {}
    return user, pending


def _too_many_attempts():
    return render_template("accounts/too_many_attempts.html"), 429


# --- sign in and out --------------------------------------------------------------------

@bp.route("/login", methods=["GET", "POST"])
@public
@form_view
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.is_submitted():
        email = services.normalise_email(form.email.data or "")
        try:
            throttle.check("login", email)
        except throttle.TooManyAttempts:
            return _too_many_attempts()
        if form.validate():
            user = services.authenticate(email, form.password.data)
            if user is not None:
                return _after_password(user, form.next.data)
            _record_login_failure(email)
            form.form_errors.append(_("The e-mail address or password is not correct."))
    return render_form("accounts/login.html", form)


def _record_login_failure(email: str) -> None:
    known = services.user_by_email(email)
    locked = throttle.record_failure("login", email)
    audit.record(known, "login.failure", known, known_account=known is not None)
    if locked:
        audit.record(known, "login.locked", known)
    db.session.commit()


def _after_password(user, next_url):
    if user.two_factor_enabled or services.two_factor_required(user):
        session[PENDING] = {"uid": user.id, "at": time.time(), "next": next_url or ""}
        db.session.commit()  # keep a rehashed password
        if user.two_factor_enabled:
            return redirect(url_for("accounts.login_code"))
        return redirect(url_for("accounts.two_factor"))
    return _complete_login(user, next_url)


@bp.route("/login/code", methods=["GET", "POST"])
@public
@form_view
def login_code():
    user, pending = _pending_user()
    if user is None or not user.two_factor_enabled:
        return redirect(url_for("accounts.login"))
    form = CodeForm()
    if form.is_submitted():
        try:
            throttle.check("2fa", str(user.id))
        except throttle.TooManyAttempts:
            return _too_many_attempts()
        if form.validate():
            if services.verify_second_factor(user, form.code.data):
                return _complete_login(user, pending.get("next"))
            if throttle.record_failure("2fa", str(user.id)):
                audit.record(user, "2fa.locked", user)
            audit.record(user, "2fa.failure", user)
            db.session.commit()
            form.code.errors = [_("That code is not correct.")]
    return render_form("accounts/login_code.html", form)


@bp.route("/logout", methods=["POST"])
def logout():
    services.end_session(current_user.session_token)
    audit.record(current_user, "logout", current_user)
    logout_user()
    session.clear()
    db.session.commit()
    flash(_("You have signed out."), "success")
    return redirect(url_for("public.home"))


# --- two-factor set-up (forced at first sign-in for coordinators and admins) -----------

@bp.route("/account/two-factor", methods=["GET", "POST"])
@public
@form_view
def two_factor():
    """Set up an authenticator app, either during sign-in (a pending login)
    or from the profile of a signed-in user."""
    if current_user.is_authenticated:
        user, pending = current_user, None
    else:
        user, pending = _pending_user()
        if user is None:
            return redirect(url_for("accounts.login"))
    if user.two_factor_enabled:
        return render_template("accounts/two_factor_status.html", form=ConfirmForm())
    secret = session.get("totp_setup_secret") or services.new_totp_secret()
    session["totp_setup_secret"] = secret
    form = CodeForm()
    if form.validate_on_submit():
        try:
            codes = services.enable_two_factor(user, secret, form.code.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            session.pop("totp_setup_secret", None)
            if pending is not None:
                next_url = pending.get("next")
                _complete_login(user, next_url)
            else:
                db.session.commit()
                next_url = None
            return render_template("accounts/recovery_codes.html", codes=codes,
                                   next_url=safe_next_url(next_url, url_for("dashboard.index")))
    return render_form("accounts/two_factor_setup.html", form, secret=secret,
                       uri=services.provisioning_uri(user, secret),
                       required=services.two_factor_required(user))


@bp.route("/account/two-factor/disable", methods=["POST"])
def two_factor_disable():
    try:
        services.disable_two_factor(current_user)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Two-factor sign-in is off."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/account/two-factor/recovery-codes", methods=["POST"])
def recovery_codes():
    if not current_user.two_factor_enabled:
        abort(404)
    codes = services.new_recovery_codes(current_user)
    audit.record(current_user, "2fa.recovery_codes_renewed", current_user)
    db.session.commit()
    return render_template("accounts/recovery_codes.html", codes=codes,
                           next_url=url_for("accounts.profile"))


# --- password reset ------------------------------------------------------------------------

@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@form_view
def forgot_password():
    form = ForgotPasswordForm()
    if form.is_submitted():
        try:
            throttle.check("reset")
        except throttle.TooManyAttempts:
            return _too_many_attempts()
        if form.validate():
            throttle.record_failure("reset")  # every request counts towards the limit
            services.request_password_reset(form.email.data)
            db.session.commit()
            return render_template("accounts/reset_sent.html")
    return render_form("accounts/forgot_password.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
@form_view
def reset_password(token: str):
    user = services.user_from_reset_token(token)
    if user is None:
        return render_template("accounts/link_invalid.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user, form.password.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Your password has been changed. Please sign in."), "success")
            return redirect(url_for("accounts.login"))
    return render_form("accounts/reset_password.html", form)


# --- invitations -----------------------------------------------------------------------------

@bp.route("/invitations/<token>", methods=["GET", "POST"])
@public
@form_view
def accept_invitation(token: str):
    invitation = services.open_invitation(token)
    if invitation is None or current_user.is_authenticated:
        return render_template("accounts/link_invalid.html"), 404
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(invitation, name=form.name.data,
                                              password=form.password.data,
                                              locale=form.locale.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("Welcome! Your account is ready."), "success")
            return _after_password(user, None)
    return render_form("accounts/accept_invitation.html", form, invitation=invitation)


# --- the profile ------------------------------------------------------------------------------

@bp.route("/account", methods=["GET", "POST"])
@form_view
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        form.populate_obj(current_user)
        db.session.commit()
        flash(_("Your profile has been saved."), "success")
        response = redirect(url_for("accounts.profile"))
        return set_language_cookie(response, current_user.locale)
    return render_form("accounts/profile.html", form,
                       sessions=services.active_sessions(current_user), confirm=ConfirmForm())


@bp.route("/account/password", methods=["GET", "POST"])
@form_view
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data,
                                     form.password.data)
        except ServiceError as error:
            attach_error(form, error)
        else:
            flash(_("Your password has been changed. Other devices have been signed out."),
                  "success")
            # Every session ended with the change; this browser gets a new one.
            return _complete_login(current_user._get_current_object(),
                                   url_for("accounts.profile"))
    return render_form("accounts/change_password.html", form)


@bp.route("/account/sessions/end-all", methods=["POST"])
@login_required
def end_all_sessions():
    services.log_out_everywhere(current_user)
    logout_user()
    session.clear()
    db.session.commit()
    flash(_("You have been signed out everywhere."), "success")
    return redirect(url_for("accounts.login"))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    form = LanguageForm()
    language = form.language.data if form.language.data in LANGUAGES else "en"
    if current_user.is_authenticated:
        current_user.locale = language
        db.session.commit()
    response = redirect(safe_next_url(form.next.data, url_for("public.home")))
    return set_language_cookie(response, language)
