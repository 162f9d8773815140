"""Joint statements: texts in several languages, their revisions, editors,
comments, sign-on periods and the signatures organisations give.

A statement is the unit that is signed; each language version is a
`StatementText`, and all its texts are frozen and signed together. Every change
of a text's title or body is an immutable `Revision`; the text row keeps the
current title and body (and the number of the revision they come from) so that
lists need no join.
"""

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..accounts.models import User
from ..content import OwnedContentMixin, Visibility
from ..db import TimestampMixin, db, str_enum, utcnow
from ..orgs.models import Organisation


class StatementStatus(StrEnum):
    DRAFTING = "drafting"
    OPEN = "open_for_signature"
    PUBLISHED = "published"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    StatementStatus.DRAFTING: _l("Drafting"),
    StatementStatus.OPEN: _l("Open for signature"),
    StatementStatus.PUBLISHED: _l("Published"),
    StatementStatus.ARCHIVED: _l("Archived"),
    StatementStatus.WITHDRAWN: _l("Withdrawn"),
}
# Who may read a statement follows from its status (permissions.py); the
# visibility column mirrors it so that generic content queries stay safe.
VISIBILITY_BY_STATUS = {
    StatementStatus.DRAFTING: Visibility.ORGANISATION,
    StatementStatus.OPEN: Visibility.NETWORK,
    StatementStatus.PUBLISHED: Visibility.PUBLIC,
    StatementStatus.ARCHIVED: Visibility.PUBLIC,
    StatementStatus.WITHDRAWN: Visibility.ORGANISATION,
}
PUBLIC_STATUSES = (StatementStatus.PUBLISHED, StatementStatus.ARCHIVED)

# Languages statements are written in (ISO 639 codes, names in the language itself).
LANGUAGES = {
    "en": "English",
    "sr": "Srpski",
    "bs": "Bosanski",
    "hr": "Hrvatski",
    "cnr": "Crnogorski",
    "mk": "Македонски",
    "sq": "Shqip",
    "sl": "Slovenščina",
}


class Statement(OwnedContentMixin, TimestampMixin, db.Model):
    """`org_id` is the lead organisation, `author_id` the person who started it."""

    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_created_at", "created_at"),
                      # The dashboard's "recent activity": last changed first.
                      Index("ix_statements_updated_at", "updated_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[StatementStatus] = mapped_column(
        str_enum(StatementStatus), default=StatementStatus.DRAFTING, index=True)
    language: Mapped[str] = mapped_column(String(8))  # the original text's language
    # The current sign-on's deadline (a date) and the moment it closes (UTC).
    deadline: Mapped[date | None] = mapped_column(Date)
    closes_at: Mapped[datetime | None] = mapped_column(index=True)
    published_at: Mapped[datetime | None] = mapped_column(index=True)

    org: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship()
    texts: Mapped[list["StatementText"]] = relationship(
        back_populates="statement", lazy="selectin", order_by="StatementText.id",
        cascade="all, delete-orphan")
    editors: Mapped[list["StatementEditor"]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="StatementEditor.id")
    tags: Mapped[list["StatementTag"]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="StatementTag.name")

    def set_status(self, status: StatementStatus) -> None:
        self.status = status
        self.visibility = VISIBILITY_BY_STATUS[status]

    @property
    def original(self) -> "StatementText":
        return next((t for t in self.texts if t.language == self.language), self.texts[0])

    @property
    def title(self) -> str:
        return self.original.title

    def text_in(self, language: str | None) -> "StatementText":
        return next((t for t in self.texts if t.language == language), self.original)

    def is_editor(self, user_id: int | None) -> bool:
        return user_id is not None and any(e.user_id == user_id for e in self.editors)

    @property
    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags]

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def signing_is_open(self, now: datetime) -> bool:
        return (self.status is StatementStatus.OPEN and self.closes_at is not None
                and now < self.closes_at)


class StatementText(db.Model):
    """One language version of a statement."""

    __tablename__ = "statement_texts"
    __table_args__ = (UniqueConstraint("statement_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    revision_number: Mapped[int] = mapped_column(default=0)  # the current revision's number
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    statement: Mapped[Statement] = relationship(back_populates="texts")

    # Optimistic locking: an UPDATE only succeeds on the revision it was based
    # on, so two concurrent saves cannot both win (services._append_revision).
    __mapper_args__ = {"version_id_col": revision_number, "version_id_generator": False}

    @property
    def language_name(self) -> str:
        return LANGUAGES.get(self.language, self.language)


class Revision(db.Model):
    """An immutable snapshot of a text. (text_id, number) is unique, so two
    saves made from the same base can never both succeed."""

    __tablename__ = "statement_revisions"
    __table_args__ = (UniqueConstraint("text_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("statement_texts.id", ondelete="CASCADE"),
                                         index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(String(300), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when this revision restores an earlier one.
    restored_from: Mapped[int | None]

    author: Mapped[User | None] = relationship(lazy="joined")


class StatementEditor(db.Model):
    __tablename__ = "statement_editors"
    __table_args__ = (UniqueConstraint("statement_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)


class StatementTag(db.Model):
    __tablename__ = "statement_tags"

    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"),
                                              primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Comment(db.Model):
    """A comment in a thread; `parent_id` is set on replies. A thread may point
    at a paragraph of one text (its number and an excerpt at the time)."""

    __tablename__ = "statement_comments"
    __table_args__ = (Index("ix_statement_comments_statement", "statement_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("statement_comments.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    text_id: Mapped[int | None] = mapped_column(
        ForeignKey("statement_texts.id", ondelete="SET NULL"))
    paragraph: Mapped[int | None]
    excerpt: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id], lazy="joined")
    text: Mapped[StatementText | None] = relationship(lazy="joined")
    statement: Mapped[Statement] = relationship()


class SignOn(db.Model):
    """A period in which organisations sign one frozen version of the texts.

    Opening records each text's revision and a SHA-256 of all texts; re-opening
    drafting sets the period (and its signatures) aside.
    """

    __tablename__ = "statement_sign_ons"
    __table_args__ = (UniqueConstraint("statement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    number: Mapped[int]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    deadline: Mapped[date] = mapped_column(Date)
    closes_at: Mapped[datetime] = mapped_column(index=True)
    # {"<language>": {"revision_id": .., "number": .., "sha256": ..}} of every text.
    revisions: Mapped[dict] = mapped_column(JSON, default=dict)
    text_sha256: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None]
    set_aside_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]

    signatures: Mapped[list["Signature"]] = relationship(
        back_populates="sign_on", order_by="Signature.id", cascade="all, delete-orphan")


class Signature(db.Model):
    """An organisation's signature under one frozen text. One per organisation
    and sign-on (a database constraint); withdrawing and signing again within
    the same sign-on reuses the row, the audit log keeps the history."""

    __tablename__ = "statement_signatures"
    __table_args__ = (UniqueConstraint("sign_on_id", "org_id"),
                      Index("ix_statement_signatures_statement", "statement_id", "org_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    sign_on_id: Mapped[int] = mapped_column(
        ForeignKey("statement_sign_ons.id", ondelete="CASCADE"))
    statement_id: Mapped[int] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    signatory_name: Mapped[str] = mapped_column(String(120), default="")
    signatory_title: Mapped[str] = mapped_column(String(120), default="")
    # Which text the signature was given for (also recorded on the sign-on).
    revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("statement_revisions.id", ondelete="SET NULL"))
    text_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]
    set_aside_at: Mapped[datetime | None]

    sign_on: Mapped[SignOn] = relationship(back_populates="signatures")
    org: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    signed_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.set_aside_at is None


def _revisions_are_immutable(session: Session, _context, _instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Revision) and (obj in session.deleted or session.is_modified(obj)):
            raise PermissionError("statement revisions are immutable")


if not event.contains(Session, "before_flush", _revisions_are_immutable):
    event.listen(Session, "before_flush", _revisions_are_immutable)
