"""Forms of the resource library: field validation only."""

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.validators import ValidationError as FieldError
from wtforms.widgets import CheckboxInput, ListWidget

from ..content import Visibility
from ..forms import FilterForm, NoControlCharacters, PortalForm, strip_filter
from ..orgs.forms import http_url
from .models import KIND_LABELS, LANGUAGES

VISIBILITY_LABELS = {
    Visibility.ORGANISATION.value: _l("My organisation (and organisations I share it with)"),
    Visibility.NETWORK.value: _l("Everyone in the network"),
    Visibility.PUBLIC.value: _l("Public: anyone, without signing in"),
}
EARLIEST_YEAR = 1951  # the Refugee Convention


class CheckboxList(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class KnownChoices:
    """Refuse values not in the field's choices with a message that names the field."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        known = {str(value) for value in field.choices}
        unknown = [value for value in field.data or [] if str(value) not in known]
        if unknown:
            raise FieldError(self.message % {"value": ", ".join(map(str, unknown))})


# Choices are {value: label} dicts of plain strings (WTForms 3.3 deprecates
# tuples), built per request so that labels are in the reader's language.
def kind_choices(*_args) -> dict:
    return {kind.value: str(label) for kind, label in KIND_LABELS.items()}


def language_choices(*_args) -> dict:
    return {code: str(label) for code, label in LANGUAGES.items()}


def visibility_choices(*_args) -> dict:
    return {value: str(label) for value, label in VISIBILITY_LABELS.items()}


class ResourceForm(PortalForm):
    title = StringField(_l("Title"), filters=[strip_filter],
                        validators=[DataRequired(message=_l("Enter a title.")), Length(max=300),
                                    NoControlCharacters()])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=10000), NoControlCharacters()],
                            description=_l("What the document is about, in a few sentences. "
                                           "Markdown: *italic*, **bold**, [link](https://…)."))
    kind = SelectField(_l("Kind"), choices=kind_choices,
                       invalid_choice_message=_l("Choose a kind."))
    languages = CheckboxList(_l("Languages"), choices=language_choices, validate_choice=False,
                             validators=[DataRequired(message=_l("Choose at least one language.")),
                                         KnownChoices(_l("Unknown language: %(value)s. Choose "
                                                         "from the list."))])
    topics = CheckboxList(_l("Topics"), coerce=int, validate_choice=False,
                          validators=[KnownChoices(_l("Unknown topic: %(value)s."))])
    tags = StringField(_l("Tags"), filters=[strip_filter],
                       validators=[Length(max=500), NoControlCharacters()],
                       description=_l("Free keywords, separated by commas."))
    countries = CheckboxList(_l("Countries concerned"), validate_choice=False,
                             validators=[KnownChoices(_l("Unknown country: %(value)s."))])
    year = IntegerField(_l("Year"), validators=[
        Optional(), NumberRange(min=EARLIEST_YEAR, max=date.today().year + 1,
                                message=_l("Enter a year between %(min)s and %(max)s."))])
    visibility = RadioField(_l("Visibility"), choices=visibility_choices,
                            default=Visibility.ORGANISATION.value)
    share_with = CheckboxList(_l("Also share with"), coerce=int, validate_choice=False,
                              validators=[KnownChoices(_l("Unknown organisation: %(value)s."))],
                              description=_l("Only for resources visible to your organisation: "
                                             "these member organisations can see it too."))
    external_url = URLField(_l("Link"), filters=[strip_filter],
                            validators=[Optional(), Length(max=1000), http_url],
                            description=_l("Instead of or besides files: a web address "
                                           "starting with http:// or https://."))
    version = HiddenField()
    submit = SubmitField(_l("Save"))


class NewResourceForm(ResourceForm):
    files = MultipleFileField(_l("Files"))  # its hint names the size limit (views)
    translation_of = HiddenField()


class UploadForm(PortalForm):
    files = MultipleFileField(_l("Files"))
    submit = SubmitField(_l("Upload"))


class VersionForm(PortalForm):
    file = MultipleFileField(_l("New version"))
    submit = SubmitField(_l("Upload new version"))


class TranslationForm(PortalForm):
    other = StringField(_l("Translation of"), filters=[strip_filter],
                        validators=[DataRequired(message=_l("Enter the address or number of "
                                                            "the other resource."))],
                        description=_l("The address (…/resources/123) or number of the same "
                                       "document in another language."))
    submit = SubmitField(_l("Link translation"))


class ResourceFilterForm(FilterForm):
    q = SearchField(_l("Search"), filters=[strip_filter], validators=[Length(max=200)])
    kind = SelectField(_l("Kind"), validate_choice=False)
    # Its own id: the footer's language switcher already uses "language".
    language = SelectField(_l("Language"), validate_choice=False, id="filter-language")
    topic = SelectField(_l("Topic"), validate_choice=False)
    country = SelectField(_l("Country"), validate_choice=False)
    org = SelectField(_l("Organisation"), validate_choice=False)
    year = SelectField(_l("Year"), validate_choice=False)
    visibility = SelectField(_l("Visibility"), validate_choice=False)
    sort = SelectField(_l("Sort by"), validate_choice=False)


class TopicForm(PortalForm):
    name = StringField(_l("Name (English)"), filters=[strip_filter],
                       validators=[DataRequired(message=_l("Enter a name.")), Length(max=80),
                                   NoControlCharacters()])
    name_sr = StringField(_l("Name (Serbian)"), filters=[strip_filter],
                          validators=[Length(max=80), NoControlCharacters()])
    is_active = BooleanField(_l("Offered when adding resources"), default=True)
    submit = SubmitField(_l("Save topic"))
