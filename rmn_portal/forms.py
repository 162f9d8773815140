"""Form helpers shared by every feature, and the base of every form."""

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import ValidationError, widgets
from wtforms.fields.choices import SelectChoice

from .errors import ServiceError
from .i18n import WTFORMS_MESSAGES
from .security import csrf_failed


class PortalForm(FlaskForm):
    """The base of the portal's forms: Flask-WTF's, with WTForms' own messages
    from catalogues kept in memory (see i18n.WTFormsMessages)."""

    class Meta:
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return WTFORMS_MESSAGES


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


class QuickSelect(widgets.Select):
    """wtforms' select with plain options written directly: a list page's
    filters render a hundred options per view, and building each through
    html_params cost more than the rest of the form. The same HTML, byte for byte."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        value, label = escape(choice.value), escape(choice.label or choice.value)
        return Markup(f'<option{selected} value="{value}">{label}</option>')  # noqa: S704  # nosec B704 (value and label escaped)


QUICK_SELECTS = {False: QuickSelect(), True: QuickSelect(multiple=True)}


class FilterForm(PortalForm):
    """Filters of a list page, sent with GET: they change nothing, so they
    carry no CSRF token (and links to filtered lists can be shared)."""

    class Meta:
        csrf = False

        def render_field(self, field, render_kw):
            if type(field.widget) is widgets.Select:
                field.widget = QUICK_SELECTS[field.widget.multiple]
            return super().render_field(field, render_kw)
