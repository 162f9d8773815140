"""Deleting one's own account.

The account row is deleted; the database then removes what is only theirs
(sessions, notifications, preferences, tokens, registrations, calendar feed)
and detaches them from what belongs to their organisation (statements,
events, signatures, comments, files: kept, without their name). Unpublished
notes are erased first: their raw text must not outlive its author's
account. The audit log keeps the account's number, not its name.
"""

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from .. import audit
from ..accounts.models import Role, User
from ..accounts.passwords import verify_password
from ..accounts.services import verify_second_factor
from ..db import db
from ..errors import ServiceError
from ..notes.models import UNPUBLISHED, Note
from ..notify.models import OutboxMessage


def _other_active(role: Role, org_id: int | None, user: User) -> int:
    query = select(func.count()).select_from(User).where(User.role == role, User.active,
                                                         User.id != user.id)
    if org_id is not None:
        query = query.where(User.org_id == org_id)
    return db.session.scalar(query) or 0


def check_can_delete(user: User) -> None:
    """Nobody leaves an organisation or the platform without an admin."""
    if user.role is Role.ADMIN and not _other_active(Role.ADMIN, None, user):
        raise ServiceError(_("You are the only platform admin. Make someone else an admin "
                             "before you delete your account."))
    if user.role is Role.ORG_ADMIN and user.org.is_active:
        colleagues = db.session.scalar(select(func.count()).select_from(User).where(
            User.org_id == user.org_id, User.active, User.id != user.id)) or 0
        if colleagues and not _other_active(Role.ORG_ADMIN, user.org_id, user):
            raise ServiceError(_("You are the only admin of your organisation. Make a colleague "
                                 "an organisation admin before you delete your account."))


def delete_account(user: User, password: str, code: str = "") -> None:
    if not verify_password(user.password_hash, password):
        raise ServiceError(_("The password is not correct."), field="password")
    if user.two_factor_enabled and not verify_second_factor(user, code or ""):
        raise ServiceError(_("That code is not correct."), field="code")
    check_can_delete(user)
    drafts = db.session.scalars(select(Note).where(Note.author_id == user.id,
                                                   Note.status.in_(UNPUBLISHED))).all()
    for note in drafts:
        db.session.delete(note)
    # Mail not yet sent to this address would reach someone who left.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.to_address == user.email,
                                                   OutboxMessage.sent_at.is_(None)))
    audit.record(user, "account.deleted", user, erased_notes=len(drafts))
    db.session.delete(user)
    db.session.flush()
