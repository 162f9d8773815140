"""Everything the portal holds about one person, as JSON plus their files.

One function per area. What is left out, and why:
- the raw text of note drafts: it can hold personal data of the people the
  author works with, which must never leave the portal (DESIGN.md §3); the
  draft itself is listed, and its author can open it in the portal;
- secrets: password and session hashes, two-factor secrets, token hashes;
- other people's personal data (invitees' addresses, participants).
"""

from sqlalchemy import select

from ..accounts.models import RecoveryCode, UserSession
from ..api.models import AccessToken
from ..audit import AuditEvent
from ..db import db
from ..events.models import CalendarSubscription, Registration
from ..notes.models import Note
from ..notify.models import Notification, NotificationPreference
from ..resources.models import Resource
from ..statements.models import Comment, Signature, Statement, StatementEditor
from ..storage import StoredFile
from ..trainings.models import Attendance, Certificate, Enrolment, SelfAssessment
from .zipper import iso

DRAFT_TEXT_LEFT_OUT = ("The text of unpublished notes is not included: it can hold personal data "
                       "of the people you work with. Open the note in the portal to read it.")


def account(user) -> dict:
    return {
        "name": user.name, "email": user.email, "pronouns": user.pronouns,
        "role": user.role.value, "organisation": {"slug": user.org.slug, "name": user.org.name},
        "interface_language": user.locale, "time_zone": user.timezone,
        "created_at": iso(user.created_at), "last_login_at": iso(user.last_login_at),
        "password_changed_at": iso(user.password_changed_at),
        "two_factor_enabled": user.two_factor_enabled,
        "unused_recovery_codes": len(db.session.scalars(select(RecoveryCode.id).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all()),
    }


def sessions(user) -> list[dict]:
    rows = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)
                              .order_by(UserSession.created_at))
    return [{"started_at": iso(s.created_at), "last_seen_at": iso(s.last_seen_at),
             "ended_at": iso(s.ended_at), "device": s.user_agent} for s in rows]


def activity_log(user) -> list[dict]:
    rows = db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == user.id)
                              .order_by(AuditEvent.at).limit(10000))
    return [{"at": iso(e.at), "action": e.action, "object_type": e.object_type,
             "object_id": e.object_id, "ip_address": e.ip} for e in rows]


def notifications(user) -> dict:
    rows = db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.created_at))
    preferences = db.session.scalars(select(NotificationPreference).where(
        NotificationPreference.user_id == user.id).order_by(NotificationPreference.kind))
    return {
        "preferences": {p.kind: p.frequency.value for p in preferences},
        "notifications": [{"kind": n.kind, "title": n.title, "body": n.body, "link": n.url,
                           "created_at": iso(n.created_at), "read_at": iso(n.read_at),
                           "emailed_at": iso(n.emailed_at)} for n in rows],
    }


def api_tokens(user) -> list[dict]:
    rows = db.session.scalars(select(AccessToken).where(AccessToken.user_id == user.id)
                              .order_by(AccessToken.created_at))
    return [{"name": t.name, "starts_with": t.prefix, "created_at": iso(t.created_at),
             "expires_at": iso(t.expires_at), "last_used_at": iso(t.last_used_at),
             "revoked_at": iso(t.revoked_at)} for t in rows]


def events(user) -> dict:
    rows = db.session.scalars(select(Registration).where(Registration.user_id == user.id)
                              .order_by(Registration.created_at))
    subscription = db.session.scalar(select(CalendarSubscription).where(
        CalendarSubscription.user_id == user.id))
    return {
        "registrations": [{
            "event": {"id": r.event.id, "title": r.event.title,
                      "starts_at": iso(r.event.starts_at)},
            "status": r.status.value, "registered_at": iso(r.created_at),
            "answers": r.answers, "accessibility_needs": r.accessibility_needs,
            "dietary_requirements": r.dietary_requirements,
            "shown_to_other_participants": r.share_with_participants,
            "attended": r.attended} for r in rows],
        "calendar_subscription": None if subscription is None else {
            "created_at": iso(subscription.created_at),
            "includes_network_events": subscription.include_network,
            "last_used_at": iso(subscription.last_used_at)},
    }


def statements(user) -> dict:
    started = db.session.scalars(select(Statement).where(Statement.author_id == user.id)
                                 .order_by(Statement.id))
    editing = db.session.scalars(select(StatementEditor).where(StatementEditor.user_id == user.id))
    comments = db.session.scalars(select(Comment).where(Comment.author_id == user.id)
                                  .order_by(Comment.created_at))
    signatures = db.session.scalars(select(Signature).where(Signature.signed_by_id == user.id)
                                    .order_by(Signature.signed_at))
    return {
        "started": [{"id": s.id, "title": s.title, "status": s.status.value,
                     "created_at": iso(s.created_at)} for s in started],
        "editor_of": [e.statement_id for e in editing],
        "comments": [{"statement_id": c.statement_id, "body": c.body,
                      "created_at": iso(c.created_at)} for c in comments],
        "signatures_given": [{"statement_id": s.statement_id, "organisation_id": s.org_id,
                              "signatory_name": s.signatory_name,
                              "signatory_title": s.signatory_title,
                              "signed_at": iso(s.signed_at), "withdrawn_at": iso(s.withdrawn_at)}
                             for s in signatures],
    }


def notes(user) -> dict:
    rows = db.session.scalars(select(Note).where(Note.author_id == user.id).order_by(Note.id))
    return {"about_drafts": DRAFT_TEXT_LEFT_OUT, "notes": [{
        "id": n.id, "status": n.status.value, "title": n.title(),
        "period": n.period.isoformat() if n.period else None,
        "created_at": iso(n.created_at), "published_at": iso(n.published_at),
        "published_text": n.redacted_narrative if n.is_published else None} for n in rows]}


def resources(user) -> list[dict]:
    """Resources the person added (their files are under files/)."""
    rows = db.session.scalars(select(Resource).where(Resource.author_id == user.id)
                              .order_by(Resource.id))
    return [{"id": r.id, "title": r.title, "kind": r.kind.value, "visibility": r.visibility.value,
             "created_at": iso(r.created_at), "in_trash_since": iso(r.deleted_at)}
            for r in rows]


def trainings(user) -> list[dict]:
    """The person's training record: enrolments with attendance,
    self-assessments and certificates."""
    enrolments = db.session.scalars(select(Enrolment).where(Enrolment.user_id == user.id)
                                    .order_by(Enrolment.created_at)).all()
    ids = [e.id for e in enrolments] or [0]
    attendance = db.session.scalars(select(Attendance).where(Attendance.enrolment_id.in_(ids))
                                    .order_by(Attendance.id)).all()
    assessments = db.session.scalars(select(SelfAssessment).where(
        SelfAssessment.enrolment_id.in_(ids)).order_by(SelfAssessment.id)).all()
    certificates = db.session.scalars(select(Certificate).where(
        Certificate.enrolment_id.in_(ids)).order_by(Certificate.id)).all()
    return [{
        "programme": {"id": e.programme_id, "title": e.programme.title},
        "status": e.status.value, "enrolled_at": iso(e.created_at),
        "completed_at": iso(e.completed_at),
        "gender": e.gender.value if e.gender else None,
        "attendance": [{"session_starts_at": iso(a.session.starts_at), "status": a.status.value,
                        "remarks": a.remarks} for a in attendance if a.enrolment_id == e.id],
        "self_assessments": [{"competency_id": s.competency_id, "phase": s.phase.value,
                              "score": s.score, "at": iso(s.created_at)}
                             for s in assessments if s.enrolment_id == e.id],
        "certificates": [{"code": c.code, "issued_at": iso(c.issued_at), "minutes": c.minutes,
                          "revoked_at": iso(c.revoked_at)}
                         for c in certificates if c.enrolment_id == e.id],
    } for e in enrolments]


def files(user) -> list[StoredFile]:
    return list(db.session.scalars(select(StoredFile).where(StoredFile.uploaded_by_id == user.id)
                                   .order_by(StoredFile.id)))


SECTIONS = {
    "account": account, "sessions": sessions, "activity_log": activity_log,
    "notifications": notifications, "api_tokens": api_tokens, "events": events,
    "statements": statements, "notes": notes, "resources": resources, "trainings": trainings,
}


def collect(user) -> dict:
    return {name: build(user) for name, build in SECTIONS.items()}
