"""Who may do what with a note, for every role, own and other organisation."""

import pytest

from rmn_portal.content import Visibility
from rmn_portal.permissions import Action, can

ROLES = ("author", "colleague", "own_org_admin", "other_member", "other_org_admin",
         "coordinator", "admin")


def _matrix(people, note, action):
    return {role: can(getattr(people, role), action, note) for role in ROLES}


def test_only_the_author_reads_and_edits_a_draft(people, notes):
    note = notes.draft()
    assert _matrix(people, note, Action.NOTE_READ) == {
        **dict.fromkeys(ROLES, False), "author": True}
    assert _matrix(people, note, Action.NOTE_EDIT) == {
        **dict.fromkeys(ROLES, False), "author": True}
    assert not can(None, Action.NOTE_READ, note)


def test_reviewers_are_coordinators_and_admins_of_other_organisations(people, notes):
    note = notes.in_review()
    assert _matrix(people, note, Action.NOTE_REVIEW) == {
        **dict.fromkeys(ROLES, False), "other_org_admin": True, "coordinator": True}
    assert _matrix(people, note, Action.NOTE_READ) == {
        **dict.fromkeys(ROLES, False), "author": True, "other_org_admin": True,
        "coordinator": True}


def test_only_an_approved_note_can_be_published_and_never_by_its_author(people, notes):
    in_review = notes.in_review()
    approved = notes.approved()
    assert not any(_matrix(people, in_review, Action.NOTE_PUBLISH).values())
    assert _matrix(people, approved, Action.NOTE_PUBLISH) == {
        **dict.fromkeys(ROLES, False), "other_org_admin": True, "coordinator": True}


def test_a_coordinator_never_reviews_their_own_note(people, notes):
    note = notes.approved(author=people.coordinator)
    assert not can(people.coordinator, Action.NOTE_REVIEW, note)
    assert not can(people.coordinator, Action.NOTE_PUBLISH, note)


@pytest.mark.parametrize(("visibility", "anonymous"), [(Visibility.PUBLIC, True),
                                                        (Visibility.NETWORK, False)])
def test_published_notes_follow_their_visibility(people, notes, visibility, anonymous):
    note = notes.published(visibility=visibility)
    assert can(None, Action.NOTE_READ, note) is anonymous
    assert all(_matrix(people, note, Action.NOTE_READ).values())
    assert not any(_matrix(people, note, Action.NOTE_EDIT).values())
    assert not any(_matrix(people, note, Action.NOTE_REVIEW).values())


def test_published_notes_are_deleted_by_author_own_org_admin_or_coordinator(people, notes):
    note = notes.published()
    assert _matrix(people, note, Action.NOTE_DELETE) == {
        **dict.fromkeys(ROLES, False), "author": True, "own_org_admin": True,
        "coordinator": True}


def test_rejected_notes_are_the_authors_alone(people, notes):
    from rmn_portal.notes import services

    note = notes.in_review()
    services.reject(people.coordinator, note, comment="Too identifying.")
    assert _matrix(people, note, Action.NOTE_READ) == {
        **dict.fromkeys(ROLES, False), "author": True}
    assert not any(_matrix(people, note, Action.NOTE_REVIEW).values())


def test_review_queue_lists_what_each_reviewer_may_review(client, people, notes):
    from ..factories import login

    note = notes.in_review()
    own = notes.in_review(author=people.other_member)  # the other organisation's note
    login(client, people.other_org_admin)
    page = client.get("/notes/review").get_data(as_text=True)
    assert f"/notes/{note.id}/review" in page and f"/notes/{own.id}/review" not in page
    client.post("/logout")
    login(client, people.author)
    assert client.get("/notes/review").status_code == 403


@pytest.mark.parametrize("path", ["/notes/new", "/notes/mine", "/notes/review"])
def test_private_pages_send_anonymous_visitors_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("path", ["/notes", "/notes/dashboard", "/notes/dashboard.csv",
                                  "/notes/feed.atom"])
def test_public_pages_open_without_signing_in(client, path):
    assert client.get(path).status_code == 200
