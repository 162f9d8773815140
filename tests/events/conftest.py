import pytest

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
