"""Mass assignment: fields a form does not offer (`org_id`, `author_id`,
`role`, `status`, ids of other rows) are ignored when added to the main
create and edit forms. The objects are read back from the database."""

from sqlalchemy import select

from rmn_portal.accounts.models import Role
from rmn_portal.db import db
from rmn_portal.events.models import Event
from rmn_portal.notes.models import Note, NoteStatus
from rmn_portal.orgs.models import Organisation
from rmn_portal.resources.models import Resource
from rmn_portal.statements.models import Statement, StatementStatus

from ..events.test_pages import form_data as event_form
from ..factories import login
from ..notes.conftest import form_data as note_form
from ..resources.conftest import upload_form


def smuggled(world) -> dict:
    """What an attacker adds to every form: someone else's organisation and
    identity, a higher role, a finished status."""
    return {"org_id": str(world["other_org"].id), "author_id": str(world["outsider"].id),
            "created_by_id": str(world["outsider"].id), "user_id": str(world["outsider"].id),
            "lead_org_id": str(world["other_org"].id), "role": "admin", "status": "published",
            "is_admin": "y", "active": "y", "id": "1", "published_at": "2020-01-01",
            "visibility": "public"}


def people(make) -> dict:
    org, other_org = make.org(), make.org()
    return {"org": org, "other_org": other_org, "member": make.user(org),
            "org_admin": make.user(org, Role.ORG_ADMIN), "outsider": make.user(other_org)}


def test_profile_form_ignores_role_and_organisation(client, make):
    world = people(make)
    member = world["member"]
    login(client, member)
    extra = {key: value for key, value in smuggled(world).items() if key != "id"}
    response = client.post("/account", data={
        "name": "New Name", "pronouns": "", "locale": "en", "timezone": "Europe/Belgrade",
        **extra, "email": "attacker@example.org"})
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.name == "New Name"
    assert member.role is Role.MEMBER and member.org_id == world["org"].id
    assert member.email != "attacker@example.org"


def test_new_resource_ignores_owner_and_author(client, make):
    world = people(make)
    login(client, world["member"])
    form = upload_form("Smuggled resource", external_url="https://example.org/report")
    form.pop("files")
    response = client.post("/resources/new", data={**smuggled(world), **form})
    assert response.status_code == 302
    resource = db.session.scalar(select(Resource).where(Resource.title == "Smuggled resource"))
    assert resource.org_id == world["org"].id and resource.author_id == world["member"].id


def test_new_event_ignores_organiser(client, make):
    world = people(make)
    login(client, world["member"])
    response = client.post("/events/new", data={**smuggled(world),
                                                **event_form(title="Smuggled event")})
    assert response.status_code == 302
    event = db.session.scalar(select(Event).where(Event.title == "Smuggled event"))
    assert event.org_id == world["org"].id
    assert event.author_id == world["member"].id


def test_new_statement_starts_as_a_draft_of_the_authors_organisation(client, make):
    world = people(make)
    login(client, world["member"])
    response = client.post("/statements/new", data={
        **smuggled(world), "title": "Smuggled statement", "body": "Stop pushbacks.",
        "language": "en", "tags": ""})
    assert response.status_code == 302
    statement = db.session.scalar(select(Statement).order_by(Statement.id.desc()))
    assert statement.status is StatementStatus.DRAFTING
    assert statement.org_id == world["org"].id and statement.author_id == world["member"].id


def test_new_note_is_a_draft_of_its_author(client, make):
    world = people(make)
    login(client, world["member"])
    before = db.session.scalar(select(Note.id).order_by(Note.id.desc())) or 0
    form = {**smuggled(world), **note_form()}
    response = client.post("/notes/new", data=form)
    assert response.status_code == 302
    note = db.session.scalar(select(Note).where(Note.id > before))
    assert note.status is NoteStatus.DRAFT
    assert note.author_id == world["member"].id


def test_organisation_profile_ignores_ids_and_flags(client, make):
    world = people(make)
    org = world["org"]
    login(client, world["org_admin"])
    slug = org.slug
    response = client.post(f"/organisations/{slug}/edit", data={
        **smuggled(world), "name": "Renamed Collective", "short_name": "RC", "city": "Niš",
        "website": "", "contact_email": "", "description": "", "is_listed": "y",
        "slug": "hijacked", "logo_id": "1"})
    assert response.status_code == 302
    db.session.refresh(org)
    assert org.name == "Renamed Collective" and org.slug == slug and org.logo_id is None
    assert db.session.get(Organisation, world["other_org"].id).name != "Renamed Collective"
    db.session.refresh(world["org_admin"])
    assert world["org_admin"].role is Role.ORG_ADMIN
