"""A small world on the live server for the quality checks, and a way to
open each page as the right person in the right language."""

import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from rmn_portal.accounts.models import Role
from rmn_portal.notes import services as notes

from ..factories import PASSWORD, totp_code
from ..hub.conftest import note_fields

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
            people[("coordinator", language)] = make.user(org, Role.COORDINATOR,
                                                          locale=language)
        make.user(org, name="Colleague Person")
        content = _content(make, org, people[("org_admin", "en")])
        # A draft note is seen by its author only: one per signed-in language.
        drafts = {language: notes.create_draft(people[("org_admin", language)], note_fields())
                  for language in ("en", "sr_Latn", "sr_Cyrl")}
        world = SimpleNamespace(org=SimpleNamespace(slug=org.slug, id=org.id), people={
            key: SimpleNamespace(id=user.id, email=user.email) for key, user in people.items()},
            note_drafts={language: note.id for language, note in drafts.items()},
            **{name: SimpleNamespace(id=item.id) for name, item in content.items()})
    return world


def page_url(path: str, world, language: str) -> str:
    """A path of pages.py filled in for this world and language."""
    return path.format(**vars(world), note_draft=SimpleNamespace(
        id=world.note_drafts[language]))


def _content(make, org, author) -> dict:
    """One item of every feature, so that its pages can be checked: made
    through the real services, by the organisation admin of the world."""
    from rmn_portal.content import Visibility
    from rmn_portal.resources.models import ResourceKind
    from rmn_portal.resources.services import ResourceFields, create_resource
    from rmn_portal.resources.uploads import Upload
    from rmn_portal.statements import services as statements
    from rmn_portal.trainings import services as trainings

    from ..events.helpers import make_event, soon
    from ..hub.conftest import published_note, published_statement
    from ..resources.conftest import pdf
    from ..trainings.conftest import session_times

    house = make.org(name="Quality Review House")
    coordinator = make.user(house, Role.COORDINATOR)
    outsider = make.user(house, name="Outside Author")
    in_review = notes.create_draft(outsider, note_fields())
    notes.submit(outsider, in_review)
    resource = create_resource(author, ResourceFields(
        title="Quality guide", kind=ResourceKind.TOOLKIT, summary="Read **this** first.",
        languages=["en", "sr"], tags="asylum, housing", visibility=Visibility.PUBLIC),
        [Upload("guide.pdf", io.BytesIO(pdf()))])
    event = make_event(author, title="Quality clinic", visibility=Visibility.PUBLIC,
                       starts_at=soon(6, hour=9), capacity=20,
                       questions=[{"label": "Which session?", "choices": ["A", "B"]}])
    programme = trainings.create_programme(
        author, org=org, title="Quality training", description="Two **sessions**.",
        target_audience="Caseworkers", visibility="network", modality="in_person",
        planned_minutes=360, capacity=10, external_trainers="")
    trainings.add_session(author, programme, title="Quality session", city="Beograd",
                          country="RS", format="in_person", timezone="Europe/Belgrade",
                          **session_times(5))
    trainings.publish(author, programme)
    draft = statements.create_statement(author, title="Quality draft statement",
                                        body="We **ask** for safe housing.", language="en")
    return {
        "resource": resource, "event": event, "programme": programme,
        "session": programme.sessions[0],
        "statement": published_statement(author, "Quality statement"), "draft": draft,
        "note": published_note(author, coordinator),
        "note_review": in_review,
    }


def open_as(new_page, live_server, world, who: str, language: str):
    """A page (browser context) signed in as `who`, in `language`."""
    page = new_page(locale="sr-RS" if language.startswith("sr") else "en-GB")
    page.context.add_cookies([{"name": "rmn_lang", "value": language,
                               "url": live_server.url}])
    if who != "anonymous":
        person = world.people[(who, language)]
        code = None
        if who in ("admin", "coordinator"):
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
