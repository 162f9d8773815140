"""Who hears about what happens to a statement.

Each function picks the recipients (active accounts only, never the person
who acted) and sends one notification each through `notify.services`.
Titles are only passed to people who may read the statement, or who have
already read it (the signatories of a text that was set aside).

Messages are lazy strings: `notify` renders them inside the recipient's
language, so each person reads them in their own (dates included).
"""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_babel.speaklater import LazyString
from sqlalchemy import select

from ..accounts.models import Role, User
from ..db import db
from ..notify.services import notify
from ..orgs.models import Organisation
from ..permissions import Action, can
from .filters import format_day


def statement_path(statement) -> str:
    # A plain path (not url_for): notices are also sent from the command line.
    return f"/statements/{statement.id}"


def _send(recipients: Iterable[User], kind: str, subject, body, *, actor=None,
          url: str) -> int:
    sent, seen = 0, set()
    for person in recipients:
        if person is None or not person.active or person.id in seen:
            continue
        if actor is not None and person.id == actor.id:
            continue
        seen.add(person.id)
        notify(person, kind, "statements/email/notice", url=url, subject=subject, body=body)
        sent += 1
    return sent


def _name(actor) -> str:
    return actor.name if actor is not None else "—"


def _day(value) -> LazyString:
    return LazyString(format_day, value)


def org_admins(exclude_org_ids: Iterable[int] = ()) -> list[User]:
    query = (select(User).join(User.org)
             .where(User.role == Role.ORG_ADMIN, User.active, Organisation.is_active)
             .order_by(User.id))
    excluded = list(exclude_org_ids)
    if excluded:
        query = query.where(User.org_id.not_in(excluded))
    return list(db.session.scalars(query))


def editor_invited(actor, statement, person) -> None:
    title, name = statement.title, _name(actor)
    _send([person], "statements.invited",
          _l("You are invited to edit the statement “%(title)s”", title=title),
          _l("%(name)s invited you to draft the joint statement “%(title)s” with them. You "
             "can now edit its text, add translations and comment.", name=name, title=title),
          actor=actor, url=statement_path(statement))


def comment_added(actor, statement, comment, *, mentioned: list[User],
                  participants: list[User]) -> None:
    url = f"{statement_path(statement)}#comment-{comment.id}"
    title, name = statement.title, _name(actor)
    readers = [person for person in mentioned if can(person, Action.STATEMENT_READ, statement)]
    _send(readers, "statements.mention",
          _l("%(name)s mentioned you on “%(title)s”", name=name, title=title),
          _l("%(name)s mentioned you in a comment on the statement “%(title)s”. Open the "
             "statement to read it and reply.", name=name, title=title),
          actor=actor, url=url)
    already = {person.id for person in readers}
    others = [person for person in participants if person.id not in already
              and can(person, Action.STATEMENT_READ, statement)]
    _send(others, "statements.comment",
          _l("New comment on “%(title)s”", title=title),
          _l("%(name)s commented on the statement “%(title)s”. Open the statement to read "
             "it and reply.", name=name, title=title),
          actor=actor, url=url)


def signon_opened(actor, statement) -> int:
    title, date = statement.title, _day(statement.deadline)
    return _send(
        org_admins(), "statements.signon_opened",
        _l("Open for signature: “%(title)s”", title=title),
        _l("The joint statement “%(title)s” is open for signature until the end of %(date)s. "
           "As an organisation admin you decide whether your organisation signs it.",
           title=title, date=date),
        actor=actor, url=statement_path(statement))


def deadline_soon(statement, signed_org_ids: Iterable[int]) -> int:
    title, date = statement.title, _day(statement.deadline)
    return _send(
        org_admins(signed_org_ids), "statements.deadline_soon",
        _l("Two days left to sign “%(title)s”", title=title),
        _l("Sign-on for the joint statement “%(title)s” closes at the end of %(date)s, and "
           "your organisation has not signed yet. If you want to sign, please do it before "
           "then.", title=title, date=date),
        url=statement_path(statement))


def signon_closed(statement, count: int) -> int:
    leads = [editor.user for editor in statement.editors
             if can(editor.user, Action.STATEMENT_LEAD, statement)]
    title = statement.title
    return _send(
        leads, "statements.signon_closed",
        _l("Sign-on closed: “%(title)s”", title=title),
        lazy_ngettext("Sign-on for “%(title)s” closed at its deadline with %(num)d "
                      "signature. You can now publish the statement.",
                      "Sign-on for “%(title)s” closed at its deadline with %(num)d "
                      "signatures. You can now publish the statement.", count, title=title),
        url=statement_path(statement))


def signatures_set_aside(actor, statement, signatures, *, withdrawn: bool = False) -> int:
    """The statement went back to drafting (or was withdrawn): signatories
    may no longer read it, so the link points to the list of statements."""
    title, name = statement.title, _name(actor)
    if withdrawn:
        body = _l("%(name)s withdrew the statement “%(title)s”: it will not be published, "
                  "and the signature you gave for your organisation no longer counts.",
                  name=name, title=title)
    else:
        body = _l("%(name)s re-opened the statement “%(title)s” to change its text, so the "
                  "signature you gave for your organisation no longer counts. If the "
                  "statement is opened for signature again, you will be told, and you can "
                  "sign the new text.", name=name, title=title)
    return _send([signature.signed_by for signature in signatures],
                 "statements.signature_set_aside",
                 _l("Your signature under “%(title)s” has been set aside", title=title), body,
                 actor=actor, url="/statements")


def published(actor, statement, signatures) -> int:
    people = [editor.user for editor in statement.editors]
    people += [signature.signed_by for signature in signatures]
    title = statement.title
    return _send(
        people, "statements.published",
        _l("Published: “%(title)s”", title=title),
        lazy_ngettext("The joint statement “%(title)s” has been published with %(num)d "
                      "signatory organisation.",
                      "The joint statement “%(title)s” has been published with %(num)d "
                      "signatory organisations.", len(signatures), title=title),
        actor=actor, url=statement_path(statement))
