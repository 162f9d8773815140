"""A small world on the live server for the quality checks, and a way to
open each page as the right person in the right language."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from rmn_portal.accounts.models import Role

from ..factories import PASSWORD, totp_code

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


@pytest.fixture(scope="session")
def quality_world(live_server):
    with live_server.data() as make:
        org = make.org(name="Quality Check Collective",
                       description="We **help**. [Site](https://example.org)")
        people = {}
        for language in ("en", "sr_Latn", "sr_Cyrl"):
            people[("org_admin", language)] = make.user(org, Role.ORG_ADMIN, locale=language)
            people[("admin", language)] = make.user(org, Role.ADMIN, locale=language)
        make.user(org, name="Colleague Person")
        world = SimpleNamespace(org=SimpleNamespace(slug=org.slug, id=org.id), people={
            key: SimpleNamespace(id=user.id, email=user.email) for key, user in people.items()})
    return world


def open_as(new_page, live_server, world, who: str, language: str):
    """A page (browser context) signed in as `who`, in `language`."""
    page = new_page(locale="sr-RS" if language.startswith("sr") else "en-GB")
    page.context.add_cookies([{"name": "rmn_lang", "value": language,
                               "url": live_server.url}])
    if who != "anonymous":
        person = world.people[(who, language)]
        code = None
        if who == "admin":
            with live_server.context() as session:
                from rmn_portal.accounts.models import User

                code = totp_code(session.get(User, person.id))
        page.goto("/login")
        page.locator("#email").fill(person.email)
        page.locator("#password").fill(PASSWORD)
        page.locator("#submit").click()
        if code:
            page.locator("#code").fill(code)
            page.locator("#submit").click()
        page.wait_for_url("**/dashboard")
    return page
