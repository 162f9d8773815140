"""State-changing requests need the session's CSRF token."""

from rmn_portal.accounts.models import UserSession
from rmn_portal.db import db

from .factories import PASSWORD, login


def test_login_without_token_is_refused_and_keeps_the_typed_address(client, make):
    user = make.user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD},
                           csrf=False)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The form expired or came from another site" in page
    assert f'value="{user.email}"' in page
    assert "_user_id" not in (client.get_cookie("rmn_session").value if client.get_cookie(
        "rmn_session") else "")


def test_a_token_from_another_session_is_refused(app, client, make):
    user = make.user()
    other = app.test_client()
    foreign_token = client.__class__.csrf_token(other)
    response = client.post("/login", csrf=False, data={
        "email": user.email, "password": PASSWORD, "csrf_token": foreign_token})
    assert response.status_code == 400


def test_logout_without_token_is_refused_and_the_session_lives_on(client, make):
    user = make.user()
    login(client, user)
    assert client.post("/logout", csrf=False).status_code == 400
    assert client.get("/dashboard").status_code == 200
    live = db.session.query(UserSession).filter_by(user_id=user.id, ended_at=None).count()
    assert live == 1


def test_profile_change_without_token_changes_nothing(client, make):
    user = make.user(name="Original Name")
    login(client, user)
    response = client.post("/account", csrf=False, data={
        "name": "Changed Name", "pronouns": "", "locale": "en", "timezone": "Europe/Belgrade"})
    assert response.status_code == 400
    assert "Changed Name" in response.get_data(as_text=True)  # the typed text is kept
    db.session.refresh(user)
    assert user.name == "Original Name"


def test_state_changes_by_get_are_not_allowed(client, make):
    login(client, make.user())
    assert client.get("/logout").status_code == 405
    assert client.get("/account/sessions/end-all").status_code == 405
