"""The kinds of notification people can choose about, grouped by feature.

A kind is the `kind` string features pass to `notify()` ("events.reminder").
Features may add their own with `register_kind`; a kind nobody registered is
still delivered (immediately) and listed under "Other" once someone has one.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .models import Frequency


@dataclass(frozen=True)
class Kind:
    name: str
    label: object  # a lazy translated string
    section: object
    default: Frequency = Frequency.IMMEDIATELY


_KINDS: dict[str, Kind] = {}


def register_kind(name: str, label, section, default: Frequency = Frequency.IMMEDIATELY) -> Kind:
    kind = Kind(name, label, section, default)
    _KINDS[name] = kind
    return kind


def kinds() -> list[Kind]:
    return list(_KINDS.values())


def kind(name: str) -> Kind | None:
    return _KINDS.get(name)


def default_for(name: str) -> Frequency:
    known = _KINDS.get(name)
    return known.default if known else Frequency.IMMEDIATELY


def section_of(name: str):
    known = _KINDS.get(name)
    return known.section if known else OTHER


PORTAL = _l("The portal")
NOTES = _l("Needs notes")
STATEMENTS = _l("Joint statements")
EVENTS = _l("Events")
OTHER = _l("Other")

register_kind("portal.welcome", _l("Welcome and news about the portal"), PORTAL,
              default=Frequency.NEVER)
# The kinds the features merged so far send (their notices modules).
for _name, _label in (
    ("notes.waiting_for_review", _l("A note is waiting for my review")),
    ("notes.changed_after_approval", _l("A note I approved was changed")),
    ("notes.approved", _l("My note was approved")),
    ("notes.returned", _l("My note was returned with comments")),
    ("notes.rejected", _l("My note was rejected")),
    ("notes.published", _l("My note was published")),
    ("notes.purged", _l("My unpublished note was erased")),
):
    register_kind(_name, _label, NOTES)
for _name, _label in (
    ("statements.signon_opened", _l("A statement is open for my organisation's signature")),
    ("statements.deadline_soon", _l("The deadline to sign a statement is near")),
    ("statements.invited", _l("I am invited to edit a statement")),
    ("statements.mention", _l("Someone mentioned me in a comment")),
    ("statements.comment", _l("New comments on statements I work on")),
    ("statements.signon_closed", _l("Sign-on closed on a statement I lead")),
    ("statements.signature_set_aside", _l("A signature I gave was set aside")),
    ("statements.published", _l("A statement I worked on or signed was published")),
):
    register_kind(_name, _label, STATEMENTS)
for _name, _label in (
    ("events.reminder", _l("Reminders before events I go to")),
    ("events.changed", _l("An event I registered for changed")),
    ("events.cancelled", _l("An event I registered for was cancelled")),
    ("events.promoted", _l("I got a place from the waiting list")),
    ("events.approved", _l("My registration was approved")),
    ("events.rejected", _l("My registration was not approved")),
):
    register_kind(_name, _label, EVENTS)
