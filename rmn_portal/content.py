"""The shape every piece of shared content has: an owning organisation, an
author and a visibility. `permissions` decides access from these columns."""

from enum import StrEnum

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from .db import str_enum


class Visibility(StrEnum):
    ORGANISATION = "organisation"  # members of the owning organisation
    NETWORK = "network"  # any signed-in member of the network
    PUBLIC = "public"  # anyone, without signing in


class OwnedContentMixin:
    @declared_attr
    def org_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("organisations.id"), index=True)

    @declared_attr
    def author_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    @declared_attr
    def visibility(cls) -> Mapped[Visibility]:
        return mapped_column(str_enum(Visibility), default=Visibility.ORGANISATION, index=True)
