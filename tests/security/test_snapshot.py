"""The fingerprint used by the authorisation matrix really sees a change, so
"a refused POST changed nothing" cannot pass for nothing."""

from rmn_portal.accounts.models import Role

from ..factories import login
from ..test_routes import FORBIDDEN_POSTS
from .snapshot import changed_tables, database_fingerprint


def test_a_change_made_through_http_shows_in_the_fingerprint(client, make):
    org = make.org()
    admin = make.user(org, Role.ORG_ADMIN)
    colleague = make.user(org)
    login(client, admin)
    before = database_fingerprint()
    response = client.post(f"/organisations/{org.slug}/people/{colleague.id}/role",
                           data={"role": "org_admin"})
    assert response.status_code == 302
    assert "users" in changed_tables(before, database_fingerprint())


def test_the_matrix_rereads_the_database_after_every_refused_post():
    assert FORBIDDEN_POSTS >= 200
