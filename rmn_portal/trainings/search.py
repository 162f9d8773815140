"""Trainings in the one search: programmes as the reader may see them
(drafts only for their managers, organisation trainings inside the organisation)."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from ..permissions import programmes_visible_to
from ..search import SearchDocument, SearchSource
from .models import Programme


def programme_document(programme: Programme) -> SearchDocument:
    return SearchDocument(title=programme.title, body=programme.description or "",
                          keywords=f"{programme.target_audience}\n{programme.external_trainers}")


SOURCE = SearchSource(
    kind="training", model=Programme, position=30, label=_l("Trainings"),
    document=programme_document,
    visible=programmes_visible_to,
    url=lambda programme: url_for("trainings.detail", programme_id=programme.id),
)
