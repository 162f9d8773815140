"""Anonymised notes on the needs of LGBTI+ refugees (issue #6).

Members write notes; the anonymiser (`anonymise/`) finds personal data; a
second person reviews the redacted text; only the redacted text is published,
and the raw text is erased. See docs/notes.md.
"""

DEFAULT_DRAFT_DAYS = 30


def init_app(app) -> None:
    from .. import cache
    from ..search import register
    from .cli import notes_group
    from .dashboard import NAMESPACE
    from .models import Note, NoteCategory, NoteGroup
    from .search import SOURCE

    register(SOURCE)
    # Publishing, withdrawing or deleting a note changes the needs dashboard.
    cache.invalidate_on_change(NAMESPACE, Note, NoteCategory, NoteGroup)

    # RMN_NOTE_DRAFT_DAYS: unpublished notes untouched this long are purged.
    app.config.setdefault("NOTE_DRAFT_DAYS", DEFAULT_DRAFT_DAYS)
    app.cli.add_command(notes_group)
