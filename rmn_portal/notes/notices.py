"""What people are told about notes, in the app and by e-mail.

Notices name a note by its number only: never its text, never its fields.
They are worded in the recipient's language when written.
"""

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..db import db
from ..notify.services import notify
from .models import Note, NoteStatus

NOTICES = {
    "waiting_for_review": (
        _l("Note %(id)d is waiting for review"),
        _l("A note has been submitted for review. Open it to read the redacted text and "
           "decide.")),
    "approved": (
        _l("Your note %(id)d has been approved"),
        _l("A reviewer approved your note; a reviewer will publish it. Any change you make "
           "now sends it to review again.")),
    "returned": (
        _l("Your note %(id)d has been returned"),
        _l("A reviewer returned your note with comments. Open it to read them and make "
           "changes.")),
    "rejected": (
        _l("Your note %(id)d has been rejected"),
        _l("A reviewer rejected your note, and its text has been erased. The reason is in "
           "the review record of the note.")),
    "published": (
        _l("Your note %(id)d has been published"),
        _l("Your note is published. Only its redacted text is kept; your original text has "
           "been erased.")),
    "changed_after_approval": (
        _l("Note %(id)d changed after your approval"),
        _l("The author changed a note you approved, so it is waiting for review again.")),
    "purged": (
        _l("Your unpublished note %(id)d has been erased"),
        _l("Nobody had changed it for %(days)d days, so it was erased with its text, as the "
           "network's rules require.")),
}


def tell_author(note: Note, event: str) -> None:
    author = db.session.get(User, note.author_id) if note.author_id else None
    endpoint = "notes.show" if note.status is NoteStatus.PUBLISHED else "notes.edit"
    if note.status is NoteStatus.REJECTED:
        endpoint = "notes.mine"
    tell(author, note, event, endpoint)


def tell(recipient: User | None, note: Note, event: str, endpoint: str, **values) -> None:
    if recipient is None or not recipient.active:
        return
    title, body = NOTICES[event]
    with force_locale(recipient.locale):
        title, body = str(title) % {"id": note.id}, str(body) % values
    url = path_for(endpoint) if endpoint == "notes.mine" else path_for(endpoint, note_id=note.id)
    notify(recipient, f"notes.{event}", "notes/email/notice", url=url, title=title, body=body)


def path_for(endpoint: str, **values) -> str:
    """A site path, also outside a request (command line, demo data)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)
