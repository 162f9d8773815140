"""Events, their registrations and personal calendar subscriptions.

Times are stored in UTC. `Event.timezone` remembers the zone the organisers
planned in: recurring occurrences keep their wall-clock time across daylight
saving changes, and calendar feeds carry it as the event's TZID.
"""

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    exists,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..content import OwnedContentMixin
from ..db import TimestampMixin, db, str_enum, utcnow
from ..orgs.models import Organisation


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return str(LABELS[type(self)][self])


class EventKind(LabelledEnum):
    MEETING = "meeting"
    WORKSHOP = "workshop"
    TRAINING_SESSION = "training_session"
    CONFERENCE = "conference"
    WEBINAR = "webinar"
    ADVOCACY_ACTION = "advocacy_action"
    OTHER = "other"


class EventFormat(LabelledEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class EventStatus(LabelledEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Response(LabelledEnum):
    """What a person answers; `RegistrationStatus` is where that leaves them."""

    GOING = "going"
    MAYBE = "maybe"
    NOT_GOING = "not_going"


class RegistrationStatus(LabelledEnum):
    GOING = "going"  # holds a place
    MAYBE = "maybe"
    NOT_GOING = "not_going"
    WAITLISTED = "waitlisted"  # wants to go; promoted in order when a place frees up
    PENDING = "pending"  # wants to go; waits for the organisers' approval
    REJECTED = "rejected"  # the organisers did not approve


class Frequency(LabelledEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


# One table per enum: members of different enums with the same value
# ("going") are equal as strings and would share a key in a single table.
LABELS = {
    EventKind: {
        EventKind.MEETING: _l("Meeting"),
        EventKind.WORKSHOP: _l("Workshop"),
        EventKind.TRAINING_SESSION: _l("Training session"),
        EventKind.CONFERENCE: _l("Conference"),
        EventKind.WEBINAR: _l("Webinar"),
        EventKind.ADVOCACY_ACTION: _l("Advocacy action"),
        EventKind.OTHER: _l("Other"),
    },
    EventFormat: {
        EventFormat.IN_PERSON: _l("In person"),
        EventFormat.ONLINE: _l("Online"),
        EventFormat.HYBRID: _l("Hybrid"),
    },
    EventStatus: {
        EventStatus.SCHEDULED: _l("Scheduled"),
        EventStatus.CANCELLED: _l("Cancelled"),
    },
    Response: {
        Response.GOING: _l("Going"),
        Response.MAYBE: _l("Maybe"),
        Response.NOT_GOING: _l("Not going"),
    },
    # Said of someone else (the answers above are the person's own words).
    RegistrationStatus: {
        RegistrationStatus.GOING: _l("Has a place"),
        RegistrationStatus.MAYBE: _l("Maybe"),
        RegistrationStatus.NOT_GOING: _l("Not coming"),
        RegistrationStatus.WAITLISTED: _l("On the waiting list"),
        RegistrationStatus.PENDING: _l("Awaiting approval"),
        RegistrationStatus.REJECTED: _l("Not approved"),
    },
    Frequency: {
        Frequency.WEEKLY: _l("Weekly"),
        Frequency.MONTHLY: _l("Monthly"),
    },
}

# Languages an event can be held in (codes as in BCP 47; "sr" stands for the
# mutually intelligible Bosnian, Croatian, Montenegrin and Serbian).
EVENT_LANGUAGES = {
    "en": _l("English"),
    "sr": _l("Bosnian, Croatian, Montenegrin, Serbian"),
    "sq": _l("Albanian"),
    "mk": _l("Macedonian"),
    "sl": _l("Slovenian"),
    "ar": _l("Arabic"),
    "fa": _l("Persian (Farsi, Dari)"),
    "ps": _l("Pashto"),
    "ur": _l("Urdu"),
    "ku": _l("Kurdish"),
    "tr": _l("Turkish"),
    "ru": _l("Russian"),
    "uk": _l("Ukrainian"),
    "fr": _l("French"),
}

# Statuses of people who still want to take part: they hear about changes.
INTERESTED = (RegistrationStatus.GOING, RegistrationStatus.MAYBE,
              RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING)

event_coorganisers = Table(
    "event_coorganisers",
    db.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("org_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class EventSeries(db.Model):
    """Occurrences of a recurring event are stored one row each (simple to
    query, register for and export); the series only ties them together."""

    __tablename__ = "event_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency))
    until: Mapped[date | None]
    count: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Event(OwnedContentMixin, TimestampMixin, db.Model):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_visibility_starts_at", "visibility", "starts_at"),
                      # The dashboard's "recent activity": newest events first.
                      Index("ix_events_created_at", "created_at"),
                      # Upcoming or past, with what visibility needs: the
                      # agenda's count comes from the index alone.
                      Index("ix_events_ends_visible", "ends_at", "visibility", "org_id", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    # iCalendar UID: random, so it reveals nothing and survives every edit.
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_series.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind), default=EventKind.MEETING,
                                            index=True)
    format: Mapped[EventFormat] = mapped_column(str_enum(EventFormat),
                                                default=EventFormat.IN_PERSON, index=True)
    venue: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="", index=True)
    online_url: Mapped[str] = mapped_column(String(500), default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column()
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Belgrade")
    languages: Mapped[str] = mapped_column(String(100), default="")  # comma-separated codes
    capacity: Mapped[int | None]
    registration_deadline: Mapped[datetime | None]
    requires_approval: Mapped[bool] = mapped_column(default=False)
    # [{"id": "q1", "label": "...", "choices": ["..."], "required": bool}]
    questions: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[EventStatus] = mapped_column(str_enum(EventStatus),
                                                default=EventStatus.SCHEDULED, index=True)
    cancelled_at: Mapped[datetime | None]
    cancellation_reason: Mapped[str] = mapped_column(String(500), default="")
    # iCalendar SEQUENCE: raised on every change calendar clients should apply.
    sequence: Mapped[int] = mapped_column(default=0)
    # Raised on every edit: a form based on an older version is a conflict.
    version: Mapped[int] = mapped_column(default=1)
    outcome_notes: Mapped[str] = mapped_column(Text, default="")
    # {"<org id>": number of participants}, kept when attendance is recorded.
    attendance_by_org: Mapped[dict | None] = mapped_column(JSON)
    private_purged_at: Mapped[datetime | None]

    org: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship()
    series: Mapped[EventSeries | None] = relationship()
    coorganisers: Mapped[list[Organisation]] = relationship(
        secondary=event_coorganisers, lazy="selectin", order_by=Organisation.name)

    @property
    def is_cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    @property
    def path(self) -> str:
        """The event page, also for e-mails sent outside a request."""
        return f"/events/{self.id}"

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def language_names(self) -> list[str]:
        return [str(EVENT_LANGUAGES.get(code, code)) for code in self.language_codes]

    @property
    def has_place(self) -> bool:
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def closes_at(self) -> datetime:
        """Registration closes at the deadline, or when the event starts."""
        return self.registration_deadline or self.starts_at

    def is_shared_with(self, org_id: int | None) -> bool:
        return org_id is not None and any(org.id == org_id for org in self.coorganisers)

    @classmethod
    def shared_with_clause(cls, org_id: int):
        return exists().where(event_coorganisers.c.event_id == cls.id,
                              event_coorganisers.c.org_id == org_id)

    def registration_status(self, user) -> "RegistrationStatus | None":
        if user is None or not getattr(user, "is_authenticated", False) or self.id is None:
            return None
        return db.session.scalar(select(Registration.status).where(
            Registration.event_id == self.id, Registration.user_id == user.id))

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.starts_at:%Y-%m-%d}>"


class Registration(TimestampMixin, db.Model):
    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        Index("ix_event_registrations_event_status", "event_id", "status"),
        # The dashboard's "waiting for approval": pending requests are few.
        Index("ix_event_registrations_status_event", "status", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[RegistrationStatus] = mapped_column(str_enum(RegistrationStatus))
    # The waiting list is ordered by this time (then by id).
    waitlisted_at: Mapped[datetime | None]
    approved_at: Mapped[datetime | None]
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    # Private: seen only by the organisers, deleted 30 days after the event.
    accessibility_needs: Mapped[str] = mapped_column(Text, default="")
    dietary_requirements: Mapped[str] = mapped_column(Text, default="")
    # Consent to appear in the participant list other participants see.
    share_with_participants: Mapped[bool] = mapped_column(default=False)
    attended: Mapped[bool | None]
    reminded_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class CalendarSubscription(db.Model):
    """A personal iCalendar feed. The URL carries a random token; only its
    hash is stored, so a copy of the database does not reveal anyone's feed."""

    __tablename__ = "event_calendar_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    include_network: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)
