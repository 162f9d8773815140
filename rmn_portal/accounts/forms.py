"""Forms for signing in, invitations and the profile."""

from zoneinfo import available_timezones

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..forms import NoControlCharacters, PortalForm, choices, strip_filter
from ..i18n import LANGUAGES
from .passwords import MAX_LENGTH

TIMEZONES = sorted(zone for zone in available_timezones() if "/" in zone
                   and not zone.startswith(("Etc/", "SystemV/", "US/")))


class LoginForm(PortalForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)],
                       filters=[strip_filter], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class CodeForm(PortalForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)],
                       filters=[strip_filter],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    submit = SubmitField(_l("Verify"))


class ForgotPasswordForm(PortalForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)],
                       filters=[strip_filter], render_kw={"autocomplete": "email"})
    submit = SubmitField(_l("Send me a link"))


class NewPasswordMixin:
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
        description=_l("At least 12 characters. A few unusual words make a strong password."),
        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw={"autocomplete": "new-password"})


class ResetPasswordForm(NewPasswordMixin, PortalForm):
    submit = SubmitField(_l("Set password"))


class AcceptInvitationForm(NewPasswordMixin, PortalForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120),
                                                NoControlCharacters()],
                       filters=[strip_filter], render_kw={"autocomplete": "name"})
    locale = SelectField(_l("Interface language"), choices=choices(LANGUAGES))
    submit = SubmitField(_l("Create my account"))


class ChangePasswordForm(NewPasswordMixin, PortalForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Change password"))


class ProfileForm(PortalForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120),
                                                NoControlCharacters()], filters=[strip_filter])
    pronouns = StringField(_l("Pronouns"), validators=[Length(max=40), NoControlCharacters()],
                           filters=[strip_filter], description=_l("Optional, for example she/her."))
    locale = SelectField(_l("Interface language"), choices=choices(LANGUAGES))
    timezone = SelectField(_l("Time zone"), choices=choices((zone, zone) for zone in TIMEZONES))
    submit = SubmitField(_l("Save profile"))


class ConfirmForm(PortalForm):
    """An empty form: a button that posts with a CSRF token."""

    submit = SubmitField(_l("Confirm"))


class LanguageForm(PortalForm):
    language = SelectField(_l("Language"), choices=choices(LANGUAGES))
    next = HiddenField()
    submit = SubmitField(_l("Change language"))
