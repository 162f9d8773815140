"""Every state-changing URL rule of the app refuses a request without the
session's CSRF token, or with a token of another session, with a 400, and
changes nothing; GET on a POST-only rule is a 405.

The rules are enumerated from the URL map, filled in with the objects of the
authorisation matrix's world (all features at once), and tried by the people
of that world in turn until one of them may use the rule, so that the token
check is proven where it matters: for someone the view would otherwise obey.
"""

from types import SimpleNamespace

import pytest
from flask import current_app

from rmn_portal.accounts import services as accounts
from rmn_portal.accounts.models import Role
from rmn_portal.db import db

from ..authz import feature_modules
from ..factories import PASSWORD, login, totp_code
from ..test_routes import build_world
from .snapshot import AUDIT_LOG, changed_tables, database_fingerprint

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
# Tried in this order: the colleague wrote the own organisation's things.
SIGN_IN_STEPS = ("/login", "/login/code", "/account/two-factor")
PEOPLE = ("colleague", "org_admin", "coordinator", "admin", "member", "outsider")


def full_world(make):
    world = build_world(make, SimpleNamespace())
    for module in feature_modules():
        if hasattr(module, "populate"):
            module.populate(world, make)
    # A coordinator who must still set up the second factor.
    world.enrolling = make.user(world.own, Role.COORDINATOR, two_factor=False)
    make.session.flush()
    return world


def url_values(world) -> dict:
    return {
        "token_id": world.colleague_token.id, "invitation_id": world.invitation.id,
        "event_id": world.own_event.id, "registration_id": world.own_registration.id,
        "decision": "approve", "note_id": world.own_draft_note.id, "decision_id": 1,
        "slug": world.own.slug, "user_id": world.colleague.id, "change": "deactivate",
        "resource_id": world.own_resource.id, "file_id": world.own_file.id,
        "topic_id": world.topic.id, "statement_id": world.own_draft.id,
        "comment_id": world.own_comment.id, "editor_id": world.own_editor.id,
        "revision_id": world.own_revision.id, "signature_id": world.other_signature.id,
        "programme_id": world.own_training.id, "enrolment_id": world.own_enrolment.id,
        "session_id": world.own_session.id, "guest_id": world.own_guests.id,
        "certificate_id": world.own_certificate.id, "competency_id": world.competency.id,
        "phase": "before",
    }


def per_endpoint(world) -> dict[str, dict]:
    """Values that differ by rule: a note in review for the reviewer's rules,
    real links for the public pages that need one."""
    invitation_token = "invitation-token-for-the-csrf-test"
    world.invitation.token_hash = accounts._digest(invitation_token)
    reset_token = accounts._reset_serializer().dumps(
        {"u": world.own_trainee.id, "f": accounts._reset_fingerprint(world.own_trainee)})
    in_review = {"note_id": world.other_note.id}
    return {"statements.drafting.resolve": {"change": "resolve"},
            "notes.review": in_review, "notes.generalise": in_review, "notes.publish": in_review,
            "accounts.reset_password": {"token": reset_token},
            "accounts.accept_invitation": {"token": invitation_token}}


def state_changing_urls(world) -> list[tuple[str, str, bool, bool]]:
    """(endpoint, url, public, post_only) for every state-changing rule."""
    adapter = current_app.url_map.bind("localhost")
    values, special = url_values(world), per_endpoint(world)
    urls = []
    for rule in current_app.url_map.iter_rules():
        if not rule.methods & STATE_CHANGING:
            continue
        view = current_app.view_functions[rule.endpoint]
        filled = {**values, **special.get(rule.endpoint, {})}
        url = adapter.build(rule.endpoint, {name: filled[name] for name in rule.arguments})
        urls.append((rule.endpoint, url, getattr(view, "is_public", False),
                     "GET" not in rule.methods))
    return urls


def browsers(app, world) -> dict:
    """One test client per person, signed in (or halfway) before the
    database is fingerprinted: signing in writes rows of its own."""
    opened = {}
    for person in ("anonymous", "enrolling", "halfway", *PEOPLE):
        client = app.test_client()
        if person in ("enrolling", "halfway"):  # password given, second factor not yet
            someone = world.enrolling if person == "enrolling" else world.actors["admin"]
            response = client.post("/login", data={"email": someone.email,
                                                   "password": PASSWORD})
            assert response.headers["Location"].endswith(
                "/account/two-factor" if person == "enrolling" else "/login/code")
        elif person != "anonymous":
            login(client, world.actors.get(person) or getattr(world, person))
        opened[person] = client
    return opened


def test_every_state_changing_rule_needs_the_sessions_token(app, client, make):
    world = full_world(make)
    browser = browsers(app, world)
    foreign_token = client.csrf_token()  # of another session: the test's own client
    urls = state_changing_urls(world)
    db.session.commit()
    before = database_fingerprint(skip=(AUDIT_LOG,))
    unproven, wrong = [], []
    for endpoint, url, public, _post_only in urls:
        for person in (("anonymous", "enrolling", "halfway") if public else ()) + PEOPLE:
            response = browser[person].post(url, data={"name": "x"}, csrf=False)
            if response.status_code in (403, 404) or (
                    response.status_code == 302
                    and response.headers["Location"].endswith(SIGN_IN_STEPS)):
                continue  # not this person's to use (or sent to sign in): try the next
            if response.status_code != 400:
                wrong.append(f"{endpoint} {url} as {person}: {response.status_code}")
                break
            forged = browser[person].post(url, csrf=False, data={
                "name": "x", "csrf_token": foreign_token})
            if forged.status_code != 400:
                wrong.append(f"{endpoint} {url} as {person}, foreign token: "
                             f"{forged.status_code}")
            break
        else:
            unproven.append(f"{endpoint} {url}")
    assert wrong == []
    assert unproven == [], "\n".join(unproven)
    assert changed_tables(before, database_fingerprint(skip=(AUDIT_LOG,))) == []


def test_a_get_on_a_post_only_rule_is_405(app, client, make):
    world = full_world(make)
    login(client, world.actors["admin"])
    post_only = [url for _endpoint, url, _public, only in state_changing_urls(world) if only]
    assert len(post_only) >= 40
    before = database_fingerprint()
    statuses = {url: client.get(url).status_code for url in post_only}
    assert {url: status for url, status in statuses.items() if status != 405} == {}
    assert changed_tables(before, database_fingerprint()) == []


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com",
                                    "/\\evil.example.com", "javascript:alert(1)",
                                    "http:/evil.example.com", "/\r\nLocation: //evil.example"])
def test_no_redirect_leaves_the_site(client, make, target):
    response = client.post("/language", data={"language": "en", "next": target})
    assert response.headers["Location"] == "/"
    # Through the second factor: the wanted page is kept in the session meanwhile.
    coordinator = make.user(role=Role.COORDINATOR)
    response = client.post("/login", data={"email": coordinator.email, "password": PASSWORD,
                                           "next": target})
    assert response.headers["Location"].endswith("/login/code")
    response = client.post("/login/code", data={"code": totp_code(coordinator)})
    assert response.status_code == 302
    assert response.headers["Location"] in ("/dashboard", "/account/two-factor")
    response = client.post("/logout", data={"next": target})
    assert response.headers["Location"].startswith("/")
    assert not response.headers["Location"].startswith(("//", "/\\"))
