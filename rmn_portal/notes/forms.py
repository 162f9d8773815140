"""Forms of the notes feature: field validation only."""

from datetime import date, datetime

from flask_babel import get_timezone
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    MonthField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..content import Visibility
from ..forms import FilterForm, NoControlCharacters, PortalForm, strip_filter
from . import vocab
from .models import NARRATIVE_MAX

try:
    from wtforms.fields.choices import SelectChoice
except ImportError:  # WTForms before 3.3 takes (value, label) pairs
    SelectChoice = None

INVALID_CHOICE = _l("Choose one of the listed values.")
EARLIEST_PERIOD = date(2000, 1, 1)
REASON_MAX = 500


def normalise_newlines(value):
    """Browsers send CRLF; count and store a line break as one character."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def choice(value, label):
    """One option of a select field, in the form this WTForms version expects."""
    return SelectChoice(value, label) if SelectChoice is not None else (value, label)


def vocab_choices(values) -> list:
    return [choice(value, label) for value, label in vocab.choices(values)]


def this_month() -> date:
    today = datetime.now(get_timezone()).date()
    return today.replace(day=1)


def not_in_future(_form, field):
    if field.data and field.data > this_month():
        raise ValidationError(_l("The period cannot be in the future."))
    if field.data and field.data < EARLIEST_PERIOD:
        raise ValidationError(_l("Choose a month from 2000 onwards."))


class PeriodField(MonthField):
    """A month as YYYY-MM (what <input type=month> sends; typed by hand where
    a browser shows a plain text box), stored as the first day of the month."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            year, month = (int(part) for part in valuelist[0].strip().split("-"))
            self.data = date(year, month, 1)
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a month as year-month, for example 2026-03.")) from None


class CheckboxesField(SelectMultipleField):
    """Several values from a fixed list, as a group of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OptionalSelectField(SelectField):
    """A select that may stay empty (a draft), or be left out of the request."""

    def pre_validate(self, form):
        if self.data in (None, ""):
            return
        super().pre_validate(form)


def _select(label, values, **kwargs):
    return OptionalSelectField(label, choices=[choice("", _l("Choose…")), *vocab_choices(values)],
                       invalid_choice_message=INVALID_CHOICE, **kwargs)


class NoteForm(PortalForm):
    """The author's note. Everything may stay empty in a draft; submission
    asks for what is missing (see `missing_for_submission`)."""

    categories = CheckboxesField(_l("Need categories"), choices=vocab_choices(
        vocab.CATEGORY_CHOICES), invalid_choice_message=INVALID_CHOICE)
    groups = CheckboxesField(_l("Population group"), choices=vocab_choices(vocab.GROUP_CHOICES),
                             invalid_choice_message=INVALID_CHOICE,
                             description=_l("Choose all that apply."))
    age_band = _select(_l("Age band"), vocab.AGE_CHOICES)
    origin_region = _select(_l("Region of origin"), vocab.ORIGIN_CHOICES,
                            description=_l("A world region, not a country."))
    region = _select(_l("Region where the need arose"), vocab.REGION_CHOICES,
                     description=_l("A region, never a town, centre or street."))
    period = PeriodField(_l("Period"), validators=[Optional(), not_in_future],
                        description=_l("Month and year, for example 2026-03."))
    urgency = _select(_l("Urgency"), vocab.URGENCY_CHOICES)
    responses = CheckboxesField(_l("Recommended responses"), choices=vocab_choices(
        vocab.RESPONSE_CHOICES), invalid_choice_message=INVALID_CHOICE)
    narrative = TextAreaField(
        _l("Narrative"), filters=[normalise_newlines],
        validators=[Length(max=NARRATIVE_MAX, message=_l(
            "The narrative can have at most %(max)d characters.")), NoControlCharacters()],
        # No spellcheck: "enhanced" browser spellcheckers send the text to a
        # cloud service, and this text holds personal data until published.
        render_kw={"maxlength": NARRATIVE_MAX, "rows": 12, "spellcheck": "false",
                   "autocomplete": "off"},
        description=_l("Plain text, at most 10,000 characters. Describe the need, not the "
                       "person: no names, contacts, exact dates, ages or places."))
    extra_redactions = TextAreaField(
        _l("Also redact"), filters=[normalise_newlines],
        validators=[Length(max=2000), NoControlCharacters()],
        render_kw={"rows": 3, "spellcheck": "false", "autocomplete": "off"},
        description=_l("Exact text to remove wherever it appears, one per line."))
    keep_finding = SelectField(_l("Finding"), choices=[], validate_choice=False)
    keep_reason = StringField(_l("Why it is not personal data"), filters=[strip_filter],
                              validators=[Length(max=REASON_MAX), NoControlCharacters()])
    version = HiddenField()
    check = SubmitField(_l("Check for personal data"))
    save = SubmitField(_l("Save draft"))
    submit = SubmitField(_l("Submit for review"))
    keep = SubmitField(_l("Mark as not personal data"))

    REQUIRED = ("categories", "groups", "age_band", "origin_region", "region", "period",
                "urgency", "narrative")

    def structured_data(self) -> dict:
        return {
            "categories": self.categories.data or [],
            "groups": self.groups.data or [],
            "age_band": self.age_band.data or None,
            "origin_region": self.origin_region.data or None,
            "region": self.region.data or None,
            "period": self.period.data,
            "urgency": self.urgency.data or None,
            "responses": self.responses.data or [],
            "narrative": self.narrative.data or "",
            "extra_redactions": [line.strip() for line in
                                 (self.extra_redactions.data or "").split("\n") if line.strip()],
        }

    def missing_for_submission(self) -> bool:
        """Mark every empty required field; True when something is missing."""
        missing = False
        for name in self.REQUIRED:
            field = getattr(self, name)
            if not field.data:
                field.errors = [*field.errors, _l("Fill this in before submitting.")]
                missing = True
        return missing


class ReviewForm(PortalForm):
    comment = TextAreaField(_l("Comments for the author"), filters=[normalise_newlines],
                            validators=[Length(max=5000), NoControlCharacters()],
                            render_kw={"rows": 4},
                            description=_l("Needed when you return or reject the note."))
    version = HiddenField()
    approve = SubmitField(_l("Approve"))
    send_back = SubmitField(_l("Return to the author"))
    reject = SubmitField(_l("Reject"))


class GeneraliseForm(PortalForm):
    """Coarser values the reviewer may choose; choices are set per note."""

    age_band = SelectField(_l("Age band"), invalid_choice_message=INVALID_CHOICE)
    origin_region = SelectField(_l("Region of origin"), invalid_choice_message=INVALID_CHOICE)
    region = SelectField(_l("Region where the need arose"),
                         invalid_choice_message=INVALID_CHOICE)
    withhold_groups = BooleanField(_l("Withhold the population group (publish as “Not stated”)"))
    version = HiddenField()
    generalise = SubmitField(_l("Use these values"))


class PublishForm(PortalForm):
    visibility = RadioField(_l("Visibility"), default=Visibility.PUBLIC.value,
                            choices=[choice(Visibility.PUBLIC.value, _l("Public: anyone")),
                                     choice(Visibility.NETWORK.value,
                                            _l("Network: signed-in members only"))],
                            validators=[InputRequired()], invalid_choice_message=INVALID_CHOICE)
    version = HiddenField()
    publish = SubmitField(_l("Publish"))


class NoteFilterForm(FilterForm):
    category = OptionalSelectField(_l("Category"), invalid_choice_message=INVALID_CHOICE,
                                   choices=[choice("", _l("All categories")),
                                            *vocab_choices(vocab.CATEGORY_CHOICES)])
    group = OptionalSelectField(_l("Population group"), invalid_choice_message=INVALID_CHOICE,
                                choices=[choice("", _l("All groups")),
                                         *vocab_choices(vocab.GROUP_CHOICES)])
    region = OptionalSelectField(_l("Region"), invalid_choice_message=INVALID_CHOICE,
                                 choices=[choice("", _l("All regions")),
                                          *vocab_choices(vocab.Region)])
    start = PeriodField(_l("From"), validators=[Optional()])
    end = PeriodField(_l("To"), validators=[Optional()])
    apply = SubmitField(_l("Filter"))


class DashboardFilterForm(FilterForm):
    year = SelectField(_l("Year"), coerce=int, invalid_choice_message=INVALID_CHOICE)
    show = SubmitField(_l("Show"))

