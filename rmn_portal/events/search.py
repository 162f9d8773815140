"""Events in the one search: title, description and place, as the reader may see them."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from ..permissions import visible_to
from ..search import SearchDocument, SearchSource
from ..translit import fold
from .models import Event


def event_document(event: Event) -> SearchDocument:
    place = " ".join(part for part in (event.venue, event.city) if part)
    kind = str(event.kind or "")  # a plain string until the row is loaded again
    return SearchDocument(title=event.title, body=event.description or "",
                          keywords=f"{place}\n{fold(kind.replace('_', ' '))}")


SOURCE = SearchSource(
    kind="event", model=Event, position=20, label=_l("Events"), document=event_document,
    visible=lambda user: visible_to(user, Event),
    url=lambda event: url_for("events.detail", event_id=event.id),
)
