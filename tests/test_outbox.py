"""E-mail goes through the outbox: queued with the action, delivered later."""

import socket
from email import message_from_bytes
from pathlib import Path

from sqlalchemy import select

from rmn_portal.db import db
from rmn_portal.notify.models import Notification, OutboxMessage
from rmn_portal.notify.services import deliver_pending, notify


def test_send_mail_delivers_to_the_file_backend_once(cli_app, make_committed_user):
    user = make_committed_user()
    runner = cli_app.test_cli_runner()
    with cli_app.test_request_context():
        notify(user, "test.kind", "notify/email/notification_test", url="/dashboard",
               headline="Hello")
        db.session.commit()
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "Sent 1 message(s)" in result.output
    files = list(Path(cli_app.config["MAIL_DIR"]).glob("*.eml"))
    assert len(files) == 1
    email = message_from_bytes(files[0].read_bytes())
    assert email["To"] == user.email
    assert email.get_content_type() == "text/plain"
    assert "http://localhost/dashboard" in email.get_payload(decode=True).decode()
    assert "http://localhost/account" in email.get_payload(decode=True).decode()
    assert "Sent 0 message(s)" in runner.invoke(args=["send-mail"]).output
    with cli_app.app_context():
        assert db.session.scalar(select(Notification.title)) == "Hello"


def test_failed_deliveries_are_retried_later(cli_app, make_committed_user):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cli_app.config["MAIL_URL"] = f"smtp://127.0.0.1:{port}?starttls=0"
    user = make_committed_user()
    with cli_app.test_request_context():
        notify(user, "test.kind", "notify/email/notification_test", headline="Hi")
        db.session.commit()
        sent, failed = deliver_pending()
        assert (sent, failed) == (0, 1)
        message = db.session.scalar(select(OutboxMessage))
        assert message.attempts == 1 and message.sent_at is None
        assert message.next_attempt_at is not None and "ConnectionRefused" in message.last_error
        assert deliver_pending() == (0, 0)  # not due yet
