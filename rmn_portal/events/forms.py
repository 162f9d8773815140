"""Forms of the events feature. Times are typed in the reader's time zone;
`EventForm.utc()` turns them into UTC, refusing times the clocks skip."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..content import Visibility
from ..forms import FilterForm, NoControlCharacters, PortalForm, strip_filter
from ..orgs.models import COUNTRIES
from . import localtime
from .models import EVENT_LANGUAGES, EventFormat, EventKind, Frequency, Response
from .services import Scope
from .validation import MAX_QUESTIONS, is_web_address

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
VISIBILITY_CHOICES = [
    (Visibility.ORGANISATION.value, _l("My organisation only")),
    (Visibility.NETWORK.value, _l("The network (all signed-in members)")),
    (Visibility.PUBLIC.value, _l("Public (anyone, also without signing in)")),
]


SCOPE_CHOICES = [(Scope.OCCURRENCE.value, _l("This occurrence only")),
                 (Scope.SERIES.value, _l("The whole series (every occurrence not yet over)"))]
# Choices are set in each form's __init__ (WTForms 3.3 deprecates tuples
# passed to the field constructor; the setter takes them as before).


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (templates render it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def web_address(_form, field):
    if field.data and not is_web_address(field.data):
        raise ValidationError(_l("Enter a web address starting with https:// or http://."))


def _enum_choices(enum_cls):
    return [(member.value, member.label) for member in enum_cls]


class QuestionForm(Form):
    """One registration question; empty rows are ignored."""

    qid = HiddenField()
    text = StringField(_l("Question"), validators=[Length(max=300), NoControlCharacters()],
                        filters=[strip_filter])
    choices = StringField(
        _l("Answers to choose from"), validators=[Length(max=1000), NoControlCharacters()],
        filters=[strip_filter],
        description=_l("Separate them with a vertical bar, e.g. Yes | No. Leave empty for a "
                       "free-text answer."))
    required = BooleanField(_l("An answer is required"))


class EventForm(PortalForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200),
                                                  NoControlCharacters()], filters=[strip_filter])
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)],
                                description=_l("Markdown: *italic*, **bold**, "
                                               "[link](https://…)."))
    kind = SelectField(_l("Kind"), default=EventKind.MEETING.value)
    format = SelectField(_l("Format"), default=EventFormat.IN_PERSON.value)
    venue = StringField(_l("Venue"), validators=[Length(max=200), NoControlCharacters()],
                        filters=[strip_filter],
                        description=_l("Building and address, for events in person."))
    city = StringField(_l("City"), validators=[Length(max=100), NoControlCharacters()],
                       filters=[strip_filter])
    country = SelectField(_l("Country"), default="")
    online_url = URLField(_l("Online link"), validators=[Optional(), Length(max=500),
                                                         web_address],
                          filters=[strip_filter],
                          description=_l("Shown only to people who have a place."))
    starts_at = DateTimeLocalField(_l("Start"), format=DATETIME_FORMAT,
                                   validators=[DataRequired()])
    ends_at = DateTimeLocalField(_l("End"), format=DATETIME_FORMAT, validators=[DataRequired()])
    registration_deadline = DateTimeLocalField(
        _l("Deadline"), format=DATETIME_FORMAT, validators=[Optional()],
        description=_l("Last moment to register. Leave empty to accept registrations until "
                       "the start."))
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(
        min=0, max=100000, message=_l("Enter a number of places from 0 upwards."))],
        description=_l("Places available. Leave empty for no limit; when full, people join "
                       "a waiting list."))
    requires_approval = BooleanField(_l("Organisers approve each registration"))
    visibility = SelectField(_l("Visibility"), default=Visibility.ORGANISATION.value)
    languages = MultiCheckboxField(_l("Languages"))
    coorganisers = MultiCheckboxField(_l("Co-organising organisations"), coerce=int)
    questions = FieldList(FormField(QuestionForm), max_entries=MAX_QUESTIONS)
    repeat = SelectField(_l("Repeats"), default="")
    repeat_until = DateField(_l("Repeat until"), validators=[Optional()],
                             description=_l("The last day of the series."))
    repeat_count = IntegerField(_l("Number of occurrences"), validators=[Optional(), NumberRange(
        min=1, max=52, message=_l("A series has from 1 to 52 occurrences."))])
    scope = RadioField(_l("Apply the changes to"), default=Scope.OCCURRENCE.value)
    version = HiddenField()
    confirm_clash = BooleanField(_l("I know about the overlap: save anyway"))
    submit = SubmitField(_l("Save event"))

    def __init__(self, *args, tz: ZoneInfo, org_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.tz = tz
        self.kind.choices = _enum_choices(EventKind)
        self.format.choices = _enum_choices(EventFormat)
        self.country.choices = [("", _l("Online, or outside the region")),
                                *COUNTRIES.items()]
        self.visibility.choices = VISIBILITY_CHOICES
        self.languages.choices = list(EVENT_LANGUAGES.items())
        self.coorganisers.choices = list(org_choices)
        self.repeat.choices = [("", _l("Does not repeat")),
                               (Frequency.WEEKLY.value, _l("Every week")),
                               (Frequency.MONTHLY.value, _l("Every month, on the same day"))]
        self.scope.choices = SCOPE_CHOICES

    def utc(self, field) -> datetime | None:
        """The field's value in UTC (after validation)."""
        return localtime.to_utc(field.data, self.tz) if field.data else None

    def _check_exists(self, field) -> None:
        if field.data:
            try:
                localtime.to_utc(field.data, self.tz)
            except localtime.NonexistentTime:
                raise ValidationError(_l(
                    "This time does not exist in your time zone (%(zone)s): the clocks move "
                    "forward that night. Choose a time an hour later.",
                    zone=self.tz.key)) from None

    def validate_starts_at(self, field):
        self._check_exists(field)

    def validate_ends_at(self, field):
        self._check_exists(field)
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must be after the start."))

    def validate_registration_deadline(self, field):
        self._check_exists(field)
        if field.data and self.starts_at.data and field.data > self.starts_at.data:
            raise ValidationError(_l("The registration deadline must not be after the start."))

    def question_list(self) -> list[dict]:
        rows = [entry.form for entry in self.questions]
        return [{"id": row.qid.data or None, "label": row.text.data,
                 "choices": [c for c in (row.choices.data or "").split("|") if c.strip()],
                 "required": row.required.data}
                for row in rows if (row.text.data or "").strip()]


def add_blank_questions(form: EventForm, blanks: int = 2) -> None:
    """Offer a few empty question rows: no script needed to add a question."""
    filled = sum(1 for entry in form.questions if (entry.form.text.data or "").strip())
    while len(form.questions) < min(filled + blanks, MAX_QUESTIONS):
        form.questions.append_entry()


class CancelForm(PortalForm):
    reason = TextAreaField(_l("Reason"), validators=[Length(max=500)],
                           description=_l("Shown on the event page and sent to people who "
                                          "registered."))
    scope = RadioField(_l("Cancel"), default=Scope.OCCURRENCE.value)
    submit = SubmitField(_l("Cancel the event"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope.choices = SCOPE_CHOICES


class OutcomeForm(PortalForm):
    outcome_notes = TextAreaField(_l("Outcome notes"), validators=[Length(max=10000)],
                                  description=_l("How it went, decisions, follow-up. Markdown "
                                                 "works. Never write about individual "
                                                 "refugees here."))
    submit = SubmitField(_l("Save outcome notes"))


class AttendanceForm(PortalForm):
    attended = MultiCheckboxField(_l("Attended"), coerce=int)
    submit = SubmitField(_l("Save attendance"))


class SubscriptionForm(PortalForm):
    include_network = BooleanField(_l("Also include every network event I can see"))
    submit = SubmitField(_l("Save"))


def rsvp_form_class(event):
    """The RSVP form, with one field per registration question."""

    class RsvpForm(PortalForm):
        response = RadioField(_l("Your response"),
                              validators=[DataRequired(message=_l("Choose a response."))])
        accessibility_needs = TextAreaField(
            _l("Accessibility needs"), validators=[Length(max=1000)],
            description=_l("Optional. Only the organisers see this; it is deleted 30 days "
                           "after the event."))
        dietary_requirements = TextAreaField(
            _l("Dietary requirements"), validators=[Length(max=1000)],
            description=_l("Optional. Only the organisers see this; it is deleted 30 days "
                           "after the event."))
        share_with_participants = BooleanField(
            _l("Show my name and organisation to other participants"))
        submit = SubmitField(_l("Save my response"))

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.response.choices = _enum_choices(Response)
            for question in event.questions or []:
                if question.get("choices"):
                    self[f"q_{question['id']}"].choices = [("", _l("— choose —"))] + [
                        (choice, choice) for choice in question["choices"]]

    for question in event.questions or []:
        name = f"q_{question['id']}"
        if question.get("choices"):
            field = SelectField(question["label"], validators=[Optional()])
        else:
            field = StringField(question["label"], validators=[Length(max=1000)],
                                filters=[strip_filter])
        setattr(RsvpForm, name, field)
    return RsvpForm


class EventFilterForm(FilterForm):
    org = SelectField(_l("Organisation"), default="")
    kind = SelectField(_l("Kind"), default="")
    country = SelectField(_l("Country"), default="")
    format = SelectField(_l("Format"), default="")
    submit = SubmitField(_l("Filter"))

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.org.choices = [("", _l("All organisations"))] + [(o.slug, o.name) for o in orgs]
        self.country.choices = [("", _l("All countries")), *COUNTRIES.items()]
        self.kind.choices = [("", _l("All kinds")), *_enum_choices(EventKind)]
        self.format.choices = [("", _l("All formats")), *_enum_choices(EventFormat)]

    def active(self) -> dict:
        """The filters that hold a valid, non-empty value (invalid ones are ignored)."""
        self.validate()
        return {name: getattr(self, name).data for name in ("org", "kind", "country", "format")
                if getattr(self, name).data and not getattr(self, name).errors}
