"""The note's life through the real pages: draft, submit, review, publish."""

from rmn_portal.content import Visibility
from rmn_portal.notes.models import Note, NoteStatus, ReviewAction

from ..factories import login
from .conftest import RAW_NAME, RAW_PHONE, form_data


def _note(db_session, note_id) -> Note:
    db_session.expire_all()
    return db_session.get(Note, note_id)


def test_member_writes_checks_and_submits_a_note(client, people, db_session):
    login(client, people.author)
    response = client.post("/notes/new", data={**form_data(), "check": "1"})
    assert response.status_code == 302
    note_id = int(response.headers["Location"].split("/")[2])
    page = client.get(f"/notes/{note_id}/edit").get_data(as_text=True)
    # The name and the phone number are highlighted, the redacted version beside them.
    assert f'<mark class="finding finding-name">{RAW_NAME}' in page
    assert f'<mark class="finding finding-phone">{RAW_PHONE}' in page
    assert "[PHONE]" in page and "[NAME]" in page and "18–24" in page

    response = client.post(f"/notes/{note_id}/edit",
                           data={**form_data(), "version": _note(db_session, note_id).version,
                                 "submit": "1"})
    assert response.status_code == 302
    note = _note(db_session, note_id)
    assert note.status is NoteStatus.IN_REVIEW
    assert RAW_NAME not in note.redacted_narrative
    assert RAW_PHONE not in note.redacted_narrative
    assert note.finding_counts["NAME"] >= 1 and note.finding_counts["PHONE"] == 1
    assert [event.action for event in note.review_events] == [ReviewAction.SUBMITTED]


def test_reviewer_sees_only_the_redacted_text(client, people, notes):
    note = notes.in_review()
    login(client, people.coordinator)
    page = client.get(f"/notes/{note.id}/review")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "[NAME]" in text and "[PHONE]" in text
    assert RAW_NAME not in text and RAW_PHONE not in text


def test_coordinator_approves_and_publishes(client, people, notes, db_session):
    note = notes.in_review()
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/review",
                           data={"version": note.version, "approve": "1"})
    assert response.status_code == 302
    assert _note(db_session, note.id).status is NoteStatus.APPROVED
    note = _note(db_session, note.id)
    response = client.post(f"/notes/{note.id}/publish",
                           data={"version": note.version, "visibility": "network"})
    assert response.status_code == 302
    note = _note(db_session, note.id)
    assert note.status is NoteStatus.PUBLISHED
    assert note.visibility is Visibility.NETWORK
    assert note.narrative is None and note.extra_redactions is None
    assert "[NAME]" in note.redacted_narrative


def test_org_admin_of_another_organisation_may_review(client, people, notes, db_session):
    note = notes.in_review()
    login(client, people.other_org_admin)
    response = client.post(f"/notes/{note.id}/review",
                           data={"version": note.version, "approve": "1"})
    assert response.status_code == 302
    assert _note(db_session, note.id).status is NoteStatus.APPROVED


def test_org_admin_of_the_same_organisation_may_not_review(client, people, notes, db_session):
    note = notes.in_review()
    login(client, people.own_org_admin)
    assert client.get(f"/notes/{note.id}/review").status_code == 404
    response = client.post(f"/notes/{note.id}/review",
                           data={"version": note.version, "approve": "1"})
    assert response.status_code == 404
    assert _note(db_session, note.id).status is NoteStatus.IN_REVIEW


def test_return_needs_a_comment_and_reaches_the_author(client, people, notes, db_session,
                                                       outbox):
    note = notes.in_review()
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/review",
                           data={"version": note.version, "send_back": "1", "comment": ""})
    assert response.status_code == 422
    assert "Tell the author what to change." in response.get_data(as_text=True)
    assert _note(db_session, note.id).status is NoteStatus.IN_REVIEW

    response = client.post(f"/notes/{note.id}/review", data={
        "version": note.version, "send_back": "1", "comment": "Please remove the town."})
    assert response.status_code == 302
    assert _note(db_session, note.id).status is NoteStatus.RETURNED
    mail = outbox.messages(to=people.author.email)
    assert mail and "returned" in mail[-1].subject
    client.post("/logout")
    login(client, people.author)
    page = client.get(f"/notes/{note.id}/edit").get_data(as_text=True)
    assert "Please remove the town." in page and RAW_NAME in page


def test_edit_after_approval_sends_the_note_back_to_review(client, people, notes, db_session,
                                                           outbox):
    note = notes.approved()
    login(client, people.author)
    response = client.post(f"/notes/{note.id}/edit", data={
        **form_data(narrative="He needs a lawyer. Nothing else has changed."),
        "version": note.version, "save": "1"})
    assert response.status_code == 302
    note = _note(db_session, note.id)
    assert note.status is NoteStatus.IN_REVIEW and note.approved_at is None
    assert note.redacted_narrative == "He needs a lawyer. Nothing else has changed."
    assert note.review_events[-1].action is ReviewAction.RESUBMITTED
    told = outbox.messages(to=people.coordinator.email)
    assert "changed after your approval" in told[-1].subject


def test_reviewer_acting_on_an_old_version_is_stopped(client, people, notes, db_session):
    note = notes.in_review()
    seen_version = note.version
    login(client, people.author)
    client.post(f"/notes/{note.id}/edit", data={
        **form_data(narrative="A changed text."), "version": note.version, "save": "1"})
    client.post("/logout")
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/review",
                           data={"version": seen_version, "approve": "1"})
    assert response.status_code == 409
    assert "changed while you were reading it" in response.get_data(as_text=True)
    assert _note(db_session, note.id).status is NoteStatus.IN_REVIEW


def test_author_sees_a_conflict_when_two_windows_save(client, people, notes, db_session):
    note = notes.draft()
    old_version = note.version
    login(client, people.author)
    client.post(f"/notes/{note.id}/edit", data={
        **form_data(narrative="First window."), "version": old_version, "save": "1"})
    response = client.post(f"/notes/{note.id}/edit", data={
        **form_data(narrative="Second window."), "version": old_version, "save": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "changed in another window" in page
    assert "First window." in page and "Second window." in page
    assert _note(db_session, note.id).narrative == "First window."


def test_draft_can_be_saved_incomplete_but_not_submitted(client, people, db_session):
    login(client, people.author)
    data = {"narrative": "Only a first line.", "save": "1"}
    response = client.post("/notes/new", data=data)
    assert response.status_code == 302
    response = client.post("/notes/new", data={"narrative": "Only a first line.", "submit": "1"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count("Fill this in before submitting.") == 7


def test_author_deletes_a_draft(client, people, notes, db_session):
    note = notes.draft()
    login(client, people.author)
    assert client.post(f"/notes/{note.id}/delete").status_code == 302
    db_session.expire_all()
    assert db_session.get(Note, note.id) is None


def test_notifications_are_written_in_the_recipients_language(people, notes, outbox,
                                                              db_session):
    from rmn_portal.notes import services

    people.author.locale = "sr_Latn"
    note = notes.in_review()
    services.return_to_author(people.coordinator, note, comment="Uklonite grad.")
    db_session.flush()
    subject = outbox.messages(to=people.author.email)[-1].subject
    assert subject == f"Vaša beleška {note.id} je vraćena"


def test_pages_speak_serbian_in_both_scripts(client, notes):
    note = notes.published()
    client.set_cookie("rmn_lang", "sr_Latn")
    latin = client.get(f"/notes/{note.id}").get_data(as_text=True)
    assert "Bezbedan smeštaj" in latin and "Starosna grupa" in latin
    client.set_cookie("rmn_lang", "sr_Cyrl")
    cyrillic = client.get("/notes/dashboard").get_data(as_text=True)
    assert "Преглед потреба" in cyrillic


def test_a_concurrent_change_is_a_conflict_not_a_lost_update(app, people, notes, db_session):
    """Another request changed the row after this one loaded it: the UPDATE
    matches no row of the old version, and the reviewer sees a conflict."""
    from sqlalchemy import update

    from rmn_portal.errors import ServiceError
    from rmn_portal.notes import services

    note = notes.in_review()
    db_session.execute(update(Note).where(Note.id == note.id)
                       .values(version=Note.version + 1)
                       .execution_options(synchronize_session=False))  # behind the ORM's back
    try:
        with app.test_request_context():  # the refusal is worded in the reader's language
            services.approve(people.coordinator, note)
    except ServiceError as error:
        assert error.status == 409
    else:
        raise AssertionError("the stale approval went through")
