"""The resource list counts visible resources up to a cap (pagination.capped_count)."""

import pytest

from rmn_portal.content import Visibility

from ..factories import login


@pytest.fixture
def cap_of_three(app):
    app.config["LIST_COUNT_CAP"] = 3
    yield
    app.config["LIST_COUNT_CAP"] = 10_000


def test_long_lists_count_up_to_the_cap_and_say_more_than(client, member_a, member_b,
                                                          add_resource, cap_of_three):
    for n in range(3):
        add_resource(member_a, f"Shared report {n}")
    add_resource(member_b, "Private notes of B", visibility=Visibility.ORGANISATION)
    login(client, member_a)
    page = client.get("/resources").get_data(as_text=True)
    assert "3 resources" in page and "More than" not in page  # B's private one is not counted

    add_resource(member_a, "Detention monitoring")
    page = client.get("/resources").get_data(as_text=True)
    assert "More than 3 resources. Narrow the list with the filters." in page
    filtered = client.get("/resources?q=detention").get_data(as_text=True)
    assert "1 resource matches your search." in filtered
