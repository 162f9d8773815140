"""The author's preview: findings highlighted, the redacted version beside
them, extra redactions and "not personal data" with a reason."""

import re

from rmn_portal.audit import AuditEvent
from rmn_portal.notes.models import Note

from ..factories import login
from .conftest import RAW_NAME, form_data


def _edit(client, note_id) -> str:
    return client.get(f"/notes/{note_id}/edit").get_data(as_text=True)


def test_check_without_javascript_shows_both_versions(client, people, db_session):
    login(client, people.author)
    response = client.post("/notes/new", data={**form_data(), "check": "1"})
    assert response.headers["Location"].endswith("#preview")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    highlighted = page.split('data-testid="highlighted">')[1].split("</div>")[0]
    redacted = page.split('data-testid="redacted">')[1].split("</div>")[0]
    assert RAW_NAME in highlighted and "24 years old" in highlighted
    assert RAW_NAME not in redacted and "[NAME]" in redacted and "[PHONE]" in redacted
    assert "[aged 18–24]" in redacted
    assert "Belgrade region" in redacted  # Krnjača became its region


def test_extra_redaction_removes_every_occurrence(client, people, db_session):
    login(client, people.author)
    data = form_data(narrative="The Sunflower house was full. Sunflower staff said no.",
                     extra_redactions=["sunflower"])
    response = client.post("/notes/new", data={**data, "check": "1"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    redacted = page.split('data-testid="redacted">')[1].split("</div>")[0]
    assert "Sunflower" not in redacted
    assert redacted.count("[REDACTED]") == 2


def test_keeping_a_finding_needs_a_reason_and_shows_it_to_the_reviewer(client, people,
                                                                       db_session):
    login(client, people.author)
    data = form_data(narrative="The project Nada gave food packages to 30 people.")
    response = client.post("/notes/new", data={**data, "check": "1"})
    note_id = int(response.headers["Location"].split("/")[2])
    page = _edit(client, note_id)
    assert '<option value="NAME|Nada">Nada (name)</option>' in page
    note = db_session.get(Note, note_id)
    response = client.post(f"/notes/{note_id}/edit", data={
        **data, "version": note.version, "keep": "1", "keep_finding": "NAME|Nada",
        "keep_reason": "It is the name of a food project"})
    assert response.status_code == 302
    page = _edit(client, note_id)
    redacted = page.split('data-testid="redacted">')[1].split("</div>")[0]
    assert "The project Nada gave" in redacted
    assert "It is the name of a food project" in page
    note = db_session.get(Note, note_id)
    client.post(f"/notes/{note_id}/edit", data={**data, "version": note.version, "submit": "1"})
    client.post("/logout")
    login(client, people.coordinator)
    review = client.get(f"/notes/{note_id}/review").get_data(as_text=True)
    assert "It is the name of a food project" in review


def test_undoing_a_kept_finding_redacts_it_again(client, people, notes, db_session):
    from rmn_portal.notes import services

    note = notes.draft(narrative="The project Nada gave food packages.")
    services.keep_finding(people.author, note, "Nada", "NAME", "A project, not a person")
    db_session.flush()
    login(client, people.author)
    response = client.post(f"/notes/{note.id}/decisions/{note.decisions[0].id}/undo")
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Note, note.id).decisions == []


def test_live_preview_renders_without_storing(client, people, db_session):
    login(client, people.author)
    response = client.post("/notes/preview", data={"narrative": f"We will call {RAW_NAME} today."})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<mark class="finding finding-name">{RAW_NAME}' in html
    assert db_session.query(Note).count() == 0


def test_live_preview_needs_csrf_and_a_signed_in_author(client, people, notes):
    note = notes.draft()
    assert client.post("/notes/preview", data={"narrative": "x"}).status_code == 302
    login(client, people.colleague)
    assert client.post("/notes/preview", data={"narrative": "x"}, csrf=False).status_code == 400
    response = client.post("/notes/preview", data={"narrative": "x", "note_id": note.id})
    assert response.status_code == 404  # someone else's draft


def test_user_text_is_escaped_in_the_preview(client, people, db_session):
    login(client, people.author)
    response = client.post("/notes/preview",
                           data={"narrative": "<script>alert(1)</script> Farshad Rahimi"})
    html = response.get_data(as_text=True)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_every_view_of_a_draft_is_audited_without_content(client, people, notes, db_session):
    note = notes.in_review()
    login(client, people.author)
    client.get(f"/notes/{note.id}/edit")
    client.post("/logout")
    login(client, people.coordinator)
    client.get(f"/notes/{note.id}/review")
    views = db_session.query(AuditEvent).filter_by(action="notes.draft_viewed",
                                                   object_id=str(note.id)).all()
    assert [(v.actor_id, v.details["page"]) for v in views] == [
        (people.author.id, "edit"), (people.coordinator.id, "review")]
    for entry in db_session.query(AuditEvent).all():
        assert "Farshad" not in str(entry.details)


def test_the_page_works_without_inline_script_or_style(client, people):
    login(client, people.author)
    page = client.get("/notes/new").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page


def test_raw_text_fields_are_not_sent_to_cloud_spellcheckers(client, people):
    login(client, people.author)
    page = client.get("/notes/new").get_data(as_text=True)
    for field_id in ("narrative", "extra_redactions"):
        tag = re.search(rf'<textarea[^>]*id="{field_id}"[^>]*>', page).group(0)
        assert 'spellcheck="false"' in tag and 'autocomplete="off"' in tag
