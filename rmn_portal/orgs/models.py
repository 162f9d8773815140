"""Member organisations of the network."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import TimestampMixin, db

# ISO 3166 codes of the countries the network works in (XK: Kosovo, as used
# by the EU and the Council of Europe).
COUNTRIES = {
    "AL": _l("Albania"),
    "BA": _l("Bosnia and Herzegovina"),
    "XK": _l("Kosovo"),
    "ME": _l("Montenegro"),
    "MK": _l("North Macedonia"),
    "RS": _l("Serbia"),
    "HR": _l("Croatia"),
    "SI": _l("Slovenia"),
}


class Organisation(TimestampMixin, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40))
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # use_alter: stored_files refers back to organisations and users.
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id", use_alter=True))
    # Whether the logo may be shown publicly (for example under a statement).
    show_logo: Mapped[bool] = mapped_column(default=False)
    is_listed: Mapped[bool] = mapped_column(default=True)
    is_active: Mapped[bool] = mapped_column(default=True, index=True)

    @property
    def country_name(self) -> str:
        return str(COUNTRIES.get(self.country, self.country))

    @property
    def is_public(self) -> bool:
        return self.is_listed and self.is_active

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"
