"""Plain JSON shapes of the portal's objects (schemas in openapi.py).

Only fields a reader of the page may see: no online link of an event, no
participant, no person behind a note, no draft text.
"""

from datetime import date, datetime

from flask import current_app, url_for

from ..notes import vocab
from ..statements.models import StatementStatus


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds").replace("+00:00", "Z")
    return value.isoformat()


def absolute(endpoint: str, **values) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def org_ref(org) -> dict:
    return {"slug": org.slug, "name": org.name}


def organisation(org) -> dict:
    return {
        "slug": org.slug, "name": org.name, "short_name": org.short_name,
        "country": org.country, "city": org.city, "website": org.website or None,
        "description": org.description,
        "url": absolute("orgs.profile", slug=org.slug),
    }


def statement_summary(statement, signature_count: int) -> dict:
    original = statement.original
    return {
        "id": statement.id, "title": original.title, "language": statement.language,
        "status": statement.status.value, "tags": statement.tag_names,
        "organisation": org_ref(statement.org),
        "languages": [text.language for text in statement.texts],
        "deadline": iso(statement.deadline) if statement.status is StatementStatus.OPEN else None,
        "published_at": iso(statement.published_at),
        "signature_count": signature_count,
        "url": absolute("statements.show", statement_id=statement.id),
    }


def statement_detail(statement, signatures) -> dict:
    data = statement_summary(statement, len(signatures))
    data["texts"] = [{"language": text.language, "title": text.title, "body": text.body}
                     for text in statement.texts]
    data["signatories"] = [{**org_ref(signature.org), "signed_at": iso(signature.signed_at)}
                           for signature in signatures]
    return data


def note(item) -> dict:
    return {
        "id": item.id, "title": item.title(),
        "period": item.period.strftime("%Y-%m") if item.period else None,
        "region": _vocab(item.region), "origin_region": _vocab(item.origin_region),
        "age_band": _vocab(item.age_band), "urgency": _vocab(item.urgency),
        "categories": [_vocab(value) for value in item.category_values],
        "population_groups": [_vocab(value) for value in item.group_values],
        "responses": [_vocab(value) for value in item.responses or []],
        "narrative": item.redacted_narrative or "",
        "published_at": iso(item.published_at),
        "visibility": item.visibility.value,
        "url": absolute("notes.show", note_id=item.id),
    }


def _vocab(value) -> dict | None:
    if value is None:
        return None
    return {"code": str(getattr(value, "value", value)), "label": vocab.label(value)}


def event(item) -> dict:
    return {
        "id": item.id, "title": item.title, "description": item.description,
        "kind": item.kind.value, "format": item.format.value, "status": item.status.value,
        "starts_at": iso(item.starts_at), "ends_at": iso(item.ends_at),
        "timezone": item.timezone, "venue": item.venue or None, "city": item.city or None,
        "country": item.country or None, "languages": item.language_codes,
        "capacity": item.capacity, "registration_closes_at": iso(item.closes_at),
        "visibility": item.visibility.value,
        "organisation": org_ref(item.org),
        "coorganisers": [org_ref(org) for org in item.coorganisers],
        "url": absolute("events.detail", event_id=item.id),
        "ical_url": absolute("events.event_ics", event_id=item.id)
        if "events.event_ics" in current_app.view_functions else None,
    }


def cell(value) -> dict:
    """A suppressed statistics cell: the number, or null with the reason."""
    if value.primary:
        return {"value": None, "display": f"<{value.min_count}"}
    if value.complementary:
        return {"value": None, "display": "suppressed"}
    return {"value": value.value, "display": str(value.value)}


def resource(item) -> dict:
    """A resource's public fields: its files by name, size and download link
    (the link checks visibility again), never who uploaded them."""
    return {
        "id": item.id, "title": item.title, "summary": item.summary, "kind": item.kind.value,
        "year": item.year, "languages": item.languages, "countries": item.countries,
        "tags": item.tag_list, "topics": [{"id": topic.id, "name": topic.name,
                                           "name_sr": topic.name_sr or None}
                                          for topic in item.topics],
        "external_url": item.external_url or None,
        "files": [{"name": f.stored.original_name, "size": f.stored.size,
                   "content_type": f.stored.content_type,
                   "url": absolute("resources.download", resource_id=item.id, file_id=f.id)}
                  for f in item.files],
        "visibility": item.visibility.value, "organisation": org_ref(item.org),
        "created_at": iso(item.created_at), "updated_at": iso(item.updated_at),
        "url": absolute("resources.detail", resource_id=item.id),
    }


def training(item) -> dict:
    """A training's public fields: no trainers, participants or enrolments."""
    return {
        "id": item.id, "title": item.title, "description": item.description,
        "target_audience": item.target_audience, "status": item.status.value,
        "modality": item.modality.value, "enrolment_mode": item.enrolment_mode.value,
        "planned_minutes": item.planned_minutes, "capacity": item.capacity,
        "organisation": org_ref(item.org) if item.org else None,
        "competencies": [competency.name for competency in item.competencies],
        "sessions": [{"title": s.event.title, "starts_at": iso(s.event.starts_at),
                      "ends_at": iso(s.event.ends_at), "timezone": s.event.timezone,
                      "format": s.event.format.value, "city": s.event.city or None,
                      "country": s.event.country or None,
                      "cancelled": s.event.is_cancelled} for s in item.sessions],
        "url": absolute("trainings.detail", programme_id=item.id),
    }

