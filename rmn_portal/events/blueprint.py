"""The events blueprint and what its view modules share. Routes live in
`views` (calendar and event pages), `participant_views` (responses,
participant lists, attendance) and `feed_views` (iCalendar)."""

from flask import Blueprint, abort
from flask_login import current_user

from ..db import db
from ..permissions import Action, require
from .models import Event

bp = Blueprint("events", __name__, url_prefix="/events")


def load_event(event_id: int, action: Action = Action.EVENT_READ) -> Event:
    """The event, if the reader may see it (404 otherwise) and act (403)."""
    event = db.session.get(Event, event_id)
    if event is None:
        abort(404)
    require(Action.EVENT_READ, event)
    if action is not Action.EVENT_READ:
        require(action, event)
    return event


def signed_in() -> bool:
    return bool(current_user and current_user.is_authenticated)
