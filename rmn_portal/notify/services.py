"""Queue e-mail in the outbox and deliver it."""

from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select

from ..db import db, utcnow
from .mailer import MailDeliveryError, mailer_from_url
from .models import Notification, OutboxMessage

MAX_ATTEMPTS = 8


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
    "events.reminder"). Callers pass only what the recipient may see.
    """
    with force_locale(recipient.locale):
        text = render_template(f"{template}.txt", recipient=recipient, url=url, **context)
    title, _, body = text.partition("\n")
    notification = Notification(user_id=recipient.id, kind=kind, title=title.strip()[:300],
                                body=body.strip(), url=url)
    db.session.add(notification)
    queue_email(recipient.email, "notify/email/notification", locale=recipient.locale,
                kind=kind, title=notification.title, body=notification.body,
                link=_absolute(url), recipient=recipient)
    notification.emailed_at = utcnow()
    return notification


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return current_app.config["BASE_URL"].rstrip("/") + url


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
