"""The trainings blueprint and what its view modules share. Routes live in
`views` (programmes and enrolment), `session_views` (sessions, attendance,
import, participants without accounts, sign-in sheet), `record_views`
(certificates, verification, a person's record, self-assessment) and
`stats_views` (competencies, needs assessment, dashboards, donor report)."""

from flask import Blueprint, abort
from flask_login import current_user

from ..db import db
from ..permissions import Action, can, require
from .models import Enrolment, Programme, TrainingSession

bp = Blueprint("trainings", __name__, url_prefix="/trainings")


def load_programme(programme_id: int, action: Action = Action.TRAINING_READ) -> Programme:
    """The programme, if the reader may see it (404 otherwise) and act (403)."""
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        abort(404)
    require(Action.TRAINING_READ, programme)
    if action is not Action.TRAINING_READ:
        require(action, programme)
    return programme


def load_session(programme: Programme, session_id: int) -> TrainingSession:
    session = db.session.get(TrainingSession, session_id)
    if session is None or session.programme_id != programme.id:
        abort(404)
    return session


def load_enrolment(programme: Programme, enrolment_id: int) -> Enrolment:
    """An enrolment of the programme, if the reader may see it: managers and
    trainers see every one, organisation admins their staff's, people their own."""
    enrolment = db.session.get(Enrolment, enrolment_id)
    if enrolment is None or enrolment.programme_id != programme.id:
        abort(404)
    if not (enrolment.user_id == current_user.id
            or can(current_user, Action.TRAINING_RECORD_ATTENDANCE, programme)
            or can(current_user, Action.TRAINING_RECORD_READ, enrolment.user)):
        abort(404)
    return enrolment
