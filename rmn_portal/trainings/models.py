"""Training programmes, their sessions, enrolment, attendance, certificates
and assessments.

A session is an event of kind "training session" (events feature); the
session row only ties it to its programme and says how many hours it counts.
Counts of participants without accounts are kept per session, never names.
"""

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..db import TimestampMixin, db, str_enum, utcnow
from ..events.models import Event
from ..orgs.models import Organisation


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return str(LABELS[type(self)][self])


class Modality(LabelledEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"
    BLENDED = "blended"  # self-study between sessions


class EnrolmentMode(LabelledEnum):
    OPEN = "open"  # people enrol themselves
    NOMINATION = "nomination"  # organisation admins nominate their staff
    APPROVAL = "approval"  # requests and nominations wait for a coordinator


class ProgrammeStatus(LabelledEnum):
    DRAFT = "draft"  # seen by its managers only
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class ProgrammeVisibility(LabelledEnum):
    ORGANISATION = "organisation"
    NETWORK = "network"


class EnrolmentStatus(LabelledEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"


class AttendanceStatus(LabelledEnum):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class Gender(LabelledEnum):
    """Self-declared, optional; only the person sets it."""

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    ANOTHER = "another"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class AgeBand(LabelledEnum):
    UNDER_18 = "under_18"
    FROM_18_TO_24 = "18_24"
    FROM_25_TO_34 = "25_34"
    FROM_35_TO_49 = "35_49"
    FROM_50 = "50_plus"


class AssessmentPhase(LabelledEnum):
    BEFORE = "before"
    AFTER = "after"


# Attendance that counts towards hours and completion.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
# Enrolments that hold (or wait for) a place.
ACTIVE_ENROLMENT = (EnrolmentStatus.REQUESTED, EnrolmentStatus.APPROVED,
                    EnrolmentStatus.WAITLISTED)

LABELS = {
    Modality: {Modality.IN_PERSON: _l("In person"), Modality.ONLINE: _l("Online"),
               Modality.HYBRID: _l("Hybrid"),
               Modality.BLENDED: _l("Blended (sessions and self-study)")},
    EnrolmentMode: {EnrolmentMode.OPEN: _l("Open: people enrol themselves"),
                    EnrolmentMode.NOMINATION: _l("Nomination by the organisation admin"),
                    EnrolmentMode.APPROVAL: _l("Approval by a coordinator")},
    ProgrammeStatus: {ProgrammeStatus.DRAFT: _l("Draft"),
                      ProgrammeStatus.PUBLISHED: _l("Published"),
                      ProgrammeStatus.CANCELLED: _l("Cancelled")},
    ProgrammeVisibility: {ProgrammeVisibility.ORGANISATION: _l("The organising organisation"),
                          ProgrammeVisibility.NETWORK: _l("The network")},
    EnrolmentStatus: {EnrolmentStatus.REQUESTED: _l("Requested"),
                      EnrolmentStatus.APPROVED: _l("Approved"),
                      EnrolmentStatus.WAITLISTED: _l("On the waiting list"),
                      EnrolmentStatus.WITHDRAWN: _l("Withdrawn")},
    AttendanceStatus: {AttendanceStatus.PRESENT: _l("Present"),
                       AttendanceStatus.LATE: _l("Late"),
                       AttendanceStatus.EXCUSED: _l("Excused"),
                       AttendanceStatus.ABSENT: _l("Absent")},
    Gender: {Gender.WOMAN: _l("Woman"), Gender.MAN: _l("Man"),
             Gender.NON_BINARY: _l("Non-binary"), Gender.ANOTHER: _l("Another gender"),
             Gender.PREFER_NOT_TO_SAY: _l("Prefer not to say")},
    AgeBand: {AgeBand.UNDER_18: _l("Under 18"), AgeBand.FROM_18_TO_24: _l("18–24"),
              AgeBand.FROM_25_TO_34: _l("25–34"), AgeBand.FROM_35_TO_49: _l("35–49"),
              AgeBand.FROM_50: _l("50 and over")},
    AssessmentPhase: {AssessmentPhase.BEFORE: _l("Before the training"),
                      AssessmentPhase.AFTER: _l("After the training")},
}


class Competency(TimestampMixin, db.Model):
    """A skill the network builds (curated by coordinators)."""

    __tablename__ = "training_competencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True, index=True)


programme_competencies = Table(
    "training_programme_competencies",
    db.metadata,
    Column("programme_id", ForeignKey("training_programmes.id", ondelete="CASCADE"),
           primary_key=True),
    Column("competency_id", ForeignKey("training_competencies.id", ondelete="CASCADE"),
           primary_key=True, index=True),
)

programme_trainers = Table(
    "training_programme_trainers",
    db.metadata,
    Column("programme_id", ForeignKey("training_programmes.id", ondelete="CASCADE"),
           primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Programme(TimestampMixin, db.Model):
    __tablename__ = "training_programmes"
    __table_args__ = (Index("ix_training_programmes_status_visibility", "status", "visibility"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    target_audience: Mapped[str] = mapped_column(String(500), default="")
    # None: organised by the network (its coordinators); else one organisation's training.
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    visibility: Mapped[ProgrammeVisibility] = mapped_column(
        str_enum(ProgrammeVisibility), default=ProgrammeVisibility.NETWORK)
    status: Mapped[ProgrammeStatus] = mapped_column(str_enum(ProgrammeStatus),
                                                    default=ProgrammeStatus.DRAFT)
    modality: Mapped[Modality] = mapped_column(str_enum(Modality), default=Modality.IN_PERSON)
    # Durations are whole minutes (exact on every database); shown as hours.
    planned_minutes: Mapped[int] = mapped_column(default=0)
    capacity: Mapped[int | None]
    enrolment_mode: Mapped[EnrolmentMode] = mapped_column(str_enum(EnrolmentMode),
                                                          default=EnrolmentMode.OPEN)
    # Names of trainers without an account, one per line.
    external_trainers: Mapped[str] = mapped_column(Text, default="")
    # Completion: this share (percent) of the held sessions attended, and, if
    # asked, the after-training self-assessment handed in.
    completion_percent: Mapped[int] = mapped_column(default=80)
    requires_post_assessment: Mapped[bool] = mapped_column(default=False)
    # Raised on every edit: a form based on an older version is a conflict.
    version: Mapped[int] = mapped_column(default=1)

    org: Mapped[Organisation | None] = relationship(lazy="joined")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    competencies: Mapped[list[Competency]] = relationship(
        secondary=programme_competencies, lazy="selectin", order_by=Competency.name)
    trainers: Mapped[list[User]] = relationship(secondary=programme_trainers, lazy="selectin",
                                                order_by=User.name)
    sessions: Mapped[list["TrainingSession"]] = relationship(
        back_populates="programme", lazy="selectin",
        order_by="TrainingSession.starts_at")

    @property
    def organiser_name(self) -> str:
        return self.org.name if self.org else str(_l("The network"))

    @property
    def external_trainer_names(self) -> list[str]:
        return [line.strip() for line in self.external_trainers.splitlines() if line.strip()]

    @property
    def held_sessions(self) -> list["TrainingSession"]:
        """Sessions that count for completion: every one not cancelled."""
        return [s for s in self.sessions if not s.event.is_cancelled]

    def is_trainer(self, user_id: int | None) -> bool:
        return user_id is not None and any(t.id == user_id for t in self.trainers)

    def __repr__(self) -> str:
        return f"<Programme {self.id}>"


class TrainingSession(db.Model):
    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("training_programmes.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          unique=True)
    # Copied from the event on every change, for sorting and reports by date.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    # The time that counts towards participants' hours (breaks left out).
    minutes: Mapped[int]

    programme: Mapped[Programme] = relationship(back_populates="sessions")
    event: Mapped[Event] = relationship(lazy="joined", innerjoin=True)


class Enrolment(TimestampMixin, db.Model):
    __tablename__ = "training_enrolments"
    __table_args__ = (UniqueConstraint("programme_id", "user_id"),
                      Index("ix_training_enrolments_programme_status", "programme_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("training_programmes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[EnrolmentStatus] = mapped_column(str_enum(EnrolmentStatus))
    nominated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    waitlisted_at: Mapped[datetime | None]
    # Self-declared by the person; None: not stated.
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender))
    completed_at: Mapped[datetime | None] = mapped_column(index=True)

    programme: Mapped[Programme] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)
    nominated_by: Mapped[User | None] = relationship(foreign_keys=[nominated_by_id])


class Attendance(db.Model):
    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("session_id", "enrolment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("training_enrolments.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(str_enum(AttendanceStatus))
    remarks: Mapped[str] = mapped_column(String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                  ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[TrainingSession] = relationship()
    enrolment: Mapped[Enrolment] = relationship()


class GuestCount(db.Model):
    """Participants without an account (refugees, community members): a
    number per session, with an optional gender and age band. Never names."""

    __tablename__ = "training_guest_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    count: Mapped[int]
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender))
    age_band: Mapped[AgeBand | None] = mapped_column(str_enum(AgeBand))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                  ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[TrainingSession] = relationship()


class Certificate(db.Model):
    __tablename__ = "training_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("training_enrolments.id", ondelete="CASCADE"), index=True)
    # Printed on the certificate and typed into the public verification page.
    code: Mapped[str] = mapped_column(String(40), unique=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # What the certificate states, fixed when it is issued.
    holder_name: Mapped[str] = mapped_column(String(120))
    programme_title: Mapped[str] = mapped_column(String(200))
    first_day: Mapped[datetime]
    last_day: Mapped[datetime]
    minutes: Mapped[int]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                 ondelete="SET NULL"))
    # True when a person revoked it (it is then never re-issued automatically).
    revoked_by_hand: Mapped[bool] = mapped_column(default=False)
    revocation_reason: Mapped[str] = mapped_column(String(300), default="")

    enrolment: Mapped[Enrolment] = relationship()

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class SelfAssessment(db.Model):
    """A participant's rating of themselves on one competency, 1–5."""

    __tablename__ = "training_self_assessments"
    __table_args__ = (UniqueConstraint("enrolment_id", "phase", "competency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("training_enrolments.id", ondelete="CASCADE"), index=True)
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("training_competencies.id", ondelete="CASCADE"), index=True)
    phase: Mapped[AssessmentPhase] = mapped_column(str_enum(AssessmentPhase))
    score: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NeedsRating(db.Model):
    """An organisation's yearly rating of its need for one competency:
    1 (no need) to 5 (urgent need)."""

    __tablename__ = "training_needs_ratings"
    __table_args__ = (UniqueConstraint("org_id", "year", "competency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                        index=True)
    year: Mapped[int] = mapped_column(index=True)
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("training_competencies.id", ondelete="CASCADE"), index=True)
    need: Mapped[int]
    rated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    rated_at: Mapped[datetime] = mapped_column(default=utcnow)

    org: Mapped[Organisation] = relationship()
