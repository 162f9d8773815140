"""Published notes in the one search. Only a published note is indexed, and
only its redacted text: a draft's raw narrative (which may name refugees)
never reaches the index, and a note that leaves the published state is
removed from it in the same transaction."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from ..i18n import in_every_language
from ..permissions import published_notes_visible_to
from ..search import SearchDocument, SearchSource
from . import vocab
from .models import Note, NoteStatus


def note_document(note: Note) -> SearchDocument:
    """The title is made of labels in the reader's language; the keywords
    hold every label in English and Serbian so either finds the note."""
    values = [*note.category_values, *note.group_values, note.region, note.origin_region]
    keywords = [in_every_language(vocab.LABELS[value]) for value in values if value is not None]
    return SearchDocument(title=note.title(), body=note.redacted_narrative or "",
                          keywords="\n".join(keywords))


SOURCE = SearchSource(
    kind="note", model=Note, position=40, label=_l("Notes"), document=note_document,
    visible=published_notes_visible_to,
    url=lambda note: url_for("notes.show", note_id=note.id),
    indexed=lambda note: note.status is NoteStatus.PUBLISHED,
)
