"""Who may do what with events: every role, own and other organisation,
each visibility. The rules live in rmn_portal/permissions.py."""

import pytest
from flask_login import AnonymousUserMixin

from rmn_portal.accounts.models import Role
from rmn_portal.events import services
from rmn_portal.permissions import Action, can

from .helpers import make_event

# (role, relation to the event's organisation) → what they may do with an
# organisation-only / network event. "co" is a co-organising organisation.
EXPECTED = {
    # reader                       read org-only, read network, edit network, manage people
    ("anonymous", None):           (False, False, False, False),
    ("member", "own"):             (True, True, False, False),
    ("member", "other"):           (False, True, False, False),
    ("member", "co"):              (True, True, False, False),
    ("org_admin", "own"):          (True, True, True, True),
    ("org_admin", "other"):        (False, True, False, False),
    ("org_admin", "co"):           (True, True, True, True),
    ("coordinator", "other"):      (False, True, True, True),
    ("admin", "other"):            (False, True, True, True),  # moderation
}


@pytest.fixture
def setting(db_session, make):
    home, partner, elsewhere = make.org(), make.org(), make.org()
    author = make.user(home)
    internal = make_event(author, visibility="organisation", coorganisers=[partner])
    network = make_event(author, visibility="network", coorganisers=[partner])
    return {"own": home, "co": partner, "other": elsewhere}, internal, network


@pytest.mark.parametrize(("role", "relation"), list(EXPECTED))
def test_event_permission_matrix(make, setting, role, relation):
    orgs, internal, network = setting
    reader = (AnonymousUserMixin() if role == "anonymous"
              else make.user(orgs[relation], Role(role)))
    read_internal, read_network, edit, manage = EXPECTED[(role, relation)]
    assert can(reader, Action.EVENT_READ, internal) is read_internal
    assert can(reader, Action.EVENT_READ, network) is read_network
    assert can(reader, Action.EVENT_REGISTER, network) is (role != "anonymous")
    assert can(reader, Action.EVENT_EDIT, network) is edit
    assert can(reader, Action.EVENT_MANAGE_PARTICIPANTS, network) is manage
    assert can(reader, Action.EVENT_SEE_ONLINE_LINK, network) is manage
    assert can(reader, Action.EVENTS_CREATE) is (role != "anonymous")


def test_the_author_organises_their_own_event(make, setting):
    _orgs, internal, _network = setting
    author = internal.author
    assert can(author, Action.EVENT_EDIT, internal)
    assert can(author, Action.EVENT_MANAGE_PARTICIPANTS, internal)


def test_a_place_opens_the_link_and_the_list(make, setting):
    orgs, _internal, network = setting
    reader = make.user(orgs["other"])
    assert not can(reader, Action.EVENT_SEE_PARTICIPANTS, network)
    services.rsvp(reader, network, "maybe")
    assert not can(reader, Action.EVENT_SEE_PARTICIPANTS, network)
    services.rsvp(reader, network, "going")
    assert can(reader, Action.EVENT_SEE_PARTICIPANTS, network)
    assert can(reader, Action.EVENT_SEE_ONLINE_LINK, network)
    assert not can(reader, Action.EVENT_EDIT, network)
