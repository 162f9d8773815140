"""The e-mail outbox, in-app notifications and how each person wants to hear.

The outbox is written in the same transaction as the action that causes a
message and delivered later by `flask send-mail`. A notification is e-mailed
at once, collected for a daily or weekly digest, or only shown in the app,
as its recipient chose for its kind.
"""

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db, str_enum, utcnow


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(60), default="general")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Pending messages are found by this index; sent ones drop out of it.
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")


class Frequency(StrEnum):
    """How often a person wants e-mail about one kind of notification."""

    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"

    @property
    def label(self) -> str:
        return str(FREQUENCY_LABELS[self])


FREQUENCY_LABELS = {
    Frequency.IMMEDIATELY: _l("Immediately"),
    Frequency.DAILY: _l("Daily digest"),
    Frequency.WEEKLY: _l("Weekly digest"),
    Frequency.NEVER: _l("Never (only in the portal)"),
}
DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)


class EmailState(StrEnum):
    SENT = "sent"  # mailed on its own or in a digest (emailed_at says when)
    PENDING = "pending"  # waiting for the recipient's next digest
    SKIPPED = "skipped"  # never mailed: not wanted, or no longer the recipient's to see


class Notification(db.Model):
    """An in-app notification for one person. Title and body are rendered in
    the recipient's language when created, and never carry content the
    recipient may not see; digests check again before they mail it."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The unread count in the header and the digest run's search.
        Index("ix_notifications_user_read", "user_id", "read_at"),
        Index("ix_notifications_email_state_user", "email_state", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]
    email_state: Mapped[EmailState] = mapped_column(
        str_enum(EmailState), default=EmailState.SENT, server_default=EmailState.SENT.value)


class NotificationPreference(db.Model):
    """One person's choice for one kind; kinds without a row use the kind's default."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency))


class DigestRun(db.Model):
    """When a person last received each digest: a weekly digest waits a week."""

    __tablename__ = "notification_digests"
    __table_args__ = (UniqueConstraint("user_id", "frequency"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
