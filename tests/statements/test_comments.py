"""Threaded comments, paragraphs, resolving, and @-mentions."""

from sqlalchemy import select

from rmn_portal.db import db
from rmn_portal.notify.models import Notification
from rmn_portal.statements import comments
from rmn_portal.statements.models import Comment

from ..factories import login
from .conftest import draft, notifications


def test_a_comment_on_a_paragraph_with_a_reply_forms_a_thread(client, network):
    statement = draft(network)
    db.session.commit()
    login(client, network.editor)
    response = client.post(f"/statements/{statement.id}/comments", data={
        "body": "Can we say *who* investigates?", "paragraph": "3", "language": "en"})
    assert response.status_code == 302
    thread = db.session.scalar(select(Comment).where(Comment.statement_id == statement.id))
    assert (thread.paragraph, thread.excerpt) == (3, "We call for an independent investigation.")
    assert response.headers["Location"].endswith(f"#comment-{thread.id}")

    client.post("/logout")
    login(client, network.lead)
    client.post(f"/statements/{statement.id}/comments/reply",
                data={"parent": str(thread.id), "body": "An independent body, yes."})
    page = client.get(f"/statements/{statement.id}").get_data(as_text=True)
    assert "On paragraph 3" in page and "<em>who</em>" in page
    assert "An independent body, yes." in page
    [(root, replies)] = comments.threads(statement)
    assert root.id == thread.id and [r.body for r in replies] == ["An independent body, yes."]
    # The editor who started the thread hears about the reply; the author of
    # the reply does not hear about their own words.
    assert len(notifications(network.editor, "statements.comment")) == 1
    assert len(notifications(network.lead, "statements.comment")) == 1  # the first comment


def test_threads_are_resolved_and_reopened(client, network):
    statement = draft(network)
    thread = comments.add_comment(network.editor, statement, "Typo in paragraph 2.")
    db.session.commit()
    login(client, network.lead)
    url = f"/statements/{statement.id}/comments/{thread.id}"
    client.post(f"{url}/resolve")
    assert thread.resolved_at is not None and thread.resolved_by_id == network.lead.id
    page = client.get(f"/statements/{statement.id}").get_data(as_text=True)
    assert f"Resolved by {network.lead.name}" in page and "Reopen thread" in page
    client.post(f"{url}/reopen")
    assert thread.resolved_at is None

    client.post("/logout")
    login(client, network.outsider)  # cannot even see the draft
    assert client.post(f"{url}/resolve").status_code == 404
    assert thread.resolved_at is None


def test_mentioning_someone_notifies_them_once(client, network):
    statement = draft(network)
    db.session.commit()
    login(client, network.editor)
    client.post(f"/statements/{statement.id}/comments", data={
        "body": f"@{network.lead_admin.name.upper()} and @{network.outsider.name}: please look.",
        "paragraph": "0", "language": "en"})
    mention = notifications(network.lead_admin, "statements.mention")
    assert len(mention) == 1
    assert mention[0].title == f"{network.editor.name} mentioned you on “Stop pushbacks now”"
    assert mention[0].url.startswith(f"/statements/{statement.id}#comment-")
    # A mentioned person gets the mention, not also the general comment notice …
    assert notifications(network.lead_admin, "statements.comment") == []
    # … and nobody who may not read the draft is told about it.
    assert db.session.scalar(select(Notification).where(
        Notification.user_id == network.outsider.id)) is None


def test_a_name_must_end_at_a_word_boundary():
    assert comments._mentions("hi @ana demić!", "@ana demić")
    assert not comments._mentions("hi @ana demićka", "@ana demić")


def test_an_empty_comment_is_refused_beside_the_field(client, network):
    statement = draft(network)
    db.session.commit()
    login(client, network.editor)
    response = client.post(f"/statements/{statement.id}/comments",
                           data={"body": "   ", "paragraph": "0", "language": "en"})
    assert response.status_code == 422
    assert 'id="body-error"' in response.get_data(as_text=True)
    assert comments.threads(statement) == []


def test_comments_close_once_published_and_are_never_public(client, network):
    from .test_public import published

    statement = published(network)
    assert client.get(f"/statements/{statement.id}").status_code == 200
    login(client, network.admins[0])
    assert client.post(f"/statements/{statement.id}/comments", data={
        "body": "Late remark", "paragraph": "0", "language": "en"}).status_code == 403
