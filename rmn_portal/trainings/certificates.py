"""Certificates: issued when a participant completes a training, verified by
anyone with the code, revoked by the training's managers.

A certificate states facts fixed at issue (name, training, first and last
day, hours). When the facts change (attendance corrected), the old
certificate is revoked and a new one issued, so a verification code never
confirms something the printed paper does not say.

Codes are 120 random bits (24 base-32 characters): guessing one is hopeless
even without the verification page's request limit.
"""

import base64
import re
import secrets
import zipfile
from datetime import datetime
from io import BytesIO

from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..db import db, utcnow
from ..permissions import Action, can
from .models import Certificate, Enrolment, EnrolmentStatus, Programme
from .services import refuse

CODE_BYTES = 15  # 120 bits
CODE_LENGTH = 24
_NOT_CODE = re.compile(r"[^A-Z2-7]")


def new_code() -> str:
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")


def normalise_code(text: str | None) -> str:
    """What a person typed (any case, spaces, dashes) as a stored code."""
    return _NOT_CODE.sub("", (text or "").upper())[:64]


def display_code(code: str) -> str:
    """RMN-ABCD-EFGH-…: groups of four are easier to read out and type."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def verify(text: str | None) -> Certificate | None:
    """The valid certificate with this code, or None (unknown, malformed and
    revoked codes alike: the caller cannot tell them apart)."""
    code = normalise_code(text)
    if len(code) != CODE_LENGTH:
        code = "X" * CODE_LENGTH  # still one lookup: the same work for every answer
    certificate = db.session.scalar(select(Certificate).where(Certificate.code == code))
    if certificate is None or not certificate.is_valid:
        return None
    return certificate


def active_certificate(enrolment: Enrolment) -> Certificate | None:
    return db.session.scalar(select(Certificate).where(
        Certificate.enrolment_id == enrolment.id, Certificate.revoked_at.is_(None)))


def _facts(enrolment: Enrolment, minutes: int) -> dict:
    held = enrolment.programme.held_sessions
    return {"holder_name": enrolment.user.name, "programme_title": enrolment.programme.title,
            "first_day": held[0].event.starts_at, "last_day": held[-1].event.ends_at,
            "minutes": minutes}


def _training_over(programme: Programme, now: datetime) -> bool:
    held = programme.held_sessions
    return bool(held) and held[-1].event.starts_at <= now


def follow_completion(actor, enrolment: Enrolment, minutes: int, now: datetime) -> None:
    """Bring the enrolment's certificate in line with its completion: issued
    once the training's last session has begun, revoked when no longer
    earned, replaced when its facts changed. A certificate a person revoked
    by hand is never re-issued automatically."""
    active = active_certificate(enrolment)
    earned = (enrolment.completed_at is not None and enrolment.status is EnrolmentStatus.APPROVED
              and _training_over(enrolment.programme, now))
    if not earned:
        if active is not None:
            _revoke(actor, active, _("The completion rule is no longer met."), now, by_hand=False)
        return
    facts = _facts(enrolment, minutes)
    if active is not None:
        if all(getattr(active, name) == value for name, value in facts.items()):
            return
        _revoke(actor, active, _("Replaced by a corrected certificate."), now, by_hand=False)
    elif _revoked_by_hand(enrolment):
        return
    certificate = Certificate(enrolment_id=enrolment.id, code=new_code(), issued_at=now,
                              **facts)
    db.session.add(certificate)
    db.session.flush()
    audit.record(actor, "training.certificate_issued", enrolment.programme,
                 org_id=enrolment.programme.org_id, certificate=certificate.id)


def _revoked_by_hand(enrolment: Enrolment) -> bool:
    return db.session.scalar(select(Certificate.id).where(
        Certificate.enrolment_id == enrolment.id, Certificate.revoked_by_hand)) is not None


def revoke(actor, certificate: Certificate, reason: str) -> None:
    programme = certificate.enrolment.programme
    if not can(actor, Action.TRAINING_MANAGE, programme):
        refuse(_("You may not revoke certificates of this training."), status=403)
    if not certificate.is_valid:
        refuse(_("This certificate has already been revoked."), status=409)
    reason = (reason or "").strip()
    if not reason:
        refuse(_("Say why the certificate is revoked."), "reason", status=422)
    _revoke(actor, certificate, reason[:300], utcnow(), by_hand=True)


def _revoke(actor, certificate: Certificate, reason: str, now: datetime, *, by_hand: bool):
    certificate.revoked_at = now
    certificate.revoked_by_id = getattr(actor, "id", None)
    certificate.revoked_by_hand = by_hand
    certificate.revocation_reason = reason
    db.session.flush()
    audit.record(actor, "training.certificate_revoked", certificate.enrolment.programme,
                 org_id=certificate.enrolment.programme.org_id, certificate=certificate.id,
                 by_hand=by_hand)


def valid_certificates(programme: Programme) -> list[Certificate]:
    return list(db.session.scalars(
        select(Certificate).join(Enrolment)
        .where(Enrolment.programme_id == programme.id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.holder_name, Certificate.id)))


def zip_of(certificates: list[Certificate], render_pdf) -> bytes:
    """One PDF per certificate, named after the holder (made safe for every
    file system) and the code, in one ZIP archive."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(f"{safe_filename(certificate.holder_name)}-{certificate.code[:8]}.pdf",
                             render_pdf(certificate))
    return buffer.getvalue()


def safe_filename(text: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-.")
    return cleaned[:60] or "certificate"
