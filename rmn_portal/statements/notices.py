"""Who hears about what happens to a statement.

Each function picks the recipients (active accounts only, never the person
who acted) and sends one notification each through `notify.services`.
Titles are only passed to people who may read the statement, or who have
already read it (the signatories of a text that was set aside).
"""

from collections.abc import Iterable

from sqlalchemy import select

from ..accounts.models import Role, User
from ..db import db
from ..notify.services import notify
from ..orgs.models import Organisation
from ..permissions import Action, can


def statement_path(statement) -> str:
    # A plain path (not url_for): notices are also sent from the command line.
    return f"/statements/{statement.id}"


def _send(recipients: Iterable[User], kind: str, template: str, *, actor=None, url: str,
          **context) -> int:
    sent, seen = 0, set()
    for person in recipients:
        if person is None or not person.active or person.id in seen:
            continue
        if actor is not None and person.id == actor.id:
            continue
        seen.add(person.id)
        notify(person, kind, f"statements/email/{template}", url=url, actor=actor, **context)
        sent += 1
    return sent


def org_admins(exclude_org_ids: Iterable[int] = ()) -> list[User]:
    query = (select(User).join(User.org)
             .where(User.role == Role.ORG_ADMIN, User.active, Organisation.is_active)
             .order_by(User.id))
    excluded = list(exclude_org_ids)
    if excluded:
        query = query.where(User.org_id.not_in(excluded))
    return list(db.session.scalars(query))


def editor_invited(actor, statement, person) -> None:
    _send([person], "statements.invited", "invited", actor=actor,
          url=statement_path(statement), title=statement.title)


def comment_added(actor, statement, comment, *, mentioned: list[User],
                  participants: list[User]) -> None:
    url = f"{statement_path(statement)}#comment-{comment.id}"
    readers = [person for person in mentioned if can(person, Action.STATEMENT_READ, statement)]
    _send(readers, "statements.mention", "mention", actor=actor, url=url,
          title=statement.title)
    already = {person.id for person in readers}
    others = [person for person in participants if person.id not in already
              and can(person, Action.STATEMENT_READ, statement)]
    _send(others, "statements.comment", "comment", actor=actor, url=url,
          title=statement.title)


def signon_opened(actor, statement) -> int:
    return _send(org_admins(), "statements.signon_opened", "signon_opened", actor=actor,
                 url=statement_path(statement), title=statement.title,
                 deadline=statement.deadline)


def deadline_soon(statement, signed_org_ids: Iterable[int]) -> int:
    return _send(org_admins(signed_org_ids), "statements.deadline_soon", "deadline_soon",
                 url=statement_path(statement), title=statement.title,
                 deadline=statement.deadline)


def signon_closed(statement, count: int) -> int:
    leads = [editor.user for editor in statement.editors
             if can(editor.user, Action.STATEMENT_LEAD, statement)]
    return _send(leads, "statements.signon_closed", "signon_closed",
                 url=statement_path(statement), title=statement.title, count=count)


def signatures_set_aside(actor, statement, signatures, *, withdrawn: bool = False) -> int:
    """The statement went back to drafting (or was withdrawn): signatories
    may no longer read it, so the link points to the list of statements."""
    people = [signature.signed_by for signature in signatures]
    return _send(people, "statements.signature_set_aside", "signature_set_aside", actor=actor,
                 url="/statements", title=statement.title, withdrawn=withdrawn)


def published(actor, statement, signatures) -> int:
    people = [editor.user for editor in statement.editors]
    people += [signature.signed_by for signature in signatures]
    return _send(people, "statements.published", "published", actor=actor,
                 url=statement_path(statement), title=statement.title,
                 count=len(signatures))

