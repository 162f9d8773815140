"""Accounts: sign-in, sessions, invitations, password reset and two-factor.

Plain functions with an explicit actor. They add and flush, never commit;
the view commits once. Nothing here reveals whether an address has an
account: callers get the same answer either way.
"""

import hashlib
import secrets
from datetime import timedelta

import pyotp
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select, update

from .. import audit
from ..db import db, record_last_use, utcnow
from ..errors import ServiceError
from ..notify.services import queue_email
from ..orgs.models import Organisation
from ..permissions import Action, assignable_roles, can, invitable_roles
from . import known_sessions
from .models import TWO_FACTOR_ROLES, Invitation, RecoveryCode, Role, User, UserSession
from .passwords import hash_password, needs_rehash, password_problem, verify_password

TOUCH_INTERVAL = timedelta(minutes=1)
TOTP_ISSUER = "RMN Portal"
RECOVERY_CODE_COUNT = 10


def normalise_email(email: str) -> str:
    return (email or "").strip().casefold()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


# --- passwords ------------------------------------------------------------------

def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None. Unknown addresses cost the
    same time as known ones (a dummy hash is verified instead)."""
    user = user_by_email(email)
    if not verify_password(user.password_hash if user else None, password):
        return None
    if not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def check_new_password(password: str, *, email: str = "", name: str = "",
                       org: Organisation | None = None) -> None:
    avoid = (email.split("@")[0], name, *((org.name, org.short_name, org.slug) if org else ()))
    problem = password_problem(password, avoid=avoid)
    if problem:
        raise ServiceError(problem, field="password")


def set_password(user: User, password: str) -> None:
    check_new_password(password, email=user.email, name=user.name, org=user.org)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_all_sessions(user)


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise ServiceError(_("The current password is not correct."), field="current_password")
    set_password(user, new)
    audit.record(user, "password.changed", user)


# --- sessions -----------------------------------------------------------------------

def start_session(user: User, user_agent: str = "") -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(id=_digest(token), user=user, user_agent=user_agent[:200]))
    user.last_login_at = utcnow()  # also ends any password-reset link in flight
    user.session_token = token
    audit.record(user, "login.success", user)
    return token


def load_session(token: str) -> User | None:
    """The user of a live session, or None when it ended, idled out or the
    account was deactivated. A session this worker saw moments ago, with no
    change to any data since, is not looked up again (`known_sessions`)."""
    digest, now = _digest(token), utcnow()
    known = known_sessions.recall(digest)
    if known is not None and _fresh(known.created_at, known.last_seen_at, now):
        user = known_sessions.user_of(known)
    else:
        user = _look_up_session(digest, now)
        if user is None:
            return None
    user.session_token = token
    return user


def _look_up_session(digest: str, now) -> User | None:
    row = db.session.get(UserSession, digest)
    if row is None or row.ended_at is not None or not row.user.active:
        return None
    if _expired(row.created_at, row.last_seen_at, now):
        row.ended_at = now
        db.session.commit()
        return None
    seen = now if now - row.last_seen_at > TOUCH_INTERVAL else row.last_seen_at
    copy = known_sessions.copy_of(row, seen)  # before the stamp's commit expires the row
    record_last_use(row, "last_seen_at", now, TOUCH_INTERVAL)
    known_sessions.keep(digest, copy)
    return row.user


def _expired(created_at, last_seen_at, now) -> bool:
    config = current_app.config
    return (now - created_at > timedelta(hours=config["SESSION_ABSOLUTE_HOURS"])
            or now - last_seen_at > timedelta(minutes=config["SESSION_IDLE_MINUTES"]))


def _fresh(created_at, last_seen_at, now) -> bool:
    """Within its limits, and no "last seen" stamp due yet."""
    return now - last_seen_at <= TOUCH_INTERVAL and not _expired(created_at, last_seen_at, now)


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(update(UserSession).where(UserSession.id == _digest(token),
                                                     UserSession.ended_at.is_(None))
                           .values(ended_at=utcnow()))


def end_all_sessions(user: User) -> None:
    db.session.execute(update(UserSession).where(UserSession.user_id == user.id,
                                                 UserSession.ended_at.is_(None))
                       .values(ended_at=utcnow()))


def active_sessions(user: User) -> list[UserSession]:
    return list(db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .order_by(UserSession.last_seen_at.desc())))


# --- password reset -------------------------------------------------------------------

def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _reset_fingerprint(user: User) -> str:
    """Changes with any password change or new sign-in, killing older links."""
    basis = f"{user.password_hash}|{user.password_changed_at}|{user.last_login_at}|{user.active}"
    return hashlib.sha256(basis.encode()).hexdigest()[:20]


def request_password_reset(email: str) -> None:
    user = user_by_email(email)
    if user is None or not user.active:
        return
    token = _reset_serializer().dumps({"u": user.id, "f": _reset_fingerprint(user)})
    link = f"{current_app.config['BASE_URL'].rstrip('/')}/password/reset/{token}"
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    queue_email(user.email, "accounts/email/password_reset", locale=user.locale,
                kind="password_reset", user=user, link=link, minutes=minutes)
    audit.record(user, "password.reset_requested", user)


def user_from_reset_token(token: str) -> User | None:
    max_age = current_app.config["PASSWORD_RESET_MINUTES"] * 60
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.active or data.get("f") != _reset_fingerprint(user):
        return None
    return user


def reset_password(user: User, password: str) -> None:
    set_password(user, password)
    audit.record(user, "password.reset", user)


# --- invitations ---------------------------------------------------------------------

def invite(actor: User, org: Organisation, email: str, role: Role) -> None:
    """Invite someone into an organisation with a role. If the address already
    has an account, that person is told so by e-mail; the inviter sees the
    same confirmation either way."""
    if role not in invitable_roles(actor, org):
        raise ServiceError(_("You cannot invite someone with this role."), field="role")
    email = normalise_email(email)
    existing = user_by_email(email)
    if existing is not None:
        queue_email(email, "accounts/email/already_registered", locale=existing.locale,
                    kind="invitation", org=org, base_url=current_app.config["BASE_URL"])
        audit.record(actor, "invitation.existing_account", org=org.id)
        return
    token = secrets.token_urlsafe(32)
    days = current_app.config["INVITATION_DAYS"]
    now = utcnow()
    invitation = Invitation(email=email, org=org, role=role, token_hash=_digest(token),
                            invited_by=actor, created_at=now,
                            expires_at=now + timedelta(days=days))
    db.session.add(invitation)
    db.session.flush()
    link = f"{current_app.config['BASE_URL'].rstrip('/')}/invitations/{token}"
    queue_email(email, "accounts/email/invitation", locale=actor.locale, kind="invitation",
                org=org, role=role, inviter=actor, link=link, days=days)
    audit.record(actor, "invitation.created", invitation, org_id=org.id, role=role.value)


def open_invitation(token: str) -> Invitation | None:
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == _digest(token)))
    if invitation is None or not invitation.is_open(utcnow()) or not invitation.org.is_active:
        return None
    return invitation


def accept_invitation(invitation: Invitation, *, name: str, password: str,
                      locale: str = "en") -> User:
    """Create the account the invitation promised: organisation and role come
    from the invitation, never from the submitted form."""
    if user_by_email(invitation.email) is not None:
        raise ServiceError(_("This invitation can no longer be used."))
    check_new_password(password, email=invitation.email, name=name, org=invitation.org)
    user = User(email=invitation.email, name=name.strip(), org=invitation.org,
                role=invitation.role, password_hash=hash_password(password), locale=locale)
    db.session.add(user)
    invitation.accepted_at = utcnow()
    db.session.flush()
    audit.record(user, "invitation.accepted", invitation, org_id=invitation.org_id,
                 role=invitation.role.value)
    return user


def revoke_invitation(actor: User, invitation: Invitation) -> None:
    invitation.revoked_at = utcnow()
    audit.record(actor, "invitation.revoked", invitation, org_id=invitation.org_id)


# --- two-factor ------------------------------------------------------------------------

def two_factor_required(user: User) -> bool:
    return current_app.config["REQUIRE_TWO_FACTOR"] and user.role in TWO_FACTOR_ROLES


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=TOTP_ISSUER)


def _accept_totp(user: User, secret: str, code: str) -> bool:
    """Check a code against the current time step ±1, refusing any step at or
    before the last one accepted, so an observed code cannot be replayed."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return False
    totp = pyotp.TOTP(secret)
    now_step = totp.timecode(utcnow())
    for step in (now_step - 1, now_step, now_step + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        if secrets.compare_digest(totp.generate_otp(step), code):
            user.totp_last_step = step
            return True
    return False


def enable_two_factor(user: User, secret: str, code: str) -> list[str]:
    if not _accept_totp(user, secret, code):
        raise ServiceError(_("That code is not correct. Check the time on your device and "
                             "try the newest code."), field="code")
    user.totp_secret = secret
    user.totp_enabled_at = utcnow()
    audit.record(user, "2fa.enabled", user)
    return new_recovery_codes(user)


def verify_second_factor(user: User, code: str) -> bool:
    """A current TOTP code or an unused recovery code (which is then used up)."""
    if user.totp_secret and _accept_totp(user, user.totp_secret, code):
        return True
    normalised = code.strip().replace("-", "").replace(" ", "").lower()
    for recovery in db.session.scalars(select(RecoveryCode).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))):
        if secrets.compare_digest(recovery.code_hash, _digest(normalised)):
            recovery.used_at = utcnow()
            audit.record(user, "2fa.recovery_code_used", user)
            return True
    return False


def new_recovery_codes(user: User) -> list[str]:
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_digest(code)))
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def disable_two_factor(user: User) -> None:
    if two_factor_required(user):
        raise ServiceError(_("Two-factor sign-in is required for your role."))
    user.totp_secret = None
    user.totp_enabled_at = None
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
    audit.record(user, "2fa.disabled", user)


# --- people -------------------------------------------------------------------------------

def create_user(email: str, name: str, org: Organisation, role: Role, password: str, *,
                check_password: bool = True) -> User:
    email = normalise_email(email)
    if user_by_email(email) is not None:
        raise ServiceError(_("An account with this e-mail address already exists."), field="email")
    if check_password:
        check_new_password(password, email=email, name=name, org=org)
    user = User(email=email, name=name, org=org, role=role, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user


def change_role(actor: User, person: User, role: Role) -> None:
    if not can(actor, Action.PERSON_MANAGE, person) or role not in assignable_roles(actor,
                                                                                   person.org):
        raise ServiceError(_("You cannot give this role."), field="role", status=403)
    if person.role == role:
        return
    previous, person.role = person.role, role
    audit.record(actor, "user.role_changed", person, org_id=person.org_id,
                 previous=previous.value, role=role.value)


def set_active(actor: User, person: User, active: bool) -> None:
    if not can(actor, Action.PERSON_MANAGE, person):
        raise ServiceError(_("You cannot change this account."), status=403)
    if person.active == active:
        return
    person.active = active
    if not active:
        end_all_sessions(person)
    audit.record(actor, "user.activated" if active else "user.deactivated", person,
                 org_id=person.org_id)


def log_out_everywhere(user: User) -> None:
    end_all_sessions(user)
    audit.record(user, "sessions.ended_all", user)
