"""Daily and weekly digests: `flask --app rmn_portal send-digests`.

Run it as often as you like (hourly is fine): a person gets at most one daily
digest in `DAILY_GAP` and one weekly digest in `WEEKLY_GAP`. A digest
collects the person's notifications that wait for it, checks each one again
(the person may no longer see what it is about: a statement went back to
drafting, a note was rejected), and marks every one it mails as sent in the
same transaction that queues the message, so no item is ever mailed twice.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from ..accounts.models import User
from ..db import db, utcnow
from ..permissions import READ_ACTION, can
from . import kinds
from .models import DIGESTS, DigestRun, EmailState, Frequency, Notification
from .services import PREFERENCES_PATH, absolute, preferences, queue_email

DAILY_GAP = timedelta(hours=20)
WEEKLY_GAP = timedelta(days=6, hours=20)
GAPS = {Frequency.DAILY: DAILY_GAP, Frequency.WEEKLY: WEEKLY_GAP}


@dataclass(frozen=True)
class DigestLine:
    title: str
    body: str
    url: str
    when: str  # in the recipient's time zone and language


@dataclass
class DigestReport:
    digests: int = 0  # e-mails queued
    items: int = 0  # notifications mailed in them
    skipped: int = 0  # notifications dropped (not wanted, or no longer visible)


def send_digests(now: datetime | None = None) -> DigestReport:
    """Queue the digests that are due. Commits once per person."""
    now = now or utcnow()
    report = DigestReport()
    waiting = db.session.scalars(
        select(Notification.user_id).where(Notification.email_state == EmailState.PENDING)
        .distinct().order_by(Notification.user_id)).all()
    for user_id in waiting:
        user = db.session.get(User, user_id)
        _digest_for(user, now, report)
        db.session.commit()
    return report


def _digest_for(user: User, now: datetime, report: DigestReport) -> None:
    pending = db.session.scalars(
        select(Notification).where(Notification.user_id == user.id,
                                   Notification.email_state == EmailState.PENDING)
        .order_by(Notification.created_at, Notification.id)).all()
    chosen = preferences(user)
    by_frequency: dict[Frequency, list[Notification]] = defaultdict(list)
    for item in pending:
        frequency = chosen.get(item.kind) or kinds.default_for(item.kind)
        if frequency is Frequency.IMMEDIATELY:
            frequency = Frequency.DAILY  # waited for a digest before the choice changed
        if frequency is Frequency.NEVER or not user.active or not still_visible(user, item):
            item.email_state = EmailState.SKIPPED
            report.skipped += 1
            continue
        by_frequency[frequency].append(item)
    for frequency in DIGESTS:
        items = by_frequency.get(frequency)
        if items and _due(user, frequency, items[0].created_at, now):
            _send(user, frequency, items, now)
            report.digests += 1
            report.items += len(items)


def _due(user: User, frequency: Frequency, oldest: datetime, now: datetime) -> bool:
    """Due when the last digest of this frequency (or, before the first one,
    the oldest waiting item) is at least one period old."""
    last = db.session.scalar(select(DigestRun.sent_at).where(
        DigestRun.user_id == user.id, DigestRun.frequency == frequency))
    return now - (last or oldest) >= GAPS[frequency]


def _send(user: User, frequency: Frequency, items: list[Notification], now: datetime) -> None:
    groups: dict[str, list[DigestLine]] = defaultdict(list)
    zone = ZoneInfo(user.timezone or current_app.config["DEFAULT_TIMEZONE"])
    with force_locale(user.locale):
        for item in items:
            when = format_datetime(item.created_at, "short", tzinfo=zone,
                                   locale=_babel_locale(user.locale))
            groups[str(kinds.section_of(item.kind))].append(
                DigestLine(item.title, item.body, item.url, when))
        queue_email(user.email, "notify/email/digest", locale=user.locale,
                    kind=f"digest.{frequency.value}", recipient=user, frequency=frequency.value,
                    count=len(items), groups=sorted(groups.items()), absolute=absolute,
                    preferences_link=absolute(PREFERENCES_PATH))
    for item in items:
        item.email_state = EmailState.SENT
        item.emailed_at = now
    run = db.session.scalar(select(DigestRun).where(DigestRun.user_id == user.id,
                                                    DigestRun.frequency == frequency))
    if run is None:
        db.session.add(DigestRun(user_id=user.id, frequency=frequency, sent_at=now))
    else:
        run.sent_at = now


def _babel_locale(locale: str) -> str:
    return "sr_Latn" if locale == "sr_Latn" else ("sr_Cyrl" if locale == "sr_Cyrl" else "en")


# --- is the item still the person's to see? ---------------------------------------------

def _subject_models() -> dict[str, type]:
    """URL arguments that name an object, by the convention `<model>_id`:
    statement_id, note_id, event_id, resource_id, training_id."""
    return {f"{model.__name__.lower()}_id": model for model in READ_ACTION}


def still_visible(user: User, item: Notification) -> bool:
    """A notification's link names what it is about; if the person may no
    longer read that object (or it is gone), the item is not mailed."""
    if not item.url or not item.url.startswith("/"):
        return True
    try:
        _endpoint, arguments = current_app.url_map.bind("localhost").match(
            item.url.split("#", 1)[0].split("?", 1)[0], method="GET")
    except RequestRedirect as redirect:
        return still_visible(user, Notification(url=redirect.new_url.split("localhost", 1)[-1]))
    except HTTPException:
        return False  # the page no longer exists
    models = _subject_models()
    for name, value in arguments.items():
        model = models.get(name)
        if model is None:
            continue
        obj = db.session.get(model, value)
        if obj is None or not can(user, READ_ACTION[model], obj):
            return False
    return True
