"""Command-line tools: clear errors for bad input, idempotent demo data."""

import pytest
from sqlalchemy import func, select

from rmn_portal.accounts.models import Role, User
from rmn_portal.db import db
from rmn_portal.orgs.models import Organisation


@pytest.fixture
def cli(fresh_app):
    runner = fresh_app.test_cli_runner()

    def run(*args, env=None):
        return runner.invoke(args=list(args), env=env, catch_exceptions=False)

    run.app = fresh_app
    return run


def test_create_org_and_user(cli):
    result = cli("create-org", "Novi Sad Pride Aid", "--country", "rs", "--slug", "ns-pride-aid")
    assert result.exit_code == 0, result.output
    result = cli("create-user", "Jelena@Example.org", "--org", "ns-pride-aid", "--role",
                 "org_admin", "--name", "Jelena Test", env={"RMN_PASSWORD": "plenty long secret"})
    assert result.exit_code == 0, result.output
    with cli.app.app_context():
        user = db.session.scalar(select(User).where(User.email == "jelena@example.org"))
        assert user.role is Role.ORG_ADMIN and user.org.country == "RS"


@pytest.mark.parametrize(("args", "message"), [
    (["create-org", "X", "--country", "DE", "--slug", "x"], "Unknown country"),
    (["create-org", "X", "--country", "RS", "--slug", "Bad Slug"], "slug must be"),
    (["create-org", "  ", "--country", "RS", "--slug", "blank"], "must not be empty"),
])
def test_create_org_refuses_bad_input(cli, args, message):
    result = cli(*args)
    assert result.exit_code != 0
    assert message in result.output


def test_create_org_refuses_a_taken_slug(cli):
    cli("create-org", "First", "--country", "RS", "--slug", "taken")
    result = cli("create-org", "Second", "--country", "RS", "--slug", "taken")
    assert result.exit_code != 0
    assert "already uses this address name" in result.output


@pytest.mark.parametrize(("args", "env", "message"), [
    (["create-user", "not-an-address", "--org", "o", "--name", "N"], {}, "Not a valid e-mail"),
    (["create-user", "a@example.org", "--org", "missing", "--name", "N"], {}, "No organisation"),
    (["create-user", "a@example.org", "--org", "o", "--name", "N"],
     {"RMN_PASSWORD": "short"}, "at least 12"),
    (["create-user", "a@example.org", "--org", "o", "--name", "N", "--role", "boss"], {},
     "Invalid value for '--role'"),
])
def test_create_user_refuses_bad_input(cli, args, env, message):
    cli("create-org", "O", "--country", "RS", "--slug", "o")
    result = cli(*args, env={"RMN_PASSWORD": "plenty long secret", **env})
    assert result.exit_code != 0
    assert message in result.output


def test_create_user_refuses_an_existing_address(cli):
    cli("create-org", "O", "--country", "RS", "--slug", "o")
    env = {"RMN_PASSWORD": "plenty long secret"}
    cli("create-user", "a@example.org", "--org", "o", "--name", "A", env=env)
    result = cli("create-user", "A@example.org", "--org", "o", "--name", "B", env=env)
    assert result.exit_code != 0
    assert "already exists" in result.output


def _counts(app):
    with app.app_context():
        orgs = db.session.scalar(select(func.count()).select_from(Organisation))
        users = db.session.scalar(select(func.count()).select_from(User))
        countries = set(db.session.scalars(select(Organisation.country)))
        return orgs, users, countries


def test_seed_demo_is_idempotent_and_follows_the_documented_pattern(cli):
    assert cli("seed-demo").exit_code == 0
    orgs, users, countries = _counts(cli.app)
    assert orgs == 16
    assert users == 1 + 2 + 16 * 3
    assert countries == {"RS", "BA", "ME", "MK", "AL", "XK"}
    assert cli("seed-demo").exit_code == 0
    assert _counts(cli.app)[:2] == (orgs, users)
    result = cli("seed-demo", "--if-empty")
    assert "already has data" in result.output
    with cli.app.app_context():
        emails = set(db.session.scalars(select(User.email)))
    assert {"admin@rmn.example.org", "coordinator1@rmn.example.org",
            "orgadmin-iris-collective@rmn.example.org",
            "member1-iris-collective@rmn.example.org"} <= emails


def test_demo_accounts_sign_in_with_the_demo_password(cli):
    cli("seed-demo")
    client = cli.app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/login", data={"email": "member1-ylber-shelter@rmn.example.org",
                                           "password": "rainbow-demo-2026", "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
