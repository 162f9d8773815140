"""The JSON API: what anonymous callers and tokens read, the OpenAPI
document validated against real answers, errors, pagination and limits."""

from datetime import timedelta

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from sqlalchemy import select

from rmn_portal.api import tokens
from rmn_portal.api.models import AccessToken
from rmn_portal.content import Visibility
from rmn_portal.db import db, utcnow

from ..factories import login
from .conftest import PRIVATE, add_resource, add_training, published_note


def _document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _check(document, path: str, response, status: str | None = None):
    """Validate a real answer against the document's schema for it."""
    status = status or str(response.status_code)
    operation = document["paths"][path]["get"]
    assert status in operation["responses"], (path, status)
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]},
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(response.get_json()), key=str)
    assert not errors, [error.message for error in errors]


def _token(user) -> str:
    _token_row, secret = tokens.create_token(user, "Tests", 30)
    db.session.commit()
    return secret


def _bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def test_the_document_is_valid_openapi_3_1(client):
    document = _document(client)
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_operation_answers_as_documented(client, net, app):
    reviewer = net.coordinator
    note = published_note(net.member, reviewer)
    resource = add_resource(net.member, "Vodič za azil", Visibility.PUBLIC,
                            files=[("vodic.txt", b"Azil u Srbiji.")])
    training = add_training(net.coordinator, "Asylum law basics")
    document = _document(client)
    secret = _token(net.member)
    ids = {"statements": net.public_statement.id, "notes": note.id,
           "events": net.public_event.id, "resources": resource.id,
           "trainings": training.id, "organisations": net.iris.slug}
    checked = set()
    for path, item in document["paths"].items():
        operation = item["get"]
        url = path
        for collection, value in ids.items():
            url = url.replace(f"/{collection}/{{id}}", f"/{collection}/{value}")
        url = url.replace("{slug}", net.iris.slug)
        needs_token = operation["security"] == [{"personalAccessToken": []}]
        for headers in ([_bearer(secret)] if needs_token else [{}, _bearer(secret)]):
            response = client.get(url, headers=headers)
            # Trainings are for members: anonymous callers get 404 for one.
            expected = 404 if path == "/api/v1/trainings/{id}" and not headers else 200
            assert response.status_code == expected, (url, response.get_json())
            _check(document, path, response)
        checked.add(operation["operationId"])
    assert {"listStatements", "getStatement", "listNotes", "getNote", "getNoteStatistics",
            "listEvents", "getEvent", "listResources", "getResource", "listTrainings",
            "getTraining", "listOrganisations", "getOrganisation", "getMe"} <= checked


def test_operations_that_need_a_token_say_so(client):
    document = _document(client)
    me = document["paths"]["/api/v1/me"]["get"]
    assert me["security"] == [{"personalAccessToken": []}]
    assert client.get("/api/v1/me").status_code == 401
    lists = document["paths"]["/api/v1/events"]["get"]
    assert {} in lists["security"]  # anonymous callers are welcome
    assert document["components"]["securitySchemes"]["personalAccessToken"]["scheme"] == "bearer"


def test_anonymous_callers_read_public_content_only(client, net):
    events = client.get("/api/v1/events").get_json()
    titles = {event["title"] for event in events["data"]}
    assert "Open legal clinic" in titles
    assert "Network strategy meeting" not in titles and PRIVATE not in titles
    assert events["meta"]["total"] == len([t for t in titles])
    assert client.get(f"/api/v1/events/{net.network_event.id}").status_code == 404
    statements = client.get("/api/v1/statements").get_json()
    assert [s["title"] for s in statements["data"]] == ["Stop pushbacks now"]
    assert client.get(f"/api/v1/statements/{net.draft_statement.id}").status_code == 404


def test_a_token_reads_network_content_but_never_organisation_only(client, net):
    # The token belongs to a member of Iris, which owns the private event:
    # through the API even they do not read it.
    headers = _bearer(_token(net.member))
    body = client.get("/api/v1/events", headers=headers).get_json()
    titles = {event["title"] for event in body["data"]}
    assert {"Open legal clinic", "Network strategy meeting"} <= titles
    assert PRIVATE not in titles
    assert body["meta"]["total"] == 2
    assert client.get(f"/api/v1/events/{net.private_event.id}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/statements/{net.draft_statement.id}",
                      headers=headers).status_code == 404
    # The same person in the browser sees the private event: the page is theirs.
    login(client, net.member)
    assert PRIVATE in client.get(f"/events/{net.private_event.id}").get_data(as_text=True)


def test_signed_in_browsers_read_the_api_like_anyone(client, net):
    """The API ignores the session cookie: a cross-site page gains nothing."""
    login(client, net.member)
    titles = {e["title"] for e in client.get("/api/v1/events").get_json()["data"]}
    assert "Network strategy meeting" not in titles


def test_notes_and_statistics_follow_the_pages(client, net):
    public = published_note(net.member, net.coordinator)
    network = published_note(net.member, net.coordinator, visibility=Visibility.NETWORK,
                             region="vojvodina")
    anonymous = client.get("/api/v1/notes").get_json()
    assert [n["id"] for n in anonymous["data"]] == [public.id]
    assert "Turned away" in anonymous["data"][0]["narrative"]
    assert client.get(f"/api/v1/notes/{network.id}").status_code == 404
    headers = _bearer(_token(net.outsider))
    both = client.get("/api/v1/notes", headers=headers).get_json()
    assert {n["id"] for n in both["data"]} == {public.id, network.id}
    filtered = client.get("/api/v1/notes?region=vojvodina", headers=headers).get_json()
    assert [n["id"] for n in filtered["data"]] == [network.id]
    stats = client.get("/api/v1/notes/statistics?year=2026").get_json()
    assert stats["total"] == {"value": None, "display": "<5"}  # one public note: suppressed


def test_resources_follow_the_library(client, net):
    public = add_resource(net.member, "Извештај о азилу", Visibility.PUBLIC,
                          files=[("izvestaj.txt", b"Pravni polozaj.")])
    network = add_resource(net.member, "Mreža: azil i pritvor", Visibility.NETWORK)
    private = add_resource(net.member, PRIVATE, Visibility.ORGANISATION)
    anonymous = client.get("/api/v1/resources").get_json()
    assert [r["id"] for r in anonymous["data"]] == [public.id]
    assert anonymous["data"][0]["files"][0]["name"] == "izvestaj.txt"
    assert client.get(f"/api/v1/resources/{network.id}").status_code == 404
    headers = _bearer(_token(net.member))  # Iris owns the private one: still not through a token
    both = client.get("/api/v1/resources", headers=headers).get_json()
    assert {r["id"] for r in both["data"]} == {public.id, network.id}
    assert client.get(f"/api/v1/resources/{private.id}", headers=headers).status_code == 404
    # The page's search: Latin finds Cyrillic, diacritics ignored.
    found = client.get("/api/v1/resources?q=azil&sort=relevance", headers=headers).get_json()
    assert {r["id"] for r in found["data"]} == {public.id, network.id}
    assert client.get("/api/v1/resources?q=mreza", headers=headers).get_json()["meta"][
        "total"] == 1
    by_org = client.get(f"/api/v1/resources?org={net.drina.slug}", headers=headers).get_json()
    assert by_org["meta"]["total"] == 0
    assert client.get("/api/v1/resources?org=no-such-org").get_json()["data"] == []


def test_trainings_are_read_with_a_token_without_personal_data(client, net):
    network = add_training(net.coordinator, "Asylum law basics")
    internal = add_training(net.org_admin, PRIVATE, org=net.iris, visibility="organisation")
    draft = add_training(net.coordinator, "Draft training", publish=False)
    assert client.get("/api/v1/trainings").get_json()["meta"]["total"] == 0
    assert client.get(f"/api/v1/trainings/{network.id}").status_code == 404
    headers = _bearer(_token(net.org_admin))  # Iris's admin manages the internal one
    body = client.get("/api/v1/trainings", headers=headers).get_json()
    assert [t["id"] for t in body["data"]] == [network.id]
    item = body["data"][0]
    assert item["organisation"] is None and item["sessions"][0]["city"] == "Beograd"
    assert not {"trainers", "enrolments", "external_trainers"} & set(item)
    for hidden in (internal, draft):
        assert client.get(f"/api/v1/trainings/{hidden.id}", headers=headers).status_code == 404
    upcoming = client.get("/api/v1/trainings?when=upcoming&org=network", headers=headers)
    assert upcoming.get_json()["meta"]["total"] == 1
    assert client.get("/api/v1/trainings?when=past", headers=headers).get_json()[
        "meta"]["total"] == 0
    assert client.get("/api/v1/trainings?modality=online", headers=headers).get_json()[
        "meta"]["total"] == 0


def test_errors_are_consistent_json_objects(client, net):
    document = _document(client)
    cases = [
        ("/api/v1/statements", "/api/v1/statements?status=drafting", 400, "status"),
        ("/api/v1/events", "/api/v1/events?kind=party", 400, "kind"),
        ("/api/v1/events", "/api/v1/events?per_page=1000", 400, "per_page"),
        ("/api/v1/notes", "/api/v1/notes?start=March", 400, "start"),
        ("/api/v1/resources", "/api/v1/resources?kind=poster", 400, "kind"),
        ("/api/v1/resources", "/api/v1/resources?year=old", 400, "year"),
        ("/api/v1/trainings", "/api/v1/trainings?status=draft", 400, "status"),
        ("/api/v1/resources/{id}", "/api/v1/resources/999999", 404, None),
        ("/api/v1/events/{id}", "/api/v1/events/999999", 404, None),
    ]
    for path, url, status, parameter in cases:
        response = client.get(url)
        assert response.status_code == status, url
        assert response.is_json
        _check(document, path, response)
        assert response.get_json()["error"].get("parameter") == parameter
    unknown = client.get("/api/v1/no-such-thing")
    assert unknown.status_code == 404 and unknown.get_json()["error"]["status"] == 404


def test_pagination_links_and_totals(client, net):
    first = client.get("/api/v1/organisations?per_page=1").get_json()
    assert first["meta"]["per_page"] == 1 and first["meta"]["total"] >= 2
    assert first["links"]["prev"] is None and "page=2" in first["links"]["next"]
    second = client.get(first["links"]["next"]).get_json()
    assert second["data"][0]["slug"] != first["data"][0]["slug"]


def test_token_lifecycle(client, net):
    login(client, net.member)
    page = client.post("/account/tokens", data={"name": "Website widget", "days": "30"})
    assert page.status_code == 201
    html = page.get_data(as_text=True)
    secret = html.split('value="', 2)[-1].split('"', 1)[0]
    assert secret.startswith("rmn_pat_")
    stored = db.session.scalar(select(AccessToken).where(AccessToken.name == "Website widget"))
    assert stored.token_hash != secret and secret not in stored.token_hash
    assert secret not in client.get("/account/tokens").get_data(as_text=True)  # shown once
    client.post("/logout")
    me = client.get("/api/v1/me", headers=_bearer(secret))
    assert me.status_code == 200 and me.get_json()["name"] == "Ana Member"
    assert "no-store" in me.headers["Cache-Control"]
    assert db.session.get(AccessToken, stored.id).last_used_at is not None
    login(client, net.member)
    assert client.post(f"/account/tokens/{stored.id}/revoke").status_code == 302
    revoked = client.get("/api/v1/events", headers=_bearer(secret))
    assert revoked.status_code == 401
    assert revoked.headers["WWW-Authenticate"].startswith("Bearer")
    assert revoked.get_json()["error"]["status"] == 401


def test_expired_tokens_and_inactive_owners_are_refused(client, net):
    secret = _token(net.member)
    token = db.session.scalar(select(AccessToken).where(AccessToken.user_id == net.member.id))
    token.expires_at = utcnow() - timedelta(seconds=1)
    assert client.get("/api/v1/events", headers=_bearer(secret)).status_code == 401
    token.expires_at = utcnow() + timedelta(days=1)
    assert client.get("/api/v1/events", headers=_bearer(secret)).status_code == 200
    net.member.active = False
    assert client.get("/api/v1/events", headers=_bearer(secret)).status_code == 401
    assert client.get("/api/v1/events",
                      headers={"Authorization": "Basic abc"}).status_code == 401


def test_token_form_refuses_bad_input(client, net):
    login(client, net.member)
    response = client.post("/account/tokens", data={"name": "", "days": "7"})
    assert response.status_code == 422
    assert db.session.scalar(select(AccessToken).where(AccessToken.user_id == net.member.id)) \
        is None


@pytest.fixture
def low_limits(app):
    saved = dict(app.config)
    app.config.update(API_RATE_LIMIT_ANONYMOUS="3 per minute", API_RATE_LIMIT_TOKEN="5 per minute")
    yield
    app.config.update({key: saved[key] for key in ("API_RATE_LIMIT_ANONYMOUS",
                                                    "API_RATE_LIMIT_TOKEN")})


def test_calls_are_rate_limited(client, net, low_limits):
    for _ in range(3):
        response = client.get("/api/v1/organisations")
        assert response.status_code == 200
    assert response.headers["X-RateLimit-Remaining"] == "0"
    limited = client.get("/api/v1/organisations")
    assert limited.status_code == 429
    assert limited.get_json()["error"]["status"] == 429 and "Retry-After" in limited.headers
    # A token has its own, larger allowance.
    assert client.get("/api/v1/organisations", headers=_bearer(_token(net.member))).status_code \
        == 200
