"""Forms for drafting, commenting on and signing statements."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from ..forms import FilterForm, NoControlCharacters, PortalForm, strip_filter
from .models import LANGUAGES, StatementStatus

TEXT_LENGTH = 50_000
MARKDOWN_HINT = _l("Markdown: *italic*, **bold**, [link](https://…), a blank line between "
                   "paragraphs.")


def _language_choices():
    return list(LANGUAGES.items())


class TextFieldsMixin:
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200),
                                                  NoControlCharacters()],
                        filters=[strip_filter])
    body = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=TEXT_LENGTH)],
                         description=MARKDOWN_HINT, render_kw={"rows": 18})


class NewStatementForm(TextFieldsMixin, PortalForm):
    # The id keeps clear of the footer's interface language menu.
    language = SelectField(_l("Language"), choices=LANGUAGES, default="en", id="text-language")
    tags = StringField(_l("Tags"), validators=[Length(max=400), NoControlCharacters()],
                       filters=[strip_filter],
                       description=_l("Optional, separated by commas, e.g. pushbacks, asylum law."))
    submit = SubmitField(_l("Start drafting"))


class EditTextForm(TextFieldsMixin, PortalForm):
    summary = StringField(_l("What did you change?"),
                          validators=[Length(max=300), NoControlCharacters()],
                          filters=[strip_filter], description=_l("Optional, shown in the history."))
    # The revision this edit started from: a save on a stale base is refused.
    base_revision = HiddenField(validators=[InputRequired()])
    submit = SubmitField(_l("Save"))

    def base_number(self) -> int:
        try:
            return int(self.base_revision.data)
        except (TypeError, ValueError):
            return -1


class TranslationForm(TextFieldsMixin, PortalForm):
    language = SelectField(_l("Language"), id="text-language")
    submit = SubmitField(_l("Add translation"))


class TagsForm(PortalForm):
    tags = StringField(_l("Tags"), validators=[Length(max=400), NoControlCharacters()],
                       filters=[strip_filter], description=_l("Separated by commas."))
    submit = SubmitField(_l("Save tags"))


class InviteEditorForm(PortalForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)],
                       filters=[strip_filter],
                       description=_l("Anyone with an account in a member organisation."))
    submit = SubmitField(_l("Invite editor"))


class CommentForm(PortalForm):
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=5000)],
                         description=_l("Mention someone with @ and their full name, e.g. "
                                        "@Ana Demić. Markdown works."),
                         render_kw={"rows": 4})
    paragraph = SelectField(_l("Paragraph"), coerce=int, default=0)
    language = HiddenField()
    submit = SubmitField(_l("Add comment"))


class ReplyForm(PortalForm):
    body = TextAreaField(_l("Reply"), validators=[DataRequired(), Length(max=5000)],
                         render_kw={"rows": 3})
    parent = IntegerField(validators=[DataRequired()])
    submit = SubmitField(_l("Reply"))


class OpenForSignatureForm(PortalForm):
    deadline = DateField(_l("Deadline"), validators=[DataRequired()],
                         description=_l("Organisations can sign until the end of this day "
                                        "(Belgrade time)."))
    submit = SubmitField(_l("Open for signature"))


class SignForm(PortalForm):
    signatory_name = StringField(_l("Name"), validators=[Length(max=120), NoControlCharacters()],
                                 filters=[strip_filter],
                                 description=_l("Optional. Shown with your organisation's "
                                                "signature."))
    signatory_title = StringField(_l("Title or position"),
                                  validators=[Length(max=120), NoControlCharacters()],
                                  filters=[strip_filter],
                                  description=_l("Optional, e.g. Executive director."))
    confirm = BooleanField(validators=[DataRequired(
        message=_l("Confirm that you may sign for your organisation."))])
    submit = SubmitField(_l("Sign"))


class ConfirmForm(PortalForm):
    submit = SubmitField(_l("Confirm"))


class StatementFilterForm(FilterForm):
    status = SelectField(_l("Status"), validators=[Optional()])
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=40)], filters=[strip_filter])
    page = IntegerField(validators=[Optional()])

    def status_choices(self, statuses: list[StatementStatus]):
        self.status.choices = [("", _l("All"))] + [(s.value, s.label) for s in statuses]
