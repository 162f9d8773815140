"""No overbooking when many people answer "going" at the same moment.

Fifty threads, each with its own database session and transaction, answer
"going" to an event with ten places, released together by a barrier. On
PostgreSQL the event's row lock (SELECT … FOR UPDATE) makes them queue: each
succeeds at the first try. SQLite admits one writer at a time and reports a
conflict to the others instead of waiting; there the threads try again, as a
person would, and the outcome must be the same.
"""

import threading
import time

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from rmn_portal.accounts.models import Role, User
from rmn_portal.db import db
from rmn_portal.events import services
from rmn_portal.events.models import Event, Registration, RegistrationStatus
from tests.factories import Factory

from .helpers import make_event

THREADS = 50
PLACES = 10


def _setup(app) -> tuple[int, list[int]]:
    with app.app_context():
        make = Factory(db.session)
        org = make.org()
        organiser = make.user(org, Role.ORG_ADMIN)
        people = [make.user(make.org() if n % 5 == 0 else org) for n in range(THREADS)]
        event = make_event(organiser, capacity=PLACES)
        db.session.commit()
        return event.id, [person.id for person in people]


def _answer(app, event_id: int, user_id: int, barrier, errors: list, retries: list) -> None:
    with app.app_context():
        barrier.wait()
        for attempt in range(50):
            try:
                person = db.session.get(User, user_id)
                event = db.session.get(Event, event_id)
                services.rsvp(person, event, "going")
                db.session.commit()
                return
            except OperationalError as error:  # SQLite: "database is locked"
                db.session.rollback()
                if db.engine.dialect.name != "sqlite":
                    errors.append(repr(error))
                    return
                retries.append(attempt)
                time.sleep(0.01 * (attempt + 1))
            except Exception as error:
                db.session.rollback()
                errors.append(repr(error))
                return
        errors.append("gave up")


def test_fifty_people_racing_for_ten_places(fresh_app):
    event_id, user_ids = _setup(fresh_app)
    barrier = threading.Barrier(THREADS)
    errors: list[str] = []
    retries: list[int] = []
    threads = [threading.Thread(target=_answer,
                                args=(fresh_app, event_id, uid, barrier, errors, retries))
               for uid in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors
    with fresh_app.app_context():
        counts = dict(db.session.execute(
            select(Registration.status, func.count()).where(Registration.event_id == event_id)
            .group_by(Registration.status)).all())
        assert counts == {RegistrationStatus.GOING: PLACES,
                          RegistrationStatus.WAITLISTED: THREADS - PLACES}
        waiting = db.session.scalars(select(Registration).where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.WAITLISTED)).all()
        positions = sorted(services.waitlist_position(r) for r in waiting)
        assert positions == list(range(1, THREADS - PLACES + 1))
        if db.engine.dialect.name == "postgresql":
            assert not retries  # the row lock made them wait, not fail


def test_cancellations_racing_with_new_answers_never_overbook(fresh_app):
    """Half the people with a place cancel while others keep arriving: the
    freed places go to the waiting list in order, never beyond capacity."""
    event_id, user_ids = _setup(fresh_app)
    first, rest = user_ids[:PLACES], user_ids[PLACES:]
    with fresh_app.app_context():
        event = db.session.get(Event, event_id)
        for uid in first + rest[:10]:
            services.rsvp(db.session.get(User, uid), event, "going")
        db.session.commit()

    def cancel(uid, barrier, errors, retries):
        with fresh_app.app_context():
            barrier.wait()
            for attempt in range(50):
                try:
                    services.rsvp(db.session.get(User, uid), db.session.get(Event, event_id),
                                  "not_going")
                    db.session.commit()
                    return
                except OperationalError:
                    db.session.rollback()
                    retries.append(attempt)
                    time.sleep(0.01 * (attempt + 1))

    barrier = threading.Barrier(len(first[:5]) + len(rest[10:30]))
    errors: list[str] = []
    retries: list[int] = []
    threads = [threading.Thread(target=cancel, args=(uid, barrier, errors, retries))
               for uid in first[:5]]
    threads += [threading.Thread(target=_answer,
                                 args=(fresh_app, event_id, uid, barrier, errors, retries))
                for uid in rest[10:30]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors
    with fresh_app.app_context():
        going = db.session.scalar(select(func.count()).select_from(Registration).where(
            Registration.event_id == event_id, Registration.status == RegistrationStatus.GOING))
        assert going == PLACES
        # The ten who waited from the start were promoted before any newcomer.
        promoted = set(db.session.scalars(select(Registration.user_id).where(
            Registration.event_id == event_id, Registration.status == RegistrationStatus.GOING,
            Registration.user_id.in_(rest[:10]))))
        assert len(promoted) == 5
        assert promoted == set(rest[:5])
