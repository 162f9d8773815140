"""The OpenAPI 3.1 document of /api/v1/, written by hand next to the code.

Tests call every operation and validate the real answers against these
schemas, so the document and the code cannot drift apart unnoticed.
"""

from ..events.models import EventFormat, EventKind, EventStatus
from ..notes.vocab import NeedCategory, PopulationGroup, Region
from ..orgs.models import COUNTRIES
from ..resources.models import LANGUAGES, ResourceKind
from ..statements.models import StatementStatus
from ..trainings.models import EnrolmentMode, Modality, ProgrammeStatus

COLLECTIONS = ("statements", "notes", "events", "resources", "trainings", "organisations")


def _nullable(kind: str, **extra) -> dict:
    return {"type": [kind, "null"], **extra}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required,
            "additionalProperties": False}


STRING, INTEGER = {"type": "string"}, {"type": "integer"}
DATETIME = {"type": "string", "format": "date-time"}
URI = {"type": "string", "format": "uri"}

SCHEMAS = {
    "Error": _object({"error": _object({
        "status": INTEGER, "title": STRING, "detail": STRING,
        "parameter": {"type": "string", "description": "The query parameter at fault"},
    }, required=["status", "title", "detail"])}),
    "PageMeta": _object({"page": INTEGER, "per_page": INTEGER, "total": INTEGER,
                         "pages": INTEGER}),
    "PageLinks": _object({"self": STRING, "next": _nullable("string"),
                          "prev": _nullable("string")}),
    "OrganisationRef": _object({"slug": STRING, "name": STRING}),
    "Organisation": _object({
        "slug": STRING, "name": STRING, "short_name": STRING,
        "country": {"type": "string", "enum": list(COUNTRIES)},
        "city": STRING, "website": _nullable("string"),
        "description": {"type": "string", "description": "Markdown"}, "url": URI}),
    "StatementSummary": _object({
        "id": INTEGER, "title": STRING, "language": STRING,
        "status": {"type": "string", "enum": [s.value for s in StatementStatus]},
        "tags": _array(STRING), "organisation": _ref("OrganisationRef"),
        "languages": _array(STRING),
        "deadline": _nullable("string", format="date",
                              description="Last day to sign, while open for signature"),
        "published_at": _nullable("string", format="date-time"),
        "signature_count": INTEGER, "url": URI}),
    "StatementText": _object({"language": STRING, "title": STRING,
                              "body": {"type": "string", "description": "Markdown"}}),
    "Signatory": _object({"slug": STRING, "name": STRING, "signed_at": DATETIME}),
    "VocabularyValue": _object({"code": STRING, "label": STRING}),
    "Note": _object({
        "id": INTEGER, "title": STRING,
        "period": _nullable("string", pattern=r"^\d{4}-\d{2}$"),
        "region": {"oneOf": [_ref("VocabularyValue"), {"type": "null"}]},
        "origin_region": {"oneOf": [_ref("VocabularyValue"), {"type": "null"}]},
        "age_band": {"oneOf": [_ref("VocabularyValue"), {"type": "null"}]},
        "urgency": {"oneOf": [_ref("VocabularyValue"), {"type": "null"}]},
        "categories": _array(_ref("VocabularyValue")),
        "population_groups": _array(_ref("VocabularyValue")),
        "responses": _array(_ref("VocabularyValue")),
        "narrative": {"type": "string",
                      "description": "The redacted narrative: personal data replaced by "
                                     "placeholders such as [NAME]"},
        "published_at": DATETIME,
        "visibility": {"type": "string", "enum": ["public", "network"]}, "url": URI}),
    "Event": _object({
        "id": INTEGER, "title": STRING, "description": {"type": "string",
                                                         "description": "Markdown"},
        "kind": {"type": "string", "enum": [k.value for k in EventKind]},
        "format": {"type": "string", "enum": [f.value for f in EventFormat]},
        "status": {"type": "string", "enum": [s.value for s in EventStatus]},
        "starts_at": DATETIME, "ends_at": DATETIME, "timezone": STRING,
        "venue": _nullable("string"), "city": _nullable("string"),
        "country": _nullable("string"), "languages": _array(STRING),
        "capacity": _nullable("integer"), "registration_closes_at": DATETIME,
        "visibility": {"type": "string", "enum": ["public", "network"]},
        "organisation": _ref("OrganisationRef"), "coorganisers": _array(_ref("OrganisationRef")),
        "url": URI, "ical_url": _nullable("string", format="uri")}),
    "Topic": _object({"id": INTEGER, "name": STRING, "name_sr": _nullable("string")}),
    "ResourceFile": _object({"name": STRING, "size": INTEGER, "content_type": STRING,
                             "url": URI}),
    "Resource": _object({
        "id": INTEGER, "title": STRING, "summary": {"type": "string", "description": "Markdown"},
        "kind": {"type": "string", "enum": [k.value for k in ResourceKind]},
        "year": _nullable("integer"), "languages": _array({"type": "string",
                                                             "enum": list(LANGUAGES)}),
        "countries": _array(STRING), "tags": _array(STRING), "topics": _array(_ref("Topic")),
        "external_url": _nullable("string", format="uri"),
        "files": _array(_ref("ResourceFile")),
        "visibility": {"type": "string", "enum": ["public", "network"]},
        "organisation": _ref("OrganisationRef"), "created_at": DATETIME,
        "updated_at": DATETIME, "url": URI}),
    "TrainingSession": _object({
        "title": STRING, "starts_at": DATETIME, "ends_at": DATETIME, "timezone": STRING,
        "format": {"type": "string", "enum": [f.value for f in EventFormat]},
        "city": _nullable("string"), "country": _nullable("string"),
        "cancelled": {"type": "boolean"}}),
    "Training": _object({
        "id": INTEGER, "title": STRING, "description": {"type": "string",
                                                         "description": "Markdown"},
        "target_audience": STRING,
        "status": {"type": "string", "enum": [ProgrammeStatus.PUBLISHED.value,
                                              ProgrammeStatus.CANCELLED.value]},
        "modality": {"type": "string", "enum": [m.value for m in Modality]},
        "enrolment_mode": {"type": "string", "enum": [m.value for m in EnrolmentMode]},
        "planned_minutes": INTEGER, "capacity": _nullable("integer"),
        "organisation": {"oneOf": [_ref("OrganisationRef"), {"type": "null"}],
                         "description": "null: a network training (run by the coordinators)"},
        "competencies": _array(STRING), "sessions": _array(_ref("TrainingSession")),
        "url": URI}),
    "Cell": _object({"value": _nullable("integer"),
                     "display": {"type": "string", "description": "The number, '<5' or "
                                                                  "'suppressed'"}}),
    "NoteStatistics": _object({
        "year": INTEGER, "years": _array(INTEGER), "quarters": _array(STRING),
        "notes_per_quarter": _array(_ref("Cell")), "total": _ref("Cell"),
        "tables": _array(_object({
            "key": STRING, "title": STRING,
            "rows": _array(_object({"label": STRING, "cells": _array(_ref("Cell")),
                                    "total": _ref("Cell")})),
            "column_totals": _array(_ref("Cell")), "total": _ref("Cell")})),
        "suppression": _object({"minimum": INTEGER, "note": STRING})}),
    "Me": _object({
        "name": STRING, "organisation": _ref("OrganisationRef"),
        "token": _object({"name": STRING, "prefix": STRING, "expires_at": DATETIME}),
        "reads": {"type": "string", "enum": ["network"]}}),
    "Index": _object({"name": STRING, "version": STRING, "openapi": STRING,
                      "resources": {"type": "object",
                                    "additionalProperties": {"type": "string"}}}),
}
SCHEMAS["StatementDetail"] = _object({**SCHEMAS["StatementSummary"]["properties"],
                                      "texts": _array(_ref("StatementText")),
                                      "signatories": _array(_ref("Signatory"))})


def _page_of(item: str) -> dict:
    return _object({"data": _array(_ref(item)), "meta": _ref("PageMeta"),
                    "links": _ref("PageLinks")})


for _item in ("StatementSummary", "Note", "Event", "Resource", "Training", "Organisation"):
    SCHEMAS[f"{_item}Page"] = _page_of(_item)


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": _ref("Error")}}}


def _ok(schema: str, description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": _ref(schema)}}}


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or STRING}


PAGING = [
    _query("page", "Page number, from 1", {"type": "integer", "minimum": 1, "default": 1}),
    _query("per_page", "Items per page", {"type": "integer", "minimum": 1, "maximum": 100,
                                          "default": 20}),
]
# Public content for everybody; a token adds what the network sees.
OPTIONAL_TOKEN = [{}, {"personalAccessToken": []}]
TOKEN_REQUIRED = [{"personalAccessToken": []}]
COMMON_ERRORS = {"401": _error("The token is not valid (expired, revoked or malformed)"),
                 "429": _error("Too many requests; see Retry-After")}


def _operation(operation_id: str, summary: str, ok: dict, *, parameters=(),
               security=OPTIONAL_TOKEN, tag: str, errors: dict | None = None) -> dict:
    return {"get": {
        "operationId": operation_id, "summary": summary, "tags": [tag],
        "parameters": list(parameters), "security": security,
        "responses": {"200": ok, **COMMON_ERRORS, **(errors or {})},
    }}


def _enum(values) -> dict:
    return {"type": "string", "enum": [str(getattr(v, "value", v)) for v in values]}


ID = {"name": "id", "in": "path", "required": True, "schema": INTEGER}
NOT_FOUND = {"404": _error("Not found, or not visible to the caller")}
BAD_PARAMETER = {"400": _error("A query parameter is not valid")}


def paths() -> dict:
    return {
        "/api/v1/": _operation("getIndex", "What this API offers", _ok("Index", "The index"),
                               tag="meta"),
        "/api/v1/me": _operation(
            "getMe", "The owner of the token used", _ok("Me", "The token's owner"),
            security=TOKEN_REQUIRED, tag="meta"),
        "/api/v1/statements": _operation(
            "listStatements", "Joint statements, newest first",
            _ok("StatementSummaryPage", "A page of statements"), tag="statements",
            parameters=[*PAGING,
                        _query("status", "Published and archived ones for everyone; open "
                               "ones with a token", _enum(StatementStatus)),
                        _query("tag", "Only statements with this tag")],
            errors=BAD_PARAMETER),
        "/api/v1/statements/{id}": {**_operation(
            "getStatement", "One statement with its texts and signatories",
            _ok("StatementDetail", "The statement"), tag="statements",
            parameters=[ID], errors=NOT_FOUND)},
        "/api/v1/notes": _operation(
            "listNotes", "Published needs notes (redacted), newest first",
            _ok("NotePage", "A page of notes"), tag="notes", errors=BAD_PARAMETER,
            parameters=[*PAGING, _query("category", "Need category", _enum(NeedCategory)),
                        _query("group", "Population group", _enum(PopulationGroup)),
                        _query("region", "Region", _enum(Region)),
                        _query("start", "From this month (YYYY-MM)"),
                        _query("end", "Up to this month (YYYY-MM)")]),
        "/api/v1/notes/{id}": _operation(
            "getNote", "One published note", _ok("Note", "The note"), tag="notes",
            parameters=[ID], errors=NOT_FOUND),
        "/api/v1/notes/statistics": _operation(
            "getNoteStatistics", "The needs dashboard: counts with small-cell suppression",
            _ok("NoteStatistics", "The year's tables"), tag="notes", errors=BAD_PARAMETER,
            parameters=[_query("year", "Year (default: the latest with notes)",
                               {"type": "integer"})]),
        "/api/v1/events": _operation(
            "listEvents", "Events, upcoming first (or past ones, latest first)",
            _ok("EventPage", "A page of events"), tag="events", errors=BAD_PARAMETER,
            parameters=[*PAGING,
                        _query("when", "upcoming (default) or past",
                               _enum(("upcoming", "past"))),
                        _query("org", "Organiser or co-organiser (organisation slug)"),
                        _query("kind", "Kind of event", _enum(EventKind)),
                        _query("format", "Format", _enum(EventFormat)),
                        _query("country", "Country (ISO code)", _enum(COUNTRIES))]),
        "/api/v1/events/{id}": _operation(
            "getEvent", "One event", _ok("Event", "The event"), tag="events",
            parameters=[ID], errors=NOT_FOUND),
        "/api/v1/resources": _operation(
            "listResources", "The resource library, newest first (or by relevance when "
            "searching)", _ok("ResourcePage", "A page of resources"), tag="resources",
            errors=BAD_PARAMETER,
            parameters=[*PAGING,
                        _query("q", "Search title, summary, tags and the files' text; case, "
                               "diacritics and script (Latin/Cyrillic) are ignored"),
                        _query("kind", "Kind of resource", _enum(ResourceKind)),
                        _query("language", "Language", _enum(LANGUAGES)),
                        _query("topic", "Topic id", {"type": "integer"}),
                        _query("country", "Country (ISO code)", _enum(COUNTRIES)),
                        _query("org", "Organisation (slug)"),
                        _query("year", "Year of publication", {"type": "integer"}),
                        _query("sort", "Order", _enum(("relevance", "newest", "title",
                                                       "downloads")))]),
        "/api/v1/resources/{id}": _operation(
            "getResource", "One resource", _ok("Resource", "The resource"), tag="resources",
            parameters=[ID], errors=NOT_FOUND),
        "/api/v1/trainings": _operation(
            "listTrainings", "Network trainings (a token is needed: trainings are for members "
            "of the network; anonymous callers get an empty list), newest first",
            _ok("TrainingPage", "A page of trainings"), tag="trainings", errors=BAD_PARAMETER,
            parameters=[*PAGING,
                        _query("org", "Organiser: an organisation's slug, or 'network'"),
                        _query("status", "published or cancelled",
                               _enum((ProgrammeStatus.PUBLISHED, ProgrammeStatus.CANCELLED))),
                        _query("modality", "Modality", _enum(Modality)),
                        _query("when", "upcoming: with a session still to come; past: "
                               "without one", _enum(("upcoming", "past")))]),
        "/api/v1/trainings/{id}": _operation(
            "getTraining", "One training", _ok("Training", "The training"), tag="trainings",
            parameters=[ID], errors=NOT_FOUND),
        "/api/v1/organisations": _operation(
            "listOrganisations", "Member organisations",
            _ok("OrganisationPage", "A page of organisations"), tag="organisations",
            errors=BAD_PARAMETER,
            parameters=[*PAGING, _query("country", "Country (ISO code)", _enum(COUNTRIES))]),
        "/api/v1/organisations/{slug}": _operation(
            "getOrganisation", "One organisation", _ok("Organisation", "The organisation"),
            tag="organisations", errors=NOT_FOUND,
            parameters=[{"name": "slug", "in": "path", "required": True, "schema": STRING}]),
    }


def document(base_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "RMN Portal API", "version": "1",
            "description": (
                "Read-only access to the portal's content. Without a token you read public "
                "content. A personal access token (create one under Account → API tokens) "
                "reads what any signed-in member of the network reads, never "
                "organisation-only content. Send it as `Authorization: Bearer <token>`. "
                "Lists are paginated with `page` and `per_page`; errors are JSON objects "
                "with an `error` member. Calls are rate limited (X-RateLimit-* headers)."),
        },
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"personalAccessToken": {
                "type": "http", "scheme": "bearer",
                "description": "A personal access token (rmn_pat_…)"}},
        },
    }
