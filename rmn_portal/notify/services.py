"""Queue e-mail in the outbox, notify people, and deliver the outbox.

`notify()` and `queue_email()` are what other features call; their
signatures stay as they are. Digests live in `digests.py`.
"""

from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import func, select, update

from ..db import db, utcnow
from . import kinds
from .mailer import MailDeliveryError, mailer_from_url
from .models import EmailState, Frequency, Notification, NotificationPreference, OutboxMessage

MAX_ATTEMPTS = 8
PREFERENCES_PATH = "/account/notifications"


def queue_email(to_address: str, template: str, *, locale: str = "en", kind: str = "general",
                **context) -> OutboxMessage:
    """Render `templates/<template>.txt` (and `.html` if present) in the
    recipient's language and add the message to the current transaction.

    The first line of the text template is the subject.
    """
    with force_locale(locale):
        text = render_template(f"{template}.txt", **context)
        html = _render_optional(f"{template}.html", **context)
    subject, _, body = text.partition("\n")
    message = OutboxMessage(to_address=to_address, subject=subject.strip(), body_text=body.strip()
                            + "\n", body_html=html, kind=kind)
    db.session.add(message)
    return message


def notify(recipient, kind: str, template: str, *, url: str = "", **context) -> Notification:
    """Tell one person about something, in the app and by e-mail.

    `template` names `templates/<template>.txt`: first line the title, the
    rest the body, rendered in the recipient's language. `kind` groups
    notifications for the recipient's preferences (for example
    "events.reminder"): e-mailed now, kept for a digest, or in the app only.
    Callers pass only what the recipient may see.
    """
    with force_locale(recipient.locale):
        text = render_template(f"{template}.txt", recipient=recipient, url=url, **context)
    title, _, body = text.partition("\n")
    notification = Notification(user_id=recipient.id, kind=kind, title=title.strip()[:300],
                                body=body.strip(), url=url)
    db.session.add(notification)
    frequency = preference(recipient, kind)
    if frequency is Frequency.IMMEDIATELY:
        queue_email(recipient.email, "notify/email/notification", locale=recipient.locale,
                    kind=kind, title=notification.title, body=notification.body,
                    link=absolute(url), recipient=recipient,
                    preferences_link=absolute(PREFERENCES_PATH))
        notification.email_state = EmailState.SENT
        notification.emailed_at = utcnow()
    elif frequency is Frequency.NEVER:
        notification.email_state = EmailState.SKIPPED
    else:
        notification.email_state = EmailState.PENDING
    return notification


# --- preferences ------------------------------------------------------------------------

def preferences(user) -> dict[str, Frequency]:
    """The person's choice for every kind they have set (others use defaults)."""
    rows = db.session.execute(select(NotificationPreference.kind, NotificationPreference.frequency)
                              .where(NotificationPreference.user_id == user.id))
    return dict(rows.all())


def preference(user, kind: str) -> Frequency:
    chosen = db.session.scalar(select(NotificationPreference.frequency).where(
        NotificationPreference.user_id == user.id, NotificationPreference.kind == kind))
    return chosen or kinds.default_for(kind)


def set_preferences(user, choices: dict[str, Frequency]) -> None:
    """Store the person's choices; a choice equal to the default keeps no row."""
    existing = {row.kind: row for row in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    for kind, frequency in choices.items():
        row = existing.get(kind)
        if frequency == kinds.default_for(kind):
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind,
                                                  frequency=frequency))
        else:
            row.frequency = frequency


# --- the notification centre ------------------------------------------------------------

def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()


def mark_all_read(user) -> int:
    result = db.session.execute(
        update(Notification).where(Notification.user_id == user.id,
                                   Notification.read_at.is_(None))
        .values(read_at=utcnow()).execution_options(synchronize_session=False))
    return result.rowcount or 0


# --- helpers and delivery ---------------------------------------------------------------

def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return current_app.config["BASE_URL"].rstrip("/") + url


_absolute = absolute  # the older private name


def _render_optional(template: str, **context) -> str | None:
    if template in current_app.jinja_env.list_templates():
        return render_template(template, **context)
    return None


def deliver_pending(limit: int = 100) -> tuple[int, int]:
    """Send due messages; failures are retried with growing delays. Each message
    is committed on its own so a crash never sends one twice."""
    mailer = mailer_from_url(current_app.config["MAIL_URL"], current_app.config)
    now = utcnow()
    due = db.session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at).limit(limit)
    ).all()
    sent = failed = 0
    for message_id in due:
        message = db.session.get(OutboxMessage, message_id, with_for_update={"skip_locked": True})
        if message is None or message.sent_at is not None:
            continue
        message.attempts += 1
        try:
            mailer.send(message)
        except MailDeliveryError as error:
            failed += 1
            message.last_error = str(error)[:500]
            message.next_attempt_at = (
                None if message.attempts >= MAX_ATTEMPTS
                else utcnow() + timedelta(minutes=2 ** message.attempts)
            )
        else:
            sent += 1
            message.sent_at = utcnow()
            message.next_attempt_at = None
        db.session.commit()
    return sent, failed
