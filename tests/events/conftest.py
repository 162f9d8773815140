import pytest
from flask import g, request_started

from rmn_portal.accounts.models import Role
from rmn_portal.db import db


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
def requests_like_a_real_server(app):
    """Make each test-client request start as it would on a running portal.

    - What the test arranged is committed first (in the per-test transaction,
      a savepoint release): otherwise a view that rolls back after refusing
      something (a 404, a refused RSVP) would also undo the test's own data,
      and assertions such as "nothing was saved" would pass for nothing.
    - The test's app context outlives each request and Flask reuses it, so
      `g` (Flask-WTF's cached CSRF token, the signed-in user, the reader's
      locale and time zone) would leak from one request to the next.
    """

    def forget(sender, **_extra):
        db.session.commit()
        for name in ("csrf_token", "_login_user", "_flask_babel"):
            g.pop(name, None)

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)
