"""Filters for the admin lists."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from ..forms import FilterForm, choices, strip_filter


class UserFilterForm(FilterForm):
    q = StringField(_l("Name or e-mail"), validators=[Optional(), Length(max=100)],
                    filters=[strip_filter])
    org = SelectField(_l("Organisation"), validators=[Optional()])
    role = SelectField(_l("Role"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices([("", _l("All")), ("active", _l("Active")),
                                                         ("inactive", _l("Deactivated"))]),
                         validators=[Optional()])


class AuditFilterForm(FilterForm):
    action = StringField(_l("Action"), validators=[Optional(), Length(max=60)],
                         filters=[strip_filter],
                         description=_l("The start is enough, for example “login”."))
    actor = StringField(_l("Person (e-mail)"), validators=[Optional(), Length(max=254)],
                        filters=[strip_filter])
    org = SelectField(_l("Organisation"), validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
