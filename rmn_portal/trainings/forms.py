"""Forms of the trainings feature: field validation only.

Pages with one input per person or per competency (attendance, assessments)
read their rows from the request in the views; their forms carry the CSRF
token and the buttons.
"""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..events.models import EventFormat
from ..forms import FilterForm, NoControlCharacters, PortalForm, choices, strip_filter
from ..orgs.models import COUNTRIES
from .models import AgeBand, EnrolmentMode, Gender, Modality, ProgrammeVisibility

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
_HOURS = re.compile(r"^\s*(\d{1,4})(?:[.,](\d{1,2}))?\s*$")


def parse_hours(text: str | None) -> int | None:
    """"7.5" or "7,5" hours as minutes; None when empty. Raises ValueError
    for anything else, including negative numbers."""
    if text is None or not str(text).strip():
        return None
    if str(text).strip().startswith("-"):
        raise ValueError("negative")
    match = _HOURS.match(str(text))
    if not match:
        raise ValueError("not a number")
    whole, fraction = match.groups()
    return int(whole) * 60 + round(float(f"0.{fraction or 0}") * 60)


def format_hours(minutes: int | None) -> str:
    if minutes is None:
        return ""
    hours = minutes / 60
    return f"{hours:.2f}".rstrip("0").rstrip(".")


class HoursField(StringField):
    """Hours as a decimal number; `minutes` holds the parsed value."""

    minutes: int | None = None

    def pre_validate(self, form):
        try:
            self.minutes = parse_hours(self.data)
        except ValueError as error:
            self.minutes = None
            if str(error) == "negative":
                raise ValidationError(_l("Hours cannot be below zero.")) from error
            raise ValidationError(_l("Enter hours as a number, e.g. 6 or 7.5.")) from error


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CompetencyForm(PortalForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120),
                                                NoControlCharacters()], filters=[strip_filter])
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)],
                                description=_l("One or two sentences: what someone with this "
                                               "competency can do."))
    active = BooleanField(_l("Offered (uncheck to retire it)"), default=True)
    submit = SubmitField(_l("Save competency"))


class ProgrammeForm(PortalForm):
    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200),
                                                  NoControlCharacters()], filters=[strip_filter])
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)],
                                description=_l("Markdown: *italic*, **bold**, "
                                               "[link](https://…)."))
    target_audience = StringField(_l("Target audience"), validators=[
        Length(max=500), NoControlCharacters()], filters=[strip_filter],
        description=_l("For example: caseworkers and legal counsellors new to asylum work."))
    organiser = SelectField(_l("Organiser"))
    visibility = SelectField(_l("Visibility"), default=ProgrammeVisibility.NETWORK.value)
    modality = SelectField(_l("Modality"), default=Modality.IN_PERSON.value)
    planned_hours = HoursField(_l("Planned hours"), filters=[strip_filter])
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(
        min=0, max=10000, message=_l("Enter a number of places from 0 upwards."))],
        description=_l("Places. Leave empty for no limit; when full, people join a waiting "
                       "list."))
    enrolment_mode = SelectField(_l("Enrolment"), default=EnrolmentMode.OPEN.value)
    competencies = MultiCheckboxField(_l("Competencies covered"), coerce=int)
    trainer_emails = TextAreaField(
        _l("Trainers with an account"), validators=[Length(max=2000)],
        description=_l("Their e-mail addresses, one per line. Trainers record attendance."))
    external_trainers = TextAreaField(
        _l("Other trainers"), validators=[Length(max=2000), NoControlCharacters()],
        description=_l("Names of trainers without an account, one per line."))
    completion_percent = IntegerField(
        _l("Sessions to attend for completion (per cent)"), default=80,
        validators=[DataRequired(_l("Enter a share from 1 to 100 per cent.")),
                    NumberRange(min=1, max=100,
                                message=_l("Enter a share from 1 to 100 per cent."))])
    requires_post_assessment = BooleanField(
        _l("Completion also requires the after-training self-assessment"))
    submit = SubmitField(_l("Save training"))

    def __init__(self, *args, organisers, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.organiser.choices = choices(organisers)
        self.visibility.choices = choices(
            [(v.value, v.label) for v in ProgrammeVisibility])
        self.modality.choices = choices([(m.value, m.label) for m in Modality])
        self.enrolment_mode.choices = choices([(m.value, m.label) for m in EnrolmentMode])
        self.competencies.choices = choices([(c.id, c.name) for c in competencies])

    def trainer_email_list(self) -> list[str]:
        text = self.trainer_emails.data or ""
        return [part.strip().lower() for part in re.split(r"[\s,;]+", text) if part.strip()]


class SessionForm(PortalForm):
    version = HiddenField()
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200),
                                                  NoControlCharacters()], filters=[strip_filter])
    starts_at = DateTimeLocalField(_l("Start"), format=DATETIME_FORMAT,
                                   validators=[DataRequired()])
    ends_at = DateTimeLocalField(_l("End"), format=DATETIME_FORMAT, validators=[DataRequired()])
    hours = HoursField(_l("Hours"), filters=[strip_filter],
                       description=_l("Hours that count towards participants' training hours. "
                                      "Leave empty to count the whole session."))
    format = SelectField(_l("Format"), default=EventFormat.IN_PERSON.value)
    venue = StringField(_l("Venue"), validators=[Length(max=200), NoControlCharacters()],
                        filters=[strip_filter])
    city = StringField(_l("City"), validators=[Length(max=100), NoControlCharacters()],
                       filters=[strip_filter])
    country = SelectField(_l("Country"), default="")
    online_url = URLField(_l("Online link"), validators=[Optional(), Length(max=500)],
                          filters=[strip_filter])
    submit = SubmitField(_l("Save session"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.format.choices = choices([(f.value, f.label) for f in EventFormat])
        self.country.choices = choices([("", _l("Not set")), *COUNTRIES.items()])


class CancelForm(PortalForm):
    reason = TextAreaField(_l("Reason"), validators=[Length(max=500)],
                           description=_l("Sent to the people enrolled."))
    submit = SubmitField(_l("Cancel it"))


class RevokeForm(PortalForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(_l("Say why the certificate "
                                                                   "is revoked.")),
                                                    Length(max=300)], filters=[strip_filter])
    submit = SubmitField(_l("Revoke certificate"))


def gender_choices():
    return choices([("", _l("Not stated")), *[(g.value, g.label) for g in Gender]])


class EnrolForm(PortalForm):
    gender = SelectField(_l("Gender (optional)"), default="",
                         description=_l("Only for anonymous statistics; shown to nobody."))
    submit = SubmitField(_l("Enrol"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gender.choices = gender_choices()


class GenderForm(EnrolForm):
    submit = SubmitField(_l("Save"))


class NominateForm(PortalForm):
    email = StringField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)],
                        filters=[strip_filter],
                        description=_l("The person's address in the portal."))
    submit = SubmitField(_l("Enrol this person"))


class ActionForm(PortalForm):
    """Buttons only (the rows are read by the view)."""

    submit = SubmitField(_l("Save"))


class ImportForm(PortalForm):
    file = FileField(_l("File"), description=_l(
        "A CSV file (UTF-8) with one e-mail address per line, in the first column. Those "
        "people are marked present. Nothing is saved before you confirm."))
    submit = SubmitField(_l("Check the file"))


class GuestForm(PortalForm):
    count = IntegerField(_l("Number of participants"), validators=[
        DataRequired(_l("Enter a number of participants from 1 upwards.")),
        NumberRange(min=1, max=10000,
                    message=_l("Enter a number of participants from 1 upwards."))])
    gender = SelectField(_l("Gender"), default="")
    age_band = SelectField(_l("Age band"), default="")
    submit = SubmitField(_l("Add count"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gender.choices = gender_choices()
        self.age_band.choices = choices([("", _l("Not stated")),
                                         *[(a.value, a.label) for a in AgeBand]])


class YearForm(FilterForm):
    year = SelectField(_l("Year"))

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.year.choices = choices([(y, str(y)) for y in years])


class ReportForm(FilterForm):
    start = DateField(_l("From"), validators=[DataRequired()])
    end = DateField(_l("To"), validators=[DataRequired()])

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("The end of the period must not be before its start."))
        if self.start.data and field.data and (field.data - self.start.data).days > 5 * 366:
            raise ValidationError(_l("Choose a period of at most five years."))


class VerifyForm(FilterForm):
    code = StringField(_l("Verification code"), validators=[Length(max=80)],
                       filters=[strip_filter])
