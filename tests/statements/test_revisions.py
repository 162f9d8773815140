"""Revisions only when the text changes, history, restore, and no lost edits."""

import re

import pytest
from sqlalchemy import func, select

from rmn_portal.db import db
from rmn_portal.statements import services
from rmn_portal.statements.models import Revision, StatementText

from ..factories import login
from .conftest import draft


def revision_count(text) -> int:
    return db.session.scalar(select(func.count()).select_from(Revision)
                             .where(Revision.text_id == text.id))


def edit_form(client, statement_id) -> dict:
    page = client.get(f"/statements/{statement_id}/edit").get_data(as_text=True)
    base = re.search(r'name="base_revision" type="hidden" value="(\d+)"', page)
    assert base, page[:3000]
    title = re.search(r'id="title"[^>]*value="([^"]*)"', page).group(1)
    return {"base_revision": base.group(1), "title": title}


def test_a_save_with_changes_makes_a_revision_and_one_without_makes_none(client, network):
    statement = draft(network)
    text = statement.original
    assert revision_count(text) == 1
    db.session.commit()
    login(client, network.editor)

    same = client.post(f"/statements/{statement.id}/edit",
                       data={"base_revision": "1", "title": text.title, "body": text.body})
    assert same.status_code == 302
    assert revision_count(text) == 1

    changed = client.post(f"/statements/{statement.id}/edit", data={
        "base_revision": "1", "title": text.title, "body": text.body + "\n\nA new paragraph.",
        "summary": "Added a closing line"}, follow_redirects=True)
    assert changed.status_code == 200
    assert "Saved as revision 2." in changed.get_data(as_text=True)
    latest = services.revision(text, 2)
    assert latest.author_id == network.editor.id
    assert latest.summary == "Added a closing line"
    assert latest.body.endswith("A new paragraph.")
    assert text.revision_number == 2 and revision_count(text) == 2


def test_revisions_are_immutable(network):
    statement = draft(network)
    first = services.revision(statement.original, 1)
    first.body = "rewritten history"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()


def test_history_lists_revisions_and_compare_shows_a_word_diff(client, network):
    statement = draft(network, body="The police pushed people back.")
    text = statement.original
    services.save_text(network.editor, text, base_number=1, title=text.title,
                       body="The border police violently pushed people back.",
                       summary="More precise")
    db.session.commit()
    login(client, network.lead)
    history = client.get(f"/statements/{statement.id}/history").get_data(as_text=True)
    assert "More precise" in history and "Edin Editor" in history and "Lena Lead" in history

    page = client.get(f"/statements/{statement.id}/compare?from=1&to=2")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert re.search(r"<ins><span class=\"visually-hidden\">inserted: </span>"
                     r"<span class=\"diff-bracket\" aria-hidden=\"true\">\{\+</span>border",
                     html)
    assert "2 words inserted, 0 words deleted." in html
    assert client.get(f"/statements/{statement.id}/compare?from=1&to=9").status_code == 404


def test_restoring_an_old_revision_makes_a_new_one(client, network):
    statement = draft(network, body="Version one.")
    text = statement.original
    services.save_text(network.lead, text, base_number=1, title=text.title, body="Version two.")
    db.session.commit()
    login(client, network.editor)
    first = services.revision(text, 1)

    stale = client.post(f"/statements/{statement.id}/revisions/{first.id}/restore",
                        data={"base": "1"})
    assert stale.status_code == 409
    assert "The text changed while you were looking" in stale.get_data(as_text=True)
    assert text.revision_number == 2

    response = client.post(f"/statements/{statement.id}/revisions/{first.id}/restore",
                           data={"base": "2"}, follow_redirects=True)
    assert "Revision 1 restored as revision 3." in response.get_data(as_text=True)
    third = services.revision(text, 3)
    assert (third.body, third.restored_from, third.author_id) == ("Version one.", 1,
                                                                  network.editor.id)
    assert text.body == "Version one."
    assert services.revision(text, 2).body == "Version two."  # history kept


def test_two_editors_saving_from_the_same_revision_get_a_conflict_not_a_loss(
        app, client, network):
    statement = draft(network, body="Pushbacks must stop.\n\nWe call for action.")
    db.session.commit()
    first, second = client, app.test_client()
    login(first, network.lead)
    login(second, network.editor)
    form_one, form_two = edit_form(first, statement.id), edit_form(second, statement.id)
    assert form_one["base_revision"] == form_two["base_revision"] == "1"

    saved = first.post(f"/statements/{statement.id}/edit", data={
        **form_one, "body": "Violent pushbacks must stop.\n\nWe call for action."})
    assert saved.status_code == 302

    mine = "Pushbacks must stop.\n\nWe call for an independent investigation."
    conflict = second.post(f"/statements/{statement.id}/edit", data={**form_two, "body": mine})
    assert conflict.status_code == 409
    page = conflict.get_data(as_text=True)
    assert "Someone else saved this text while you were editing" in page
    # The editor's own text is kept in the form …
    assert "We call for an independent investigation.</textarea>" in page
    # … the other change is shown as a diff, and the saved text can be copied.
    assert re.search(r"<ins>.*?Violent", page, re.S)
    assert "Violent pushbacks must stop." in page
    # The next save is based on the revision that is now current.
    assert 'name="base_revision" type="hidden" value="2"' in page
    text = statement.original
    db.session.refresh(text)
    assert text.revision_number == 2 and text.body.startswith("Violent")

    merged = "Violent pushbacks must stop.\n\nWe call for an independent investigation."
    done = second.post(f"/statements/{statement.id}/edit", data={
        **form_two, "base_revision": "2", "body": merged, "summary": "Merged"})
    assert done.status_code == 302
    db.session.refresh(text)
    assert text.revision_number == 3 and text.body == merged
    assert [r.author_id for r in services.history(text)] == [network.editor.id, network.lead.id,
                                                             network.lead.id]


def test_the_version_check_refuses_a_concurrent_save_in_the_database(network):
    """Even if two requests pass the revision check at the same moment, the
    database lets only one of them write the next revision."""
    statement = draft(network, body="Original.")
    text = statement.original
    db.session.flush()
    # Another request saved revision 2 behind this session's back.
    db.session.execute(Revision.__table__.insert().values(
        text_id=text.id, number=2, title=text.title, body="Theirs.", summary="",
        created_at=text.updated_at))
    db.session.execute(StatementText.__table__.update().where(StatementText.id == text.id)
                       .values(body="Theirs.", revision_number=2))
    assert text.revision_number == 1  # what this request still believes
    with pytest.raises(services.EditConflict) as conflict:
        services.save_text(network.lead, text, base_number=1, title=text.title, body="Mine.")
    assert conflict.value.status == 409
    assert revision_count(text) == 2
    assert (text.revision_number, text.body) == (2, "Theirs.")


def test_a_frozen_text_cannot_be_edited(client, network):
    from .conftest import open_statement

    statement = open_statement(network)
    db.session.commit()
    login(client, network.lead)
    page = client.get(f"/statements/{statement.id}/edit", follow_redirects=True)
    assert "The text is frozen" in page.get_data(as_text=True)
    # Frozen while someone was typing: refused, and their words come back.
    response = client.post(f"/statements/{statement.id}/edit", data={
        "base_revision": "1", "title": "Changed", "body": "My careful rewording."})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "The text is frozen" in html and "My careful rewording.</textarea>" in html
    assert statement.original.title == "Stop pushbacks now"
    with pytest.raises(services.ServiceError, match="frozen"):
        services.save_text(network.lead, statement.original, base_number=1, title="x", body="y")


def test_only_the_team_may_edit(client, network):
    statement = draft(network)
    db.session.commit()
    login(client, network.outsider)
    assert client.get(f"/statements/{statement.id}/edit").status_code == 404
    assert client.post(f"/statements/{statement.id}/edit", data={
        "base_revision": "1", "title": "Hijack", "body": "Hijacked."}).status_code == 404
    assert statement.original.title == "Stop pushbacks now"


def test_the_conflict_page_offers_both_changes_when_they_fit_together(app, client, network):
    statement = draft(network, body="Pushbacks must stop.\n\nWe call for action.")
    text = statement.original
    services.save_text(network.lead, text, base_number=1, title=text.title,
                       body="Violent pushbacks must stop.\n\nWe call for action.")
    db.session.commit()
    login(client, network.editor)
    mine = "Pushbacks must stop.\r\n\r\nWe call for action.\r\n\r\nNow."  # as browsers send it
    conflict = client.post(f"/statements/{statement.id}/edit", data={
        "base_revision": "1", "title": text.title, "body": mine})
    assert conflict.status_code == 409
    page = conflict.get_data(as_text=True)
    assert "Your changes and theirs fit together" in page
    combined = re.search(r'<input type="hidden" name="body" value="([^"]*)"', page).group(1)
    assert combined == "Violent pushbacks must stop.\n\nWe call for action.\n\nNow."
    saved = client.post(f"/statements/{statement.id}/edit", data={
        "base_revision": "2", "title": text.title, "body": combined})
    assert saved.status_code == 302
    db.session.refresh(text)
    assert (text.revision_number, text.body) == (3, combined)


def test_line_endings_from_browsers_are_no_change(client, network):
    statement = draft(network, body="One.\n\nTwo.")
    db.session.commit()
    login(client, network.lead)
    client.post(f"/statements/{statement.id}/edit", data={
        "base_revision": "1", "title": statement.title, "body": "One.\r\n\r\nTwo.\r\n"})
    assert revision_count(statement.original) == 1
