"""The notification preferences form: one choice per kind."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField

from ..forms import PortalForm, choices
from .kinds import Kind
from .models import Frequency


def field_name(kind: str) -> str:
    return "kind-" + kind.replace(".", "-")


def preferences_form(kinds: list[Kind], current: dict[str, Frequency], formdata=None):
    """A form class built for the kinds there are (features register theirs)."""

    class PreferencesForm(PortalForm):
        submit = SubmitField(_l("Save preferences"))

    options = choices((frequency.value, frequency.label) for frequency in Frequency)
    for kind in kinds:
        setattr(PreferencesForm, field_name(kind.name),
                SelectField(kind.label, choices=options,
                            default=current.get(kind.name, kind.default).value))
    return PreferencesForm(formdata=formdata)
