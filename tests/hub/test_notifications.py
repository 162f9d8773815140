"""The notification centre, preferences, immediate e-mail and digests."""

from datetime import timedelta

from sqlalchemy import select

from rmn_portal.db import db, utcnow
from rmn_portal.notify import services
from rmn_portal.notify.digests import send_digests
from rmn_portal.notify.models import EmailState, Frequency, Notification
from rmn_portal.statements.models import StatementStatus

from ..factories import login


def _notify(user, title="Something happened", kind="events.changed", url="/dashboard"):
    return services.notify(user, kind, "notify/email/notification_test", url=url, headline=title)


def test_immediate_email_has_plain_text_language_and_preferences_link(app, client, make, outbox):
    user = make.user(locale="sr_Latn")
    _notify(user)
    [message] = outbox.messages(to=user.email)
    assert message.body_html is None and message.body_text  # plain text
    assert "Poštovani/a" in message.body_text  # the recipient's language
    assert "http://localhost/account/notifications" in message.body_text
    assert "http://localhost/dashboard" in message.body_text


def test_preferences_decide_what_is_mailed(client, make, outbox):
    user = make.user()
    services.set_preferences(user, {"events.changed": Frequency.DAILY,
                                    "events.reminder": Frequency.NEVER})
    daily = _notify(user, kind="events.changed")
    never = _notify(user, kind="events.reminder")
    assert (daily.email_state, never.email_state) == (EmailState.PENDING, EmailState.SKIPPED)
    assert outbox.messages(to=user.email) == []
    assert services.unread_count(user) == 2  # both are in the centre all the same


def test_the_preferences_page_saves_each_kind(client, make):
    user = make.user()
    login(client, user)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "Reminders before events I go to" in page and "<label" in page
    response = client.post("/account/notifications", data={"kind-events-reminder": "weekly",
                                                            "kind-notes-approved": "never"})
    assert response.status_code == 302
    assert services.preference(user, "events.reminder") is Frequency.WEEKLY
    assert services.preference(user, "notes.approved") is Frequency.NEVER
    assert services.preference(user, "statements.mention") is Frequency.IMMEDIATELY
    bad = client.post("/account/notifications", data={"kind-events-reminder": "hourly"})
    assert bad.status_code == 422
    assert services.preference(user, "events.reminder") is Frequency.WEEKLY


def test_digest_groups_items_per_person_and_never_repeats(app, make, outbox):
    ana, bo = make.user(name="Ana"), make.user(name="Bo")
    for person in (ana, bo):
        services.set_preferences(person, {"events.changed": Frequency.DAILY,
                                          "statements.comment": Frequency.DAILY})
    _notify(ana, "Event moved", kind="events.changed")
    _notify(ana, "New comment", kind="statements.comment")
    _notify(bo, "Event moved for Bo", kind="events.changed")
    later = utcnow() + timedelta(days=1)
    with app.test_request_context():
        report = send_digests(now=later)
    assert (report.digests, report.items) == (2, 3)
    [for_ana] = outbox.messages(to=ana.email)
    assert for_ana.subject == "Your daily digest: 2 notifications"
    assert "Event moved" in for_ana.body_text and "New comment" in for_ana.body_text
    assert "== Events ==" in for_ana.body_text and "== Joint statements ==" in for_ana.body_text
    assert "Bo" not in for_ana.body_text
    assert "/account/notifications" in for_ana.body_text
    with app.test_request_context():
        again = send_digests(now=later + timedelta(days=2))
    assert again.digests == 0 and len(outbox.messages(to=ana.email)) == 1
    _notify(ana, "Another change", kind="events.changed")
    with app.test_request_context():
        send_digests(now=later + timedelta(days=3))
    newest = outbox.messages(to=ana.email)[-1]
    assert "Another change" in newest.body_text and "Event moved" not in newest.body_text


def test_a_daily_digest_waits_for_its_day_and_weekly_for_its_week(app, make, outbox):
    user = make.user()
    services.set_preferences(user, {"events.changed": Frequency.WEEKLY})
    _notify(user, "Weekly item")
    with app.test_request_context():
        assert send_digests(now=utcnow() + timedelta(days=2)).digests == 0
        assert send_digests(now=utcnow() + timedelta(days=7)).digests == 1
    assert outbox.messages(to=user.email)[0].subject.startswith("Your weekly digest")


def test_digests_leave_out_what_the_person_may_no_longer_see(app, make, outbox):
    from rmn_portal.statements import services as statements

    author = make.user()
    outsider = make.user()  # another organisation
    statement = statements.create_statement(author, title="Still drafting", body="Text",
                                            language="en")
    statement.set_status(StatementStatus.OPEN)  # network-visible while open
    db.session.flush()
    services.set_preferences(outsider, {"statements.signon_opened": Frequency.DAILY})
    _notify(outsider, "Open for signature: Still drafting", kind="statements.signon_opened",
            url=f"/statements/{statement.id}")
    statement.set_status(StatementStatus.DRAFTING)  # back to its team only
    db.session.flush()
    with app.test_request_context():
        report = send_digests(now=utcnow() + timedelta(days=1))
    assert (report.digests, report.skipped) == (0, 1)
    assert outbox.messages(to=outsider.email) == []
    item = db.session.scalar(select(Notification).where(Notification.user_id == outsider.id))
    assert item.email_state is EmailState.SKIPPED


def test_digest_is_in_the_recipients_language(app, make, outbox):
    user = make.user(locale="sr_Cyrl")
    services.set_preferences(user, {"events.changed": Frequency.DAILY})
    _notify(user, "Izmena")
    with app.test_request_context():
        send_digests(now=utcnow() + timedelta(days=1))
    [message] = outbox.messages(to=user.email)
    assert message.subject.startswith("Ваш дневни преглед")


def test_send_digests_command(cli_app, make_committed_user):
    user = make_committed_user()
    with cli_app.test_request_context():
        services.set_preferences(user, {"events.changed": Frequency.DAILY})
        item = _notify(user)
        item.created_at = utcnow() - timedelta(days=1)
        db.session.commit()
    result = cli_app.test_cli_runner().invoke(args=["send-digests"])
    assert result.exit_code == 0, result.output
    assert "Queued 1 digest(s) with 1 notification(s)" in result.output
    again = cli_app.test_cli_runner().invoke(args=["send-digests"])
    assert "Queued 0 digest(s)" in again.output


def test_the_centre_lists_marks_and_protects(client, make):
    user, other = make.user(), make.user()
    mine = _notify(user, "For you", url="/events")
    theirs = _notify(other, "Not for you")
    login(client, user)
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'class="nav-count">1' in page  # the unread count in the header
    centre = client.get("/notifications").get_data(as_text=True)
    assert "For you" in centre and "Not for you" not in centre
    assert client.get(f"/notifications/{theirs.id}").status_code == 404
    opened = client.get(f"/notifications/{mine.id}")
    assert opened.status_code == 302 and opened.headers["Location"] == "/events"
    assert services.unread_count(user) == 0 and services.unread_count(other) == 1
    _notify(user, "Second")
    assert client.post("/notifications/read").status_code == 302
    assert services.unread_count(user) == 0


def test_a_notification_never_redirects_off_site(client, make):
    user = make.user()
    item = _notify(user, url="https://evil.example/")
    login(client, user)
    assert client.get(f"/notifications/{item.id}").headers["Location"] == "/notifications"
