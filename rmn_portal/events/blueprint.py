"""The events blueprint and what its view modules share. Routes live in
`views` (calendar and event pages), `participant_views` (responses,
participant lists, attendance) and `feed_views` (iCalendar)."""

from flask import Blueprint, abort
from flask_login import current_user

from ..db import db
from ..extensions import login_manager
from ..permissions import Action, can, require
from .models import Event

bp = Blueprint("events", __name__, url_prefix="/events")


def load_event(event_id: int, action: Action = Action.EVENT_READ) -> Event:
    """The event, if the reader may see it (404 otherwise) and act (403).

    Someone not signed in who opens a link to an event they cannot see (from
    a notification, say) is asked to sign in first; unknown events get the
    same answer, so this reveals nothing about which events exist."""
    event = db.session.get(Event, event_id)
    if not signed_in() and (event is None or not can(current_user, Action.EVENT_READ, event)):
        abort(login_manager.unauthorized())
    if event is None:
        abort(404)
    require(Action.EVENT_READ, event)
    if action is not Action.EVENT_READ:
        require(action, event)
    return event


def signed_in() -> bool:
    return bool(current_user and current_user.is_authenticated)
