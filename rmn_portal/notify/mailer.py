"""Mail transports: a file or console backend for local runs and tests, SMTP in production."""

import smtplib
import ssl
import sys
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit


class MailDeliveryError(Exception):
    pass


def build_email(message, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].rstrip(">"))
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


class FileMailer:
    """Writes each message as an .eml file under the instance's mail folder."""

    def __init__(self, directory: str, sender: str):
        self.directory = Path(directory)
        self.sender = sender

    def send(self, message) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{message.id:08d}.eml"
        path.write_bytes(bytes(build_email(message, self.sender)))


class ConsoleMailer:
    def __init__(self, sender: str):
        self.sender = sender

    def send(self, message) -> None:
        sys.stdout.write(build_email(message, self.sender).as_string() + "\n")


class SmtpMailer:
    def __init__(self, url: str, sender: str):
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if parts.scheme == "smtps" else 587)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.implicit_tls = parts.scheme == "smtps"
        self.starttls = not self.implicit_tls and query.get("starttls", ["1"])[0] != "0"
        self.sender = sender

    def send(self, message) -> None:
        context = ssl.create_default_context()
        try:
            if self.implicit_tls:
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=30, context=context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=30)
            with client:
                if self.starttls:
                    client.starttls(context=context)
                if self.username:
                    client.login(self.username, self.password or "")
                client.send_message(build_email(message, self.sender))
        except (OSError, smtplib.SMTPException) as error:
            raise MailDeliveryError(f"{type(error).__name__}: {error}") from error


def mailer_from_url(url: str, config):
    sender = config["MAIL_FROM"]
    if url == "file":
        return FileMailer(config["MAIL_DIR"], sender)
    if url == "console":
        return ConsoleMailer(sender)
    if url.startswith(("smtp://", "smtps://")):
        return SmtpMailer(url, sender)
    raise ValueError("RMN_MAIL_URL must be 'file', 'console', smtp://… or smtps://…")
