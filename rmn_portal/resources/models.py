"""The resource library: documents member organisations share, their files
and each file's versions."""

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
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..content import OwnedContentMixin
from ..db import TimestampMixin, db, str_enum, utcnow
from ..orgs.models import Organisation
from ..storage import StoredFile

TRASH_DAYS = 30  # a deleted resource can be restored for this long
LIVE = {"sqlite_where": text("deleted_at IS NULL"),
        "postgresql_where": text("deleted_at IS NULL")}


class ResourceKind(StrEnum):
    REPORT = "report"
    POLICY_BRIEF = "policy_brief"
    LEGAL_ANALYSIS = "legal_analysis"
    TOOLKIT = "toolkit"
    TRAINING_MATERIAL = "training_material"
    POSITION_PAPER = "position_paper"
    INFOGRAPHIC = "infographic"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    ResourceKind.REPORT: _l("Report"),
    ResourceKind.POLICY_BRIEF: _l("Policy brief"),
    ResourceKind.LEGAL_ANALYSIS: _l("Legal analysis"),
    ResourceKind.TOOLKIT: _l("Toolkit"),
    ResourceKind.TRAINING_MATERIAL: _l("Training material"),
    ResourceKind.POSITION_PAPER: _l("Position paper"),
    ResourceKind.INFOGRAPHIC: _l("Infographic"),
    ResourceKind.OTHER: _l("Other"),
}

# Languages a document can be written in (ISO 639 codes; "cnr" is Montenegrin).
LANGUAGES = {
    "en": _l("English"),
    "sr": _l("Serbian"),
    "bs": _l("Bosnian"),
    "hr": _l("Croatian"),
    "cnr": _l("Montenegrin"),
    "mk": _l("Macedonian"),
    "sq": _l("Albanian"),
    "other": _l("Other language"),
}

resource_topic_links = Table(
    "resource_topic_links",
    db.metadata,
    Column("resource_id", ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("resource_topics.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Topic(db.Model):
    """A curated topic; coordinators maintain the list."""

    __tablename__ = "resource_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    name_sr: Mapped[str] = mapped_column(String(80), default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def label(self, locale: str) -> str:
        return self.name_sr if locale.startswith("sr") and self.name_sr else self.name


class ResourceLanguage(db.Model):
    __tablename__ = "resource_languages"

    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"),
                                             primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)


class ResourceCountry(db.Model):
    __tablename__ = "resource_countries"

    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"),
                                             primary_key=True)
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)


class ResourceShare(db.Model):
    """A member organisation an organisation-only resource is also shared with."""

    __tablename__ = "resource_shares"

    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"),
                                             primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                        primary_key=True, index=True)


class Resource(OwnedContentMixin, TimestampMixin, db.Model):
    __tablename__ = "resources"
    # Every list query filters on deleted_at IS NULL: partial indexes (both
    # databases) in each sort order, ending in id for the tie-break, so a page
    # is read straight off the index; one more covers counting by visibility.
    __table_args__ = (
        Index("ix_resources_listing", "created_at", "id", **LIVE),
        Index("ix_resources_by_title", "title", "id", **LIVE),
        Index("ix_resources_by_downloads", "download_count", "id", **LIVE),
        Index("ix_resources_visible", "visibility", "org_id", "id", **LIVE),
        # The kind and year filters, with what visibility needs: their counts
        # come from the index alone (PostgreSQL read 12,000 rows for one kind).
        Index("ix_resources_kind_visible", "kind", "visibility", "org_id", "id", **LIVE),
        Index("ix_resources_year_visible", "year", "visibility", "org_id", "id", **LIVE),
        # No plain index on deleted_at: SQLite would prefer it to the ones above.
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[ResourceKind] = mapped_column(str_enum(ResourceKind))
    year: Mapped[int | None] = mapped_column()
    tags: Mapped[str] = mapped_column(String(500), default="")  # comma-separated free tags
    external_url: Mapped[str] = mapped_column(String(1000), default="")
    # Translations of one document share a group id (the id of the first of them).
    translation_group: Mapped[int | None] = mapped_column(index=True)
    download_count: Mapped[int] = mapped_column(default=0)
    # Optimistic locking: an edit based on an older version is refused.
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    org: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship(foreign_keys="Resource.author_id")
    topics: Mapped[list[Topic]] = relationship(secondary=resource_topic_links,
                                               order_by=Topic.name)
    language_rows: Mapped[list[ResourceLanguage]] = relationship(
        cascade="all, delete-orphan", order_by=ResourceLanguage.code)
    country_rows: Mapped[list[ResourceCountry]] = relationship(
        cascade="all, delete-orphan", order_by=ResourceCountry.code)
    share_rows: Mapped[list[ResourceShare]] = relationship(cascade="all, delete-orphan")
    files: Mapped[list["ResourceFile"]] = relationship(
        back_populates="resource", cascade="all, delete-orphan",
        order_by="ResourceFile.position")

    __mapper_args__ = {"version_id_col": version}

    @property
    def languages(self) -> list[str]:
        return [row.code for row in self.language_rows]

    @property
    def countries(self) -> list[str]:
        return [row.code for row in self.country_rows]

    @property
    def shared_org_ids(self) -> list[int]:
        return [row.org_id for row in self.share_rows]

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def is_shared_with(self, org_id: int | None) -> bool:
        return org_id is not None and org_id in self.shared_org_ids

    @classmethod
    def shared_with_clause(cls, org_id: int):
        # Uncorrelated IN: both databases hash the organisation's few shares
        # once, where a correlated EXISTS inflates PostgreSQL's cost estimate
        # (and wakes its JIT compiler) on large tables.
        return cls.id.in_(select(ResourceShare.resource_id)
                          .where(ResourceShare.org_id == org_id))


class ResourceFile(db.Model):
    """One document of a resource; its bytes are those of the latest version."""

    __tablename__ = "resource_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"),
                                             index=True)
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    # Text of the current version for the search index, bounded at upload.
    extracted_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    resource: Mapped[Resource] = relationship(back_populates="files")
    stored: Mapped[StoredFile] = relationship(lazy="joined", innerjoin=True)
    versions: Mapped[list["ResourceFileVersion"]] = relationship(
        back_populates="file", cascade="all, delete-orphan",
        order_by="ResourceFileVersion.number.desc()")

    @property
    def current_number(self) -> int:
        return max((version.number for version in self.versions), default=1)


class ResourceFileVersion(db.Model):
    """Every upload of a file, the current one included: who and when."""

    __tablename__ = "resource_file_versions"
    __table_args__ = (UniqueConstraint("file_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("resource_files.id", ondelete="CASCADE"),
                                         index=True)
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)
    number: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                  ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    file: Mapped[ResourceFile] = relationship(back_populates="versions")
    stored: Mapped[StoredFile] = relationship(lazy="joined", innerjoin=True)
    uploaded_by: Mapped[User | None] = relationship()
