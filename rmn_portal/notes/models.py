"""Notes on the needs of LGBTI+ refugees, and the record of their review.

A note holds the author's raw narrative only while it is being written and
reviewed (`narrative`, `extra_redactions`). Publication keeps the redacted
text alone; publication, rejection and the draft purge erase the raw text
(see services.erase_raw_text). Nothing else in the database may hold it.
"""

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..content import OwnedContentMixin
from ..db import TimestampMixin, db, str_enum, utcnow
from ..orgs.models import Organisation
from . import vocab
from .vocab import AgeBand, NeedCategory, OriginRegion, PopulationGroup, Region, Urgency

NARRATIVE_MAX = 10_000


class NoteStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    APPROVED = "approved"
    PUBLISHED = "published"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    NoteStatus.DRAFT: _l("Draft"),
    NoteStatus.IN_REVIEW: _l("In review"),
    NoteStatus.RETURNED: _l("Returned to the author"),
    NoteStatus.APPROVED: _l("Approved, not yet published"),
    NoteStatus.PUBLISHED: _l("Published"),
    NoteStatus.REJECTED: _l("Rejected"),
}
# States in which the note still holds the author's raw narrative.
UNPUBLISHED = (NoteStatus.DRAFT, NoteStatus.RETURNED, NoteStatus.IN_REVIEW, NoteStatus.APPROVED)
WITH_REVIEWERS = (NoteStatus.IN_REVIEW, NoteStatus.APPROVED)


class Note(OwnedContentMixin, TimestampMixin, db.Model):
    __tablename__ = "notes"
    __table_args__ = (
        # The list of published notes, newest first, and its count: visibility
        # and organisation are in the index, so neither reads the wide rows.
        Index("ix_notes_published_list", "status", "published_at", "visibility", "org_id"),
        # The rare-combination check counts published notes by these four.
        Index("ix_notes_combination", "origin_region", "age_band", "groups_key", "region"),
        # The needs dashboard counts a year of published notes: everything it
        # reads is in this index, so the (wide) rows themselves stay on disk.
        Index("ix_notes_dashboard", "period", "status", "visibility", "org_id", "region", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[NoteStatus] = mapped_column(str_enum(NoteStatus), default=NoteStatus.DRAFT,
                                               index=True)
    # Structured fields may be empty in a draft; submission requires them.
    period: Mapped[date | None] = mapped_column(Date, index=True)  # first day of the month
    origin_region: Mapped[OriginRegion | None] = mapped_column(str_enum(OriginRegion))
    age_band: Mapped[AgeBand | None] = mapped_column(str_enum(AgeBand))
    region: Mapped[Region | None] = mapped_column(str_enum(Region), index=True)
    urgency: Mapped[Urgency | None] = mapped_column(str_enum(Urgency))
    responses: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Sorted population groups joined by commas: one comparable value.
    groups_key: Mapped[str] = mapped_column(String(120), default="")

    # RAW: the author's text and the exact strings they asked to redact.
    narrative: Mapped[str | None] = mapped_column(Text)
    extra_redactions: Mapped[list[str] | None] = mapped_column(JSON)
    # What reviewers and, once published, readers see.
    redacted_narrative: Mapped[str | None] = mapped_column(Text)
    finding_counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # Fields a reviewer made coarser; their placeholders lose their detail too.
    generalised: Mapped[list[str]] = mapped_column(JSON, default=list)

    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    submitted_at: Mapped[datetime | None]
    approved_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    rejected_at: Mapped[datetime | None]
    raw_erased_at: Mapped[datetime | None]
    # The last change by anyone; drafts untouched for long are purged.
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    version: Mapped[int] = mapped_column(default=1)

    categories: Mapped[list["NoteCategory"]] = relationship(
        cascade="all, delete-orphan", order_by="NoteCategory.category", lazy="selectin")
    groups: Mapped[list["NoteGroup"]] = relationship(
        cascade="all, delete-orphan", order_by="NoteGroup.population_group", lazy="selectin")
    decisions: Mapped[list["FindingDecision"]] = relationship(
        cascade="all, delete-orphan", order_by="FindingDecision.id")
    review_events: Mapped[list["ReviewEvent"]] = relationship(
        cascade="all, delete-orphan", order_by="ReviewEvent.id")
    org: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship(foreign_keys="Note.author_id")

    # Optimistic locking: an UPDATE of a row someone else changed meanwhile fails.
    __mapper_args__ = {"version_id_col": version}

    @property
    def category_values(self) -> list[NeedCategory]:
        return [item.category for item in self.categories]

    @property
    def group_values(self) -> list[PopulationGroup]:
        return [item.population_group for item in self.groups]

    @property
    def is_published(self) -> bool:
        return self.status is NoteStatus.PUBLISHED

    @property
    def holds_raw_text(self) -> bool:
        return self.status in UNPUBLISHED

    def title(self) -> str:
        """A title made of structured fields only: a free-text title could
        itself identify someone."""
        categories = ", ".join(vocab.label(value) for value in self.category_values[:2])
        if len(self.category_values) > 2:
            categories += " …"
        parts = [categories or str(_l("Note"))]
        if self.region:
            parts.append(vocab.label(self.region))
        return " — ".join(parts)


class NoteCategory(db.Model):
    __tablename__ = "note_categories"

    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"),
                                         primary_key=True)
    category: Mapped[NeedCategory] = mapped_column(str_enum(NeedCategory), primary_key=True,
                                                   index=True)


class NoteGroup(db.Model):
    __tablename__ = "note_groups"

    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"),
                                         primary_key=True)
    population_group: Mapped[PopulationGroup] = mapped_column(str_enum(PopulationGroup),
                                                              primary_key=True, index=True)


class FindingDecision(db.Model):
    """The author's statement that a finding is not personal data, with the
    reason: part of the review record, not of the note. `text` lets the
    reviewer see what was kept; it is erased with the raw narrative."""

    __tablename__ = "note_finding_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewAction(StrEnum):
    SUBMITTED = "submitted"
    RESUBMITTED = "resubmitted"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    GENERALISED = "generalised"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return str(REVIEW_ACTION_LABELS[self])


REVIEW_ACTION_LABELS = {
    ReviewAction.SUBMITTED: _l("Submitted for review"),
    ReviewAction.RESUBMITTED: _l("Changed and sent to review again"),
    ReviewAction.APPROVED: _l("Approved"),
    ReviewAction.RETURNED: _l("Returned with comments"),
    ReviewAction.REJECTED: _l("Rejected"),
    ReviewAction.GENERALISED: _l("Made coarser"),
    ReviewAction.PUBLISHED: _l("Published"),
}


class ReviewEvent(db.Model):
    """One step of the review, with the reviewer's comment for the author."""

    __tablename__ = "note_review_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[ReviewAction] = mapped_column(str_enum(ReviewAction))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()
