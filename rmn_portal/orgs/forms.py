"""Forms for organisation profiles and their people."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp, ValidationError

from ..forms import NoControlCharacters, PortalForm, choices, strip_filter
from .models import COUNTRIES

# The fields each kind of editor may change (owner, organisation and status
# are never taken from a form).
PROFILE_FIELDS = ("name", "short_name", "city", "website", "contact_email", "description",
                  "is_listed", "show_logo")
ADMIN_FIELDS = (*PROFILE_FIELDS, "slug", "country", "is_active")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_HINT = _l("Use lower-case letters, digits and hyphens.")


def http_url(_form, field):
    if field.data and not field.data.startswith(("http://", "https://")):
        raise ValidationError(_l("Enter a web address starting with http:// or https://."))


class OrganisationProfileForm(PortalForm):
    """What an organisation admin may change about their own organisation."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200),
                                                NoControlCharacters()], filters=[strip_filter])
    short_name = StringField(_l("Short name"), validators=[DataRequired(), Length(max=40),
                                                            NoControlCharacters()],
                             filters=[strip_filter])
    city = StringField(_l("City"), validators=[Length(max=100), NoControlCharacters()],
                       filters=[strip_filter])
    website = URLField(_l("Website"), validators=[Optional(), Length(max=300), http_url],
                       filters=[strip_filter])
    contact_email = EmailField(_l("Contact e-mail"), validators=[Optional(), Email(),
                                                                  Length(max=254)],
                               filters=[strip_filter])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)],
                                description=_l("Markdown: *italic*, **bold**, [link](https://…)."))
    is_listed = BooleanField(_l("Listed in the public directory"))
    logo = FileField(_l("Logo"), description=_l(
        "PNG, JPEG or WebP, at most 2 MB. It is stored without any hidden data (such as "
        "location) the file may carry."))
    remove_logo = BooleanField(_l("Remove the logo"))
    show_logo = BooleanField(_l("Show our logo publicly"), description=_l(
        "For example under the statements your organisation signs."))
    submit = SubmitField(_l("Save"))


class OrganisationAdminForm(OrganisationProfileForm):
    """What the platform admin sets in addition."""

    slug = StringField(
        _l("Address name (slug)"), filters=[strip_filter],
        validators=[DataRequired(), Length(max=60),
                    Regexp(SLUG_PATTERN, message=SLUG_HINT)])
    country = SelectField(_l("Country"), choices=choices(COUNTRIES))
    is_active = BooleanField(_l("Active"), default=True)


class InviteForm(PortalForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)],
                       filters=[strip_filter])
    role = SelectField(_l("Role"))
    submit = SubmitField(_l("Send invitation"))


class RoleForm(PortalForm):
    role = SelectField(_l("Role"))
    submit = SubmitField(_l("Change role"))
