"""Guessing at scale is cut off with a 429 (sign-in, second factor and the
API are in tests/test_auth.py and tests/hub/test_api.py): password-reset
requests, certificate codes, recovery codes, and a password spray that
changes the address's case and spacing."""

from rmn_portal.accounts.models import Role

from ..factories import PASSWORD


def test_reset_requests_are_limited_whatever_the_address(client, make, outbox):
    user = make.user()
    answers = [client.post("/password/forgot", data={"email": f"guess{n}@example.org"})
               .status_code for n in range(5)]
    assert answers == [200] * 5
    response = client.post("/password/forgot", data={"email": user.email})
    assert response.status_code == 429
    assert outbox.messages(to=user.email) == []  # the limited request sent nothing


def test_certificate_codes_cannot_be_enumerated(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "TRAININGS_VERIFY_LIMIT", "5 per minute")
    answers = [client.get(f"/trainings/verify?code=RMN-{n:04d}-GUESS").status_code
               for n in range(6)]
    assert answers[:5] == [200] * 5 and answers[5] == 429


def test_the_login_limit_is_not_escaped_by_changing_the_address_spelling(client, make):
    user = make.user(email="spelling@example.org")
    spellings = ["spelling@example.org", "SPELLING@example.org", " spelling@example.org ",
                 "Spelling@Example.Org"]
    for attempt in range(10):
        client.post("/login", data={"email": spellings[attempt % 4], "password": "wrong one"})
    response = client.post("/login", data={"email": "SpElLiNg@example.org",
                                           "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/dashboard").status_code == 302
    assert user.email == "spelling@example.org"


def test_recovery_code_guesses_count_towards_the_two_factor_limit(client, make):
    coordinator = make.user(role=Role.COORDINATOR)
    response = client.post("/login", data={"email": coordinator.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/login/code")
    for n in range(5):
        client.post("/login/code", data={"code": f"abcd-efgh-{n:04d}"})
    response = client.post("/login/code", data={"code": "abcd-efgh-9999"})
    assert response.status_code == 429
    assert client.get("/dashboard").status_code == 302
