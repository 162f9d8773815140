"""Form helpers shared by every feature."""

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import ValidationError
from wtforms.fields.choices import SelectChoice

from .errors import ServiceError
from .security import csrf_failed


def render_form(template: str, form, status: int | None = None, **context):
    """Render a page with a form: 400 when the CSRF token failed, 422 when
    other fields failed, 200 otherwise. The user's input stays in the form."""
    if status is None:
        status = error_status(form) if form.errors else 200
    return render_template(template, form=form, **context), status


def error_status(form) -> int:
    """The status of a page showing a refused form: 400 when its CSRF token
    failed, 422 for any other refusal."""
    return 400 if csrf_failed(form) else 422


def attach_error(form, error: ServiceError) -> None:
    """Show a service's refusal next to the field it concerns (or above the form)."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)


class NoControlCharacters:
    """Refuse control and bidirectional-override characters, which can hide
    or reorder text (a classic trick in names and titles)."""

    BAD = {chr(c) for c in range(0, 32) if chr(c) not in "\t\n\r"} | set(
        "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x7f")

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        if field.data and any(char in self.BAD for char in str(field.data)):
            raise ValidationError(self.message or _l("Remove control or direction characters."))


def choices(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs or a mapping (labels may be lazy)."""
    items = pairs.items() if hasattr(pairs, "items") else pairs
    return [SelectChoice(value=str(value), label=label) for value, label in items]


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value


class FilterForm(FlaskForm):
    """Filters of a list page, sent with GET: they change nothing, so they
    carry no CSRF token (and links to filtered lists can be shared)."""

    class Meta:
        csrf = False
