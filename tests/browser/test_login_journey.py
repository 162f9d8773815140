"""A member signs in, reaches the dashboard and signs out, in a real browser."""

import re

from playwright.sync_api import expect

from ..factories import PASSWORD
from .conftest import sign_in


def test_member_signs_in_reaches_dashboard_and_signs_out(live_server, page):
    with live_server.data() as make:
        org = make.org(name="Iris Browser Collective")
        person = make.user(org, name="Mila Browser", email="mila.browser@example.org")
        email = person.email

    sign_in(page, email, PASSWORD)
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Mila Browser")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto("/dashboard")
    page.wait_for_url(re.compile(r"/login\?next="))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
