import pytest
from flask import g, request_started

from rmn_portal.accounts.models import Role


@pytest.fixture
def org(make):
    return make.org(name="Iris Test Collective", country="RS")


@pytest.fixture
def organiser(make, org):
    return make.user(org, Role.ORG_ADMIN, name="Olga Organiser")


@pytest.fixture
def members(make):
    """Three members of three other organisations."""
    return [make.user(make.org(), name=f"Member {n}") for n in (1, 2, 3)]


@pytest.fixture(autouse=True)
def fresh_g_per_request(app):
    """The test's app context outlives each request, and Flask reuses it for
    the client's requests, so `g` (and Flask-WTF's cached CSRF token in it)
    would leak from one request to the next, unlike in a real server. Start
    every request with the request-scoped values gone."""

    def forget(sender, **_extra):
        for name in ("csrf_token", "_login_user", "_flask_babel"):
            g.pop(name, None)

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)
