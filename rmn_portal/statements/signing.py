"""The sign-on workflow: drafting → open for signature → published → archived,
or withdrawn. Each transition is one function here; the status only changes
through them.

Opening freezes the texts (each text's revision and a SHA-256 of all of them
are recorded); organisation admins sign for their own organisation until the
deadline; re-opening drafting sets every signature aside.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..db import db, utcnow
from ..errors import ServiceError
from ..orgs.models import Organisation
from ..permissions import Action, can
from . import notices
from .models import Revision, Signature, SignOn, Statement, StatementStatus
from .text import bundle_sha256, text_sha256

REMINDER_BEFORE = timedelta(hours=48)
LONGEST_SIGN_ON = timedelta(days=366)


def _refuse(message: str, field: str | None = None, status: int = 400):
    raise ServiceError(message, field=field, status=status)


def _require_lead(actor, statement: Statement) -> None:
    if not can(actor, Action.STATEMENT_LEAD, statement):
        _refuse(_("Only the lead of this statement can do that."), status=403)


def network_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["DEFAULT_TIMEZONE"])


def closing_time(deadline: date) -> datetime:
    """Sign-on stays open through the whole deadline day, network time."""
    local_midnight = datetime.combine(deadline + timedelta(days=1), time(), network_zone())
    return local_midnight.astimezone(UTC)


def current_sign_on(statement: Statement) -> SignOn | None:
    return db.session.scalar(
        select(SignOn).where(SignOn.statement_id == statement.id, SignOn.set_aside_at.is_(None))
        .order_by(SignOn.number.desc()).limit(1))


def active_signatures(sign_on: SignOn | None) -> list[Signature]:
    if sign_on is None:
        return []
    return list(db.session.scalars(
        select(Signature).join(Signature.org)
        .where(Signature.sign_on_id == sign_on.id, Signature.withdrawn_at.is_(None),
               Signature.set_aside_at.is_(None))
        .order_by(Organisation.name)))


# --- drafting → open for signature ---------------------------------------------------------

def open_for_signature(actor, statement: Statement, deadline: date | None,
                       now: datetime | None = None) -> SignOn:
    now = now or utcnow()
    _require_lead(actor, statement)
    if statement.status is not StatementStatus.DRAFTING:
        _refuse(_("Only a statement being drafted can be opened for signature."))
    if deadline is None:
        _refuse(_("Enter the deadline."), "deadline")
    closes_at = closing_time(deadline)
    if closes_at <= now:
        _refuse(_("The deadline cannot be in the past."), "deadline")
    if closes_at - now > LONGEST_SIGN_ON:
        _refuse(_("Choose a deadline within a year."), "deadline")
    if any(not text.title.strip() or not text.body.strip() for text in statement.texts):
        _refuse(_("Every language version needs a title and a text before signing opens."))

    frozen = _freeze(statement)
    number = 1 + (db.session.scalar(select(func.max(SignOn.number))
                                    .where(SignOn.statement_id == statement.id)) or 0)
    sign_on = SignOn(statement_id=statement.id, number=number, opened_at=now,
                     opened_by_id=actor.id, deadline=deadline, closes_at=closes_at,
                     revisions=frozen, text_sha256=bundle_sha256(
                         {language: entry["sha256"] for language, entry in frozen.items()}))
    db.session.add(sign_on)
    statement.set_status(StatementStatus.OPEN)
    statement.deadline, statement.closes_at = deadline, closes_at
    db.session.flush()
    audit.record(actor, "statements.opened_for_signature", statement, sign_on=number,
                 deadline=deadline.isoformat(), text_sha256=sign_on.text_sha256)
    notices.signon_opened(actor, statement)
    return sign_on


def _freeze(statement: Statement) -> dict:
    """Record which revision of each text is signed, with its fingerprint."""
    wanted = {(text.id, text.revision_number) for text in statement.texts}
    revisions = {(rev.text_id, rev.number): rev for rev in db.session.scalars(
        select(Revision).where(Revision.text_id.in_([text_id for text_id, _n in wanted])))
        if (rev.text_id, rev.number) in wanted}
    frozen = {}
    for text in statement.texts:
        rev = revisions[(text.id, text.revision_number)]
        frozen[text.language] = {"revision_id": rev.id, "number": rev.number,
                                 "sha256": text_sha256(rev.title, rev.body)}
    return frozen


# --- open for signature → drafting ----------------------------------------------------------

def reopen_drafting(actor, statement: Statement, now: datetime | None = None) -> int:
    """Unfreeze the text: the current signatures are set aside (their
    organisations must sign the new text) and their signatories told."""
    now = now or utcnow()
    _require_lead(actor, statement)
    if statement.status is not StatementStatus.OPEN:
        _refuse(_("Only a statement open for signature can go back to drafting."))
    sign_on = current_sign_on(statement)
    signatures = _set_aside(sign_on, now)
    statement.set_status(StatementStatus.DRAFTING)
    statement.deadline = statement.closes_at = None
    audit.record(actor, "statements.reopened", statement,
                 sign_on=sign_on.number if sign_on else None, signatures_set_aside=len(signatures))
    notices.signatures_set_aside(actor, statement, signatures)
    return len(signatures)


def _set_aside(sign_on: SignOn | None, now: datetime) -> list[Signature]:
    if sign_on is None:
        return []
    signatures = active_signatures(sign_on)
    for signature in signatures:
        signature.set_aside_at = now
    sign_on.set_aside_at = now
    sign_on.closed_at = sign_on.closed_at or now
    db.session.flush()
    return signatures


# --- signatures -------------------------------------------------------------------------------

def sign(actor, statement: Statement, *, org: Organisation | None = None, name: str = "",
         title: str = "", now: datetime | None = None) -> Signature:
    """Sign for the actor's own organisation (and only that one)."""
    now = now or utcnow()
    org = org or actor.org
    if not can(actor, Action.STATEMENT_SIGN, statement):
        _refuse(_("Only organisation admins can sign statements for their organisation."),
                status=403)
    if org.id != actor.org_id:
        _refuse(_("You can only sign for your own organisation."), status=403)
    close_if_expired(statement, now)
    if not statement.signing_is_open(now):
        _refuse(_("This statement is not open for signature."), status=409)
    sign_on = current_sign_on(statement)
    existing = db.session.scalar(select(Signature).where(Signature.sign_on_id == sign_on.id,
                                                         Signature.org_id == org.id))
    if existing is not None and existing.is_active:
        _refuse(_("%(org)s has already signed this statement.", org=org.name), status=409)
    original = sign_on.revisions.get(statement.language) or next(iter(sign_on.revisions.values()))
    values = {"signed_by_id": actor.id, "signatory_name": (name or "").strip(),
              "signatory_title": (title or "").strip(), "revision_id": original["revision_id"],
              "text_sha256": sign_on.text_sha256, "signed_at": now}
    if existing is not None:  # signing again after withdrawing, same text
        for key, value in values.items():
            setattr(existing, key, value)
        existing.withdrawn_at = None
        signature = existing
    else:
        signature = Signature(sign_on_id=sign_on.id, statement_id=statement.id, org_id=org.id,
                              **values)
        try:
            with db.session.begin_nested():
                db.session.add(signature)
                db.session.flush()
        except IntegrityError:  # a second click that raced the first one
            _refuse(_("%(org)s has already signed this statement.", org=org.name), status=409)
    db.session.flush()
    audit.record(actor, "statements.signed", statement, org_id=org.id, signature=signature.id,
                 sign_on=sign_on.number, text_sha256=sign_on.text_sha256)
    return signature


def withdraw_signature(actor, signature: Signature, now: datetime | None = None) -> None:
    now = now or utcnow()
    if not can(actor, Action.STATEMENT_WITHDRAW_SIGNATURE, signature):
        _refuse(_("You can only withdraw your own organisation's signature."), status=403)
    statement = db.session.get(Statement, signature.statement_id)
    close_if_expired(statement, now)
    if not signature.is_active:
        _refuse(_("This signature has already been withdrawn or set aside."), status=409)
    if not statement.signing_is_open(now):
        _refuse(_("Signatures can only be withdrawn until the deadline."), status=409)
    signature.withdrawn_at = now
    db.session.flush()
    audit.record(actor, "statements.signature_withdrawn", statement, org_id=signature.org_id,
                 signature=signature.id)


# --- the deadline ------------------------------------------------------------------------------

def close_if_expired(statement: Statement, now: datetime | None = None) -> bool:
    """Close the sign-on once its deadline has passed (idempotent, and safe
    when several processes try at once: only one UPDATE matches)."""
    now = now or utcnow()
    if statement.status is not StatementStatus.OPEN or statement.closes_at is None:
        return False
    if now < statement.closes_at:
        return False
    result = db.session.execute(
        update(SignOn).where(SignOn.statement_id == statement.id, SignOn.set_aside_at.is_(None),
                             SignOn.closed_at.is_(None), SignOn.closes_at <= now)
        .values(closed_at=SignOn.closes_at).execution_options(synchronize_session=False))
    if not result.rowcount:
        return False
    count = len(active_signatures(current_sign_on(statement)))
    audit.record(None, "statements.signon_closed", statement, signatures=count)
    notices.signon_closed(statement, count)
    return True


def close_expired(now: datetime | None = None) -> int:
    now = now or utcnow()
    due = db.session.scalars(select(Statement).where(
        Statement.status == StatementStatus.OPEN, Statement.closes_at <= now)).all()
    return sum(1 for statement in due if close_if_expired(statement, now))


def send_deadline_reminders(now: datetime | None = None) -> int:
    """Remind organisations that have not signed, once, 48 hours before the deadline."""
    now = now or utcnow()
    due = db.session.scalars(select(SignOn).where(
        SignOn.set_aside_at.is_(None), SignOn.closed_at.is_(None),
        SignOn.reminder_sent_at.is_(None), SignOn.closes_at > now,
        SignOn.closes_at <= now + REMINDER_BEFORE)).all()
    reminded = 0
    for sign_on in due:
        claimed = db.session.execute(
            update(SignOn).where(SignOn.id == sign_on.id, SignOn.reminder_sent_at.is_(None))
            .values(reminder_sent_at=now).execution_options(synchronize_session=False))
        if not claimed.rowcount:
            continue  # another process sent it
        statement = db.session.get(Statement, sign_on.statement_id)
        if statement.status is not StatementStatus.OPEN:
            continue
        signed = [signature.org_id for signature in active_signatures(sign_on)]
        notices.deadline_soon(statement, signed)
        reminded += 1
    return reminded


# --- publication and afterwards --------------------------------------------------------------

def publish(actor, statement: Statement, now: datetime | None = None) -> None:
    now = now or utcnow()
    _require_lead(actor, statement)
    close_if_expired(statement, now)
    if statement.status is not StatementStatus.OPEN:
        _refuse(_("Only a statement that was open for signature can be published."))
    sign_on = current_sign_on(statement)
    signatures = active_signatures(sign_on)
    if not signatures:
        _refuse(_("A statement needs at least one signature before it is published."))
    if sign_on.closed_at is None:  # publishing early ends the sign-on
        sign_on.closed_at = now
    statement.set_status(StatementStatus.PUBLISHED)
    statement.published_at = now
    db.session.flush()
    audit.record(actor, "statements.published", statement, sign_on=sign_on.number,
                 signatures=len(signatures), text_sha256=sign_on.text_sha256)
    notices.published(actor, statement, signatures)


def archive(actor, statement: Statement) -> None:
    _require_lead(actor, statement)
    if statement.status is not StatementStatus.PUBLISHED:
        _refuse(_("Only a published statement can be archived."))
    statement.set_status(StatementStatus.ARCHIVED)
    audit.record(actor, "statements.archived", statement)


def withdraw(actor, statement: Statement, now: datetime | None = None) -> None:
    """Abandon a statement before publication; signatures given are set aside."""
    now = now or utcnow()
    _require_lead(actor, statement)
    if statement.status not in (StatementStatus.DRAFTING, StatementStatus.OPEN):
        _refuse(_("Only a statement that has not been published can be withdrawn."))
    signatures = _set_aside(current_sign_on(statement), now)
    statement.set_status(StatementStatus.WITHDRAWN)
    statement.deadline = statement.closes_at = None
    audit.record(actor, "statements.withdrawn", statement, signatures_set_aside=len(signatures))
    notices.signatures_set_aside(actor, statement, signatures, withdrawn=True)
