"""Organisations in the one search: name, description and place, with the
directory's rule (anonymous visitors see active, listed organisations)."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from ..i18n import in_every_language
from ..permissions import organisations_visible_to
from ..search import SearchDocument, SearchSource
from .models import COUNTRIES, Organisation


def organisation_document(org: Organisation) -> SearchDocument:
    country = COUNTRIES.get(org.country)
    keywords = [org.short_name, org.city, in_every_language(country) if country else org.country]
    return SearchDocument(title=org.name, body=org.description or "",
                          keywords="\n".join(part for part in keywords if part))


SOURCE = SearchSource(
    kind="organisation", model=Organisation, label=_l("Organisations"), position=60,
    document=organisation_document, visible=organisations_visible_to,
    url=lambda org: url_for("orgs.profile", slug=org.slug),
)
