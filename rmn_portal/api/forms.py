"""Creating a personal access token."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from ..forms import NoControlCharacters, PortalForm, choices, strip_filter
from .tokens import EXPIRY_DAYS


class TokenForm(PortalForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=80),
                                                NoControlCharacters()],
                       filters=[strip_filter],
                       description=_l("What the token is for, for example \"Website statements "
                                      "widget\"."))
    days = SelectField(_l("Expires after"), coerce=int, default=90,
                       choices=choices((days, _l("%(num)d days", num=days))
                                       for days in EXPIRY_DAYS))
    submit = SubmitField(_l("Create token"))
