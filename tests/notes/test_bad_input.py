"""Bad input: a clear message or 403/404, and nothing changed."""

from datetime import date

import pytest
from sqlalchemy import func, select

from rmn_portal.notes.models import Note, NoteStatus

from ..factories import login
from .conftest import form_data


def _count(db_session) -> int:
    return db_session.scalar(select(func.count(Note.id)))


def test_narrative_over_ten_thousand_characters_is_refused(client, people, db_session):
    login(client, people.author)
    before = _count(db_session)
    response = client.post("/notes/new", data={**form_data(narrative="x" * 10_001),
                                               "save": "1"})
    assert response.status_code == 422
    assert "The narrative can have at most 10000 characters." in response.get_data(as_text=True)
    assert _count(db_session) == before


def test_ten_thousand_characters_with_windows_line_breaks_are_accepted(client, people,
                                                                       db_session):
    login(client, people.author)
    text = ("a" * 98 + "\r\n") * 100  # 10,000 characters once line breaks count as one
    response = client.post("/notes/new", data={**form_data(narrative=text[:-2]), "save": "1"})
    assert response.status_code == 302


def test_unknown_category_is_refused(client, people, db_session):
    login(client, people.author)
    before = _count(db_session)
    response = client.post("/notes/new", data={**form_data(categories=["weather"]),
                                               "save": "1"})
    assert response.status_code == 422
    assert "Choose one of the listed values." in response.get_data(as_text=True)
    assert _count(db_session) == before


@pytest.mark.parametrize("field", ["age_band", "origin_region", "region", "urgency"])
def test_unknown_values_of_other_lists_are_refused(client, people, db_session, field):
    login(client, people.author)
    response = client.post("/notes/new", data={**form_data(), field: "atlantis", "save": "1"})
    assert response.status_code == 422
    assert _count(db_session) == 0


def test_a_town_is_not_a_region(client, people, db_session):
    login(client, people.author)
    response = client.post("/notes/new", data={**form_data(region="serbia"), "save": "1"})
    assert response.status_code == 422  # coarse values are for reviewers only


def test_period_in_the_future_is_refused(client, people, db_session):
    login(client, people.author)
    next_year = date.today().year + 1
    response = client.post("/notes/new", data={**form_data(), "period": f"{next_year}-01",
                                               "save": "1"})
    assert response.status_code == 422
    assert "The period cannot be in the future." in response.get_data(as_text=True)
    assert _count(db_session) == 0


@pytest.mark.parametrize("period", ["2026-13", "March", "2026-03-01", "-2026-03"])
def test_malformed_period_is_refused(client, people, db_session, period):
    login(client, people.author)
    response = client.post("/notes/new", data={**form_data(), "period": period, "save": "1"})
    assert response.status_code == 422
    assert "Enter a month as year-month" in response.get_data(as_text=True)


def test_control_characters_are_refused(client, people, db_session):
    login(client, people.author)
    response = client.post("/notes/new", data={**form_data(narrative="He\u202eeman"),
                                               "save": "1"})
    assert response.status_code == 422


def test_author_cannot_publish_their_own_note(client, people, notes, db_session):
    note = notes.approved()
    login(client, people.author)
    response = client.post(f"/notes/{note.id}/publish",
                           data={"version": note.version, "visibility": "public"})
    assert response.status_code == 403
    db_session.expire_all()
    assert db_session.get(Note, note.id).status is NoteStatus.APPROVED


def test_coordinator_who_wrote_the_note_cannot_approve_it(client, people, notes, db_session):
    note = notes.in_review(author=people.coordinator)
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/review",
                           data={"version": note.version, "approve": "1"})
    assert response.status_code == 403
    db_session.expire_all()
    assert db_session.get(Note, note.id).status is NoteStatus.IN_REVIEW


@pytest.mark.parametrize("who", ["colleague", "other_member", "admin"])
def test_approving_without_the_reviewer_role_is_refused(client, people, notes, db_session,
                                                        who):
    note = notes.in_review()
    login(client, getattr(people, who))
    response = client.post(f"/notes/{note.id}/review",
                           data={"version": note.version, "approve": "1"})
    assert response.status_code == 404  # they may not even see that the note exists
    db_session.expire_all()
    assert db_session.get(Note, note.id).status is NoteStatus.IN_REVIEW


def test_posting_to_the_publish_url_cannot_skip_review(client, people, notes, db_session):
    note = notes.in_review()
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/publish",
                           data={"version": note.version, "visibility": "public"})
    assert response.status_code == 403
    assert "Only an approved note can be published" in response.get_data(as_text=True)
    db_session.expire_all()
    note = db_session.get(Note, note.id)
    assert note.status is NoteStatus.IN_REVIEW and note.narrative is not None


def test_publishing_a_draft_directly_is_refused(client, people, notes, db_session):
    note = notes.draft()
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/publish", data={"visibility": "public"})
    assert response.status_code == 404
    db_session.expire_all()
    assert db_session.get(Note, note.id).status is NoteStatus.DRAFT


def test_publish_without_csrf_token_is_refused(client, people, notes, db_session):
    note = notes.approved()
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/publish", csrf=False,
                           data={"version": note.version, "visibility": "public"})
    assert response.status_code == 400
    db_session.expire_all()
    assert db_session.get(Note, note.id).status is NoteStatus.APPROVED


def test_unknown_visibility_is_refused(client, people, notes, db_session):
    note = notes.approved()
    login(client, people.coordinator)
    response = client.post(f"/notes/{note.id}/publish",
                           data={"version": note.version, "visibility": "organisation"})
    assert response.status_code == 422
    db_session.expire_all()
    assert db_session.get(Note, note.id).status is NoteStatus.APPROVED


def test_a_published_note_cannot_be_edited(client, people, notes, db_session):
    note = notes.published()
    login(client, people.author)
    response = client.post(f"/notes/{note.id}/edit", data={**form_data(), "save": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/notes/{note.id}")
    db_session.expire_all()
    assert db_session.get(Note, note.id).narrative is None


def test_not_personal_data_needs_a_reason(client, people, notes, db_session):
    note = notes.draft()
    login(client, people.author)
    response = client.post(f"/notes/{note.id}/edit", data={
        **form_data(), "version": note.version, "keep": "1",
        "keep_finding": "NAME|Farshad Rahimi", "keep_reason": ""})
    assert response.status_code == 422
    assert "Say why this is not personal data." in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Note, note.id).decisions == []


def test_unknown_note_is_404(client, people):
    login(client, people.coordinator)
    for path in ("/notes/999999", "/notes/999999/review", "/notes/999999/edit"):
        assert client.get(path).status_code == 404


def test_a_refused_first_save_leaves_no_note_behind(client, people, db_session):
    login(client, people.author)
    response = client.post("/notes/new", data={
        **form_data(), "keep": "1", "keep_finding": "NAME|Farshad Rahimi", "keep_reason": ""})
    assert response.status_code == 422
    assert "Say why this is not personal data." in response.get_data(as_text=True)
    assert _count(db_session) == 0
