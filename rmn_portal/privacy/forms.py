"""Confirming the deletion of one's account."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..forms import PortalForm, strip_filter


class DeleteAccountForm(PortalForm):
    password = PasswordField(_l("Password"), validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    code = StringField(_l("Code from your authenticator app"), validators=[Length(max=20)],
                       filters=[strip_filter],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    confirm = BooleanField(_l("I understand that my account is deleted at once and for good."),
                           validators=[DataRequired(_l("Tick the box to confirm."))])
    submit = SubmitField(_l("Delete my account"))
