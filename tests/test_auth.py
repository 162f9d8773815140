"""Signing in and out: enumeration-proof answers, limits, sessions, two-factor."""

import re
import statistics
import time
from datetime import timedelta

import pyotp
import pytest
from sqlalchemy import select

from rmn_portal.accounts.models import RecoveryCode, Role, User, UserSession
from rmn_portal.accounts.passwords import hash_password
from rmn_portal.accounts.services import _digest
from rmn_portal.audit import AuditEvent
from rmn_portal.db import db, utcnow

from .factories import PASSWORD, login, totp_code

WRONG = "definitely not the password"


def _attempt(client, email, password=WRONG):
    return client.post("/login", data={"email": email, "password": password})


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# --- enumeration ------------------------------------------------------------------------

def test_unknown_address_and_wrong_password_get_the_same_answer(client, make):
    user = make.user()
    known = _attempt(client, user.email)
    unknown = _attempt(client, "nobody-here@example.org")
    assert known.status_code == unknown.status_code == 422
    message = "The e-mail address or password is not correct."
    assert message in known.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)
    # The pages differ only in the echoed address.
    assert (_without_tokens(known).replace(user.email, "X")
            == _without_tokens(unknown).replace("nobody-here@example.org", "X"))


def test_deactivated_account_gets_the_same_answer_as_a_wrong_password(client, make):
    user = make.user(active=False)
    response = _attempt(client, user.email, PASSWORD)
    assert response.status_code == 422
    assert "The e-mail address or password is not correct." in response.get_data(as_text=True)


def test_unknown_addresses_cost_as_much_time_as_known_ones(app, client, make):
    """A dummy hash is verified for unknown addresses, so timing reveals nothing."""
    params = {"time_cost": 2, "memory_cost": 16384, "parallelism": 1}
    app.config["ARGON2_PARAMETERS"] = params
    try:
        user = make.user(password_hash=hash_password_with(params, PASSWORD))

        def timed(email):
            # The work the request does (this thread's CPU time: the password
            # hashing runs here), not the wall clock, which other jobs on a
            # busy machine stretch at random. Alternated, so both kinds of
            # address see the same conditions.
            started = time.thread_time()
            _attempt(client, email)
            return time.thread_time() - started

        pairs = [(timed(user.email), timed(f"ghost{n}@example.org")) for n in range(5)]
        known = statistics.median(known for known, _ in pairs)
        unknown = statistics.median(unknown for _, unknown in pairs)
    finally:
        app.config["ARGON2_PARAMETERS"] = {"time_cost": 1, "memory_cost": 1024,
                                           "parallelism": 1}
    assert unknown > known * 0.6, (known, unknown)


def hash_password_with(params, password):
    from argon2 import PasswordHasher

    return PasswordHasher(**params).hash(password)


def test_reset_request_answers_the_same_for_known_and_unknown_addresses(client, make, outbox):
    user = make.user()
    known = client.post("/password/forgot", data={"email": user.email})
    unknown = client.post("/password/forgot", data={"email": "nobody-here@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert _without_tokens(known) == _without_tokens(unknown)
    assert len(outbox.messages(to=user.email)) == 1
    assert outbox.messages(to="nobody-here@example.org") == []


def _without_tokens(response) -> str:
    """The page without its CSRF tokens (signed with a timestamp, they differ
    between any two responses)."""
    return re.sub(r'name="csrf_token"[^>]*>', "", response.get_data(as_text=True))


# --- rate limits ------------------------------------------------------------------------

def test_the_eleventh_failed_login_for_an_account_answers_429(client, make):
    user = make.user()
    for _ in range(10):
        assert _attempt(client, user.email).status_code == 422
    response = _attempt(client, user.email, PASSWORD)  # even the right password waits
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert "login.locked" in _actions()


def test_failures_across_accounts_from_one_address_are_limited(client, make):
    for n in range(10):
        _attempt(client, f"spray{n}@example.org")
    assert _attempt(client, "spray-last@example.org").status_code == 429


def test_successful_logins_do_not_count_towards_the_limit(client, make):
    user = make.user()
    for _ in range(12):
        login(client, user)
        client.post("/logout")
    assert login(client, user).status_code == 302


# --- passwords --------------------------------------------------------------------------

def test_hash_is_argon2id_and_rehashed_when_parameters_change(app, client, make):
    user = make.user()
    assert user.password_hash.startswith("$argon2id$")
    old_hash = user.password_hash
    app.config["ARGON2_PARAMETERS"] = {"time_cost": 2, "memory_cost": 2048, "parallelism": 1}
    try:
        login(client, user)
    finally:
        app.config["ARGON2_PARAMETERS"] = {"time_cost": 1, "memory_cost": 1024,
                                           "parallelism": 1}
    db.session.refresh(user)
    assert user.password_hash != old_hash
    assert "t=2" in user.password_hash


def test_production_hasher_uses_argon2_cffi_defaults(app):
    from argon2 import PasswordHasher

    from rmn_portal.accounts.passwords import hasher

    saved = app.config.pop("ARGON2_PARAMETERS")
    try:
        with app.app_context():
            production = hasher()
    finally:
        app.config["ARGON2_PARAMETERS"] = saved
    defaults = PasswordHasher()
    assert (production.time_cost, production.memory_cost, production.type) == (
        defaults.time_cost, defaults.memory_cost, defaults.type)


@pytest.mark.parametrize(("password", "reason"), [
    ("short", "at least 12"),
    ("x" * 129, "128"),
    ("password1234", "too common"),
    ("qwertyuiop123", "too common"),
    ("aaaaaaaaaaaaaaa", "too few"),
    ("Iris Collective rocks!", "organisation"),
])
def test_weak_new_passwords_are_refused_with_the_reason(client, make, password, reason):
    org = make.org(name="Iris Collective", short_name="Iris")
    user = make.user(org)
    login(client, user)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "password": password, "confirm": password})
    assert response.status_code == 422
    assert reason in response.get_data(as_text=True)
    assert login_works(client, user, PASSWORD)  # the old password still works


def login_works(client, user, password) -> bool:
    client.post("/logout")
    return client.post("/login", data={"email": user.email,
                                       "password": password}).status_code == 302


def test_any_characters_are_accepted_in_a_long_password(client, make):
    user = make.user()
    login(client, user)
    new = "Ђурђевак 🌈 zelena-trava ☕ 42"
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "password": new, "confirm": new})
    assert response.status_code == 302
    assert login_works(client, user, new)


def test_password_change_needs_the_current_password(client, make):
    user = make.user()
    login(client, user)
    new = "a brand new passphrase"
    response = client.post("/account/password", data={
        "current_password": "wrong wrong wrong", "password": new, "confirm": new})
    assert response.status_code == 422
    assert "The current password is not correct." in response.get_data(as_text=True)
    assert login_works(client, user, PASSWORD)


# --- sessions ---------------------------------------------------------------------------

def test_logout_ends_the_session_on_the_server(client, make):
    user = make.user()
    login(client, user)
    stolen = client.get_cookie("rmn_session").value
    assert client.post("/logout").status_code == 302
    client.set_cookie("rmn_session", stolen)  # replay the old cookie
    assert client.get("/dashboard").status_code == 302
    assert db.session.scalar(select(UserSession).where(
        UserSession.user_id == user.id)).ended_at is not None


def test_password_change_ends_every_other_session(app, client, make):
    user = make.user()
    other_device = app.test_client()
    login(client, user)
    login(other_device, user)
    new = "another long passphrase"
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "password": new, "confirm": new})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200  # this browser got a new session
    assert other_device.get("/dashboard").status_code == 302


def test_deactivation_ends_the_persons_sessions(app, client, make):
    org = make.org()
    admin = make.user(org, Role.ORG_ADMIN)
    member = make.user(org)
    member_browser = app.test_client()
    login(member_browser, member)
    login(client, admin)
    response = client.post(f"/organisations/{org.slug}/people/{member.id}/deactivate")
    assert response.status_code == 302
    assert member_browser.get("/dashboard").status_code == 302
    assert _attempt(member_browser, member.email, PASSWORD).status_code == 422


def test_log_out_everywhere(app, client, make):
    user = make.user()
    other_device = app.test_client()
    login(client, user)
    login(other_device, user)
    client.post("/account/sessions/end-all")
    assert client.get("/dashboard").status_code == 302
    assert other_device.get("/dashboard").status_code == 302


def _session_row(user) -> UserSession:
    return db.session.scalar(select(UserSession).where(UserSession.user_id == user.id,
                                                       UserSession.ended_at.is_(None)))


def test_idle_sessions_end_after_two_hours(client, make):
    user = make.user()
    login(client, user)
    row = _session_row(user)
    row.last_seen_at = utcnow() - timedelta(minutes=121)
    db.session.commit()
    assert client.get("/dashboard").status_code == 302


def test_sessions_end_after_twelve_hours_even_when_active(client, make):
    user = make.user()
    login(client, user)
    row = _session_row(user)
    row.created_at = utcnow() - timedelta(hours=12, minutes=1)
    row.last_seen_at = utcnow()
    db.session.commit()
    assert client.get("/dashboard").status_code == 302


def test_sign_in_starts_a_new_session_and_the_cookie_holds_no_user_id(client, make):
    user = make.user()
    client.get("/login")
    before = client.get_cookie("rmn_session").value
    login(client, user)
    after = client.get_cookie("rmn_session").value
    assert before != after
    client.set_cookie("rmn_session", before)  # a planted pre-login cookie is useless
    assert client.get("/dashboard").status_code == 302
    # The stored session is keyed by a hash of the cookie's random token.
    row = _session_row(user)
    assert row.id != str(user.id) and len(row.id) == 64


# --- password reset ---------------------------------------------------------------------

def _reset_link(outbox, user) -> str:
    body = outbox.messages(to=user.email)[-1].body_text
    link = next(line for line in body.splitlines() if "/password/reset/" in line)
    assert link.startswith("http://localhost/password/reset/")  # from RMN_BASE_URL
    return link.replace("http://localhost", "")


def test_reset_link_works_once(client, make, outbox):
    user = make.user()
    client.post("/password/forgot", data={"email": user.email})
    link = _reset_link(outbox, user)
    new = "a fresh long passphrase"
    assert client.get(link).status_code == 200
    assert client.post(link, data={"password": new, "confirm": new}).status_code == 302
    assert client.get(link).status_code == 404
    again = client.post(link, data={"password": "yet another passphrase",
                                    "confirm": "yet another passphrase"})
    assert again.status_code == 404
    assert login_works(client, user, new)


def test_reset_link_dies_after_a_new_sign_in(client, make, outbox):
    user = make.user()
    client.post("/password/forgot", data={"email": user.email})
    link = _reset_link(outbox, user)
    login(client, user)
    client.post("/logout")
    assert client.get(link).status_code == 404


def test_reset_link_expires_after_sixty_minutes(client, make, outbox, monkeypatch):
    user = make.user()
    client.post("/password/forgot", data={"email": user.email})
    link = _reset_link(outbox, user)
    real_time = time.time
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: real_time() + 61 * 60)
    assert client.get(link).status_code == 404


def test_reset_link_ignores_the_host_header(client, make, outbox):
    user = make.user()
    evil = "http://evil.example.com"
    page = client.get("/password/forgot", base_url=evil).get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/password/forgot", base_url=evil, csrf=False,
                           data={"email": user.email, "csrf_token": token})
    assert response.status_code == 200
    body = outbox.messages(to=user.email)[-1].body_text
    assert "evil.example.com" not in body
    assert "http://localhost/password/reset/" in body


# --- two-factor -------------------------------------------------------------------------

def test_coordinators_must_set_up_two_factor_at_first_sign_in(client, make):
    coordinator = make.user(role=Role.COORDINATOR, two_factor=False)
    response = client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account/two-factor"
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "otpauth://totp/" in page
    assert '<label for="code">Code</label>' in page
    assert client.get("/dashboard").status_code == 302  # not signed in yet
    secret = page.split('id="totp-secret">')[1].split("<")[0]
    code = pyotp.TOTP(secret).now()
    response = client.post("/account/two-factor", data={"code": code})
    assert response.status_code == 200
    assert "Your recovery codes" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 200
    db.session.refresh(coordinator)
    assert coordinator.two_factor_enabled
    assert db.session.query(RecoveryCode).filter_by(user_id=coordinator.id).count() == 10


def test_a_promoted_coordinator_is_sent_to_set_up_two_factor(client, make):
    user = make.user()
    login(client, user)
    user.role = Role.COORDINATOR
    db.session.commit()
    response = client.get("/organisations")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/two-factor"


def test_two_factor_codes_cannot_be_replayed(app, client, make):
    coordinator = make.user(role=Role.COORDINATOR)
    client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    code = totp_code(coordinator)
    assert client.post("/login/code", data={"code": code}).status_code == 302
    attacker = app.test_client()  # has watched the code being typed, knows the password
    attacker.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    replay = attacker.post("/login/code", data={"code": code})
    assert replay.status_code == 422
    assert "That code is not correct." in replay.get_data(as_text=True)


def test_five_wrong_codes_then_429(client, make):
    coordinator = make.user(role=Role.COORDINATOR)
    client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    for _ in range(5):
        assert client.post("/login/code", data={"code": "000000"}).status_code == 422
    assert client.post("/login/code", data={"code": totp_code(coordinator)}).status_code == 429


def test_a_recovery_code_works_once(client, make):
    coordinator = make.user(role=Role.COORDINATOR)
    codes = ["abcde12345", "fffff00000"]
    for code in codes:
        db.session.add(RecoveryCode(user_id=coordinator.id, code_hash=_digest(code)))
    db.session.commit()
    client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert client.post("/login/code", data={"code": "abcde-12345"}).status_code == 302
    client.post("/logout")
    client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert client.post("/login/code", data={"code": "abcde-12345"}).status_code == 422


def test_the_code_page_needs_a_password_first(client, make):
    make.user(role=Role.COORDINATOR)
    assert client.get("/login/code").status_code == 302
    assert client.post("/login/code", data={"code": "123456"}).status_code == 302


def test_audit_log_records_sign_in_events_without_secrets(client, make):
    user = make.user()
    _attempt(client, user.email)
    login(client, user)
    client.post("/logout")
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [event.action for event in events][-3:] == ["login.failure", "login.success",
                                                       "logout"]
    for event in events:
        assert WRONG not in str(event.details) and PASSWORD not in str(event.details)


def test_new_account_from_an_unused_user_row_is_not_possible(client):
    # No open sign-up: there is no registration page at all.
    assert client.get("/register").status_code == 404
    assert client.get("/signup").status_code == 404


def test_user_factory_sanity(make):
    user = make.user(password_hash=hash_password("something long enough"))
    assert db.session.get(User, user.id).email == user.email
