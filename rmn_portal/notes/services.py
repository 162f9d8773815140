"""The rules of a note's life: draft → review → approve / return / reject → publish.

Transition functions take an explicit actor, check the rule in
`permissions`, change the note and write the review record and the audit
log; they never commit. The author's raw text stays on the note only until
publication, rejection or the draft purge, when `erase_raw_text` removes it
from the note and scrubs it from the review record.

No function here logs, notifies or audits anything that contains the raw
narrative: audit entries name the note, never its content.
"""

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from .. import audit
from ..accounts.models import Role, User
from ..content import Visibility
from ..db import db, utcnow
from ..errors import ServiceError
from ..permissions import Action, can
from . import redaction
from .anonymise import redact
from .models import (
    NARRATIVE_MAX,
    UNPUBLISHED,
    FindingDecision,
    Note,
    NoteCategory,
    NoteGroup,
    NoteStatus,
    ReviewAction,
    ReviewEvent,
)
from .notices import tell, tell_author
from .vocab import AgeBand, NeedCategory, OriginRegion, PopulationGroup, Region, Response, Urgency

REQUIRED_FOR_REVIEW = ("categories", "groups", "age_band", "origin_region", "region", "period",
                       "urgency", "narrative")
CONTENT_FIELDS = ("age_band", "origin_region", "region", "period", "urgency", "responses",
                  "narrative", "extra_redactions")


def _refuse(message: str, status: int = 403, field: str | None = None):
    raise ServiceError(message, field=field, status=status)


def _check_version(note: Note, version) -> None:
    """Reviewers act on the version they read; a change by the author in
    between must be read first."""
    if version is not None and str(version) != str(note.version):
        _refuse(_("The note changed while you were reading it. Please read it again."), 409)


def _store() -> None:
    """Write the changes now: a row that someone else changed in the
    meantime fails here (optimistic locking), as a conflict to show."""
    try:
        db.session.flush()
    except StaleDataError:
        _refuse(_("The note changed while you were reading it. Please read it again."), 409)


# --- the author's draft -----------------------------------------------------------

def create_draft(actor: User, fields: dict) -> Note:
    if not can(actor, Action.NOTE_CREATE):
        _refuse(_("You cannot write notes."))
    note = Note(org_id=actor.org_id, author_id=actor.id, visibility=Visibility.ORGANISATION,
                status=NoteStatus.DRAFT, responses=[], generalised=[], finding_counts={})
    _apply_fields(note, fields)
    db.session.add(note)
    db.session.flush()
    audit.record(actor, "notes.draft_created", note)
    return note


def update_draft(actor: User, note: Note, fields: dict, *, version=None) -> bool:
    """Save the author's changes; True if anything changed. A note that is
    with the reviewers (even approved) goes back to review: the reviewers
    must see what will be published."""
    if not can(actor, Action.NOTE_EDIT, note):
        _refuse(_("This note can no longer be changed."))
    if version is not None and str(version) != str(note.version):
        _refuse(_("This note was changed in another window since you opened it."), 409,
                field="narrative")
    if not _differs(note, fields):
        return False
    _apply_fields(note, fields)
    note.last_activity_at = utcnow()
    if note.status in (NoteStatus.IN_REVIEW, NoteStatus.APPROVED):
        _check_complete(note)
        _back_to_review(actor, note)
    _store()
    return True


def _differs(note: Note, fields: dict) -> bool:
    if sorted(fields.get("categories", [])) != sorted(note.category_values):
        return True
    if sorted(fields.get("groups", [])) != sorted(note.group_values):
        return True
    return any(_normalised(name, fields.get(name)) != _normalised(name, getattr(note, name))
               for name in CONTENT_FIELDS)


def _normalised(name: str, value):
    if name in ("responses", "extra_redactions"):
        return sorted(value or [])
    if name == "narrative":
        return value or ""
    return value or None


def _apply_fields(note: Note, fields: dict) -> None:
    narrative = fields.get("narrative") or ""
    if len(narrative) > NARRATIVE_MAX:
        _refuse(_("The narrative can have at most %(max)d characters.", max=NARRATIVE_MAX), 422,
                field="narrative")
    period = fields.get("period")
    if period is not None and period > _latest_possible_month():
        _refuse(_("The period cannot be in the future."), 422, field="period")
    note.categories = [NoteCategory(category=NeedCategory(value))
                       for value in sorted(set(fields.get("categories", [])))]
    groups = sorted(set(fields.get("groups", [])))
    note.groups = [NoteGroup(population_group=PopulationGroup(value)) for value in groups]
    note.groups_key = ",".join(groups)
    note.age_band = _enum(AgeBand, fields.get("age_band"))
    note.origin_region = _enum(OriginRegion, fields.get("origin_region"))
    note.region = _enum(Region, fields.get("region"))
    note.urgency = _enum(Urgency, fields.get("urgency"))
    note.period = period
    note.responses = [Response(value).value for value in sorted(set(fields.get("responses", [])))]
    note.narrative = narrative
    note.extra_redactions = list(dict.fromkeys(fields.get("extra_redactions") or []))


def _latest_possible_month() -> date:
    """This month where the calendar is furthest ahead (UTC+14). The form
    checks the reader's own calendar; this is the backstop."""
    return (utcnow() + timedelta(hours=14)).date().replace(day=1)


def _enum(enum_cls, value):
    return enum_cls(value) if value else None


def analysis(note: Note) -> redaction.Analysis:
    """The anonymiser's view of the raw narrative with the author's decisions."""
    return redaction.analyse(note.narrative, kept_texts=[d.text for d in note.decisions if d.text],
                             extra=note.extra_redactions or [], generalised=note.generalised)


def keep_finding(actor: User, note: Note, text: str, kind: str, reason: str) -> FindingDecision:
    """The author says a finding is not personal data; the reason goes to the
    review record, where the reviewer sees it."""
    if not can(actor, Action.NOTE_EDIT, note):
        _refuse(_("This note can no longer be changed."))
    if len(reason.strip()) < 3:
        _refuse(_("Say why this is not personal data."), 422, field="keep_reason")
    current = {(redaction.kind_of(f), redaction.normalise(f.text)) for f in analysis(note).findings}
    if (kind, redaction.normalise(text)) not in current:
        _refuse(_("Choose one of the findings listed."), 422, field="keep_finding")
    decision = FindingDecision(kind=kind, text=text[:300], reason=reason.strip(),
                               decided_by_id=actor.id)
    note.decisions.append(decision)
    note.last_activity_at = utcnow()
    if note.status in (NoteStatus.IN_REVIEW, NoteStatus.APPROVED):
        _back_to_review(actor, note)
    _store()
    return decision


def undo_keep(actor: User, note: Note, decision_id: int) -> None:
    if not can(actor, Action.NOTE_EDIT, note):
        _refuse(_("This note can no longer be changed."))
    decision = next((d for d in note.decisions if d.id == decision_id), None)
    if decision is None:
        _refuse(_("That decision does not exist."), 404)
    note.decisions.remove(decision)
    note.last_activity_at = utcnow()
    if note.status in (NoteStatus.IN_REVIEW, NoteStatus.APPROVED):
        _back_to_review(actor, note)
    _store()


def _back_to_review(actor: User, note: Note) -> None:
    """A change to a note with the reviewers: they must see what will be
    published, so the snapshot is renewed and an approval withdrawn."""
    was_approved = note.status is NoteStatus.APPROVED
    _take_snapshot(note)
    note.status, note.approved_at = NoteStatus.IN_REVIEW, None
    _review_event(note, actor, ReviewAction.RESUBMITTED)
    if was_approved and note.reviewer_id:
        tell(db.session.get(User, note.reviewer_id), note, "changed_after_approval",
              "notes.review")


def missing_fields(note: Note) -> list[str]:
    values = {"categories": note.categories, "groups": note.groups, "age_band": note.age_band,
              "origin_region": note.origin_region, "region": note.region, "period": note.period,
              "urgency": note.urgency, "narrative": (note.narrative or "").strip()}
    return [name for name in REQUIRED_FOR_REVIEW if not values[name]]


def _check_complete(note: Note) -> None:
    missing = missing_fields(note)
    if missing:
        _refuse(_("Fill in every field before submitting."), 422, field=missing[0])


def _take_snapshot(note: Note) -> None:
    """What the reviewers read: the redacted text, and counts of what went."""
    result = analysis(note)
    note.redacted_narrative = result.redacted
    note.finding_counts = result.counts


def submit(actor: User, note: Note) -> None:
    if not can(actor, Action.NOTE_EDIT, note) or note.status not in (NoteStatus.DRAFT,
                                                                     NoteStatus.RETURNED):
        _refuse(_("Only a draft can be submitted."), 409)
    _check_complete(note)
    _take_snapshot(note)
    first = note.submitted_at is None
    note.status, note.submitted_at = NoteStatus.IN_REVIEW, utcnow()
    note.last_activity_at = note.submitted_at
    _review_event(note, actor, ReviewAction.SUBMITTED if first else ReviewAction.RESUBMITTED)
    _store()
    audit.record(actor, "notes.submitted", note)
    for reviewer in _coordinators(exclude=actor):
        tell(reviewer, note, "waiting_for_review", "notes.review")


def _coordinators(exclude: User) -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.role == Role.COORDINATOR, User.active, User.id != exclude.id)))


def delete(actor: User, note: Note) -> None:
    if not can(actor, Action.NOTE_DELETE, note):
        _refuse(_("You cannot delete this note."))
    audit.record(actor, "notes.deleted", note, status=note.status.value)
    db.session.delete(note)


# --- review ---------------------------------------------------------------------

def _require_review(actor: User, note: Note, version) -> None:
    if not can(actor, Action.NOTE_REVIEW, note):
        _refuse(_("You cannot review this note."))
    _check_version(note, version)


def approve(actor: User, note: Note, *, version=None, comment: str = "") -> None:
    _require_review(actor, note, version)
    if note.status is not NoteStatus.IN_REVIEW:
        _refuse(_("This note is already approved."), 409)
    note.status, note.approved_at, note.reviewer_id = NoteStatus.APPROVED, utcnow(), actor.id
    note.last_activity_at = note.approved_at
    _review_event(note, actor, ReviewAction.APPROVED, comment)
    _store()
    audit.record(actor, "notes.approved", note)
    tell_author(note, "approved")


def return_to_author(actor: User, note: Note, *, version=None, comment: str = "") -> None:
    _require_review(actor, note, version)
    if not comment.strip():
        _refuse(_("Tell the author what to change."), 422, field="comment")
    note.status, note.approved_at, note.reviewer_id = NoteStatus.RETURNED, None, actor.id
    note.last_activity_at = utcnow()
    _review_event(note, actor, ReviewAction.RETURNED, comment)
    _store()
    audit.record(actor, "notes.returned", note)
    tell_author(note, "returned")


def reject(actor: User, note: Note, *, version=None, comment: str = "") -> None:
    _require_review(actor, note, version)
    if not comment.strip():
        _refuse(_("Tell the author why the note is rejected."), 422, field="comment")
    note.status, note.reviewer_id = NoteStatus.REJECTED, actor.id
    note.rejected_at = note.last_activity_at = utcnow()
    _review_event(note, actor, ReviewAction.REJECTED, comment)
    erase_raw_text(note, keep_redacted=False)
    _store()
    audit.record(actor, "notes.rejected", note)
    tell_author(note, "rejected")


def generalise(actor: User, note: Note, *, version=None, **values) -> list[str]:
    """Replace fields by coarser values (the rare-combination remedy).
    Placeholders in the text that repeat a coarsened field's detail
    ([aged 18–24], [PLACE: Vojvodina]) lose that detail too."""
    from . import combinations

    _require_review(actor, note, version)
    current = combinations.current_values(note)
    changed = []
    for name, value in values.items():
        if not value or value == current.get(name):
            continue
        if value not in combinations.allowed_values(note, name):
            _refuse(_("Choose one of the coarser values offered."), 422, field=name)
        changed.append(name)
        if name == "groups":
            note.groups = [NoteGroup(population_group=PopulationGroup(value))]
            note.groups_key = value
        else:
            setattr(note, name, combinations.ENUMS[name](value))
    if not changed:
        return []
    note.generalised = sorted(set(note.generalised or []) | set(changed))
    _take_snapshot(note)  # notes with reviewers still hold the raw text
    note.last_activity_at = utcnow()
    _review_event(note, actor, ReviewAction.GENERALISED)
    _store()
    audit.record(actor, "notes.generalised", note, fields=changed)
    return changed


def publish(actor: User, note: Note, visibility: Visibility, *, version=None) -> None:
    if not can(actor, Action.NOTE_PUBLISH, note):
        _refuse(_("Only an approved note can be published, and never by its author."))
    _check_version(note, version)
    if visibility not in (Visibility.PUBLIC, Visibility.NETWORK):
        _refuse(_("Choose public or network."), 422, field="visibility")
    # Exactly the text the reviewer approved: no new analysis at this point.
    note.status, note.visibility = NoteStatus.PUBLISHED, visibility
    note.published_at = note.last_activity_at = utcnow()
    _review_event(note, actor, ReviewAction.PUBLISHED)
    erase_raw_text(note, keep_redacted=True)
    _store()
    audit.record(actor, "notes.published", note, visibility=visibility.value)
    tell_author(note, "published")


# --- erasing the raw text -------------------------------------------------------------

def erase_raw_text(note: Note, *, keep_redacted: bool) -> None:
    """Remove the author's raw text from the note, and every string the
    anonymiser or the author flagged in it from the review record.

    Comments and reasons are kept (the review record) but scrubbed: a
    reviewer may have quoted a name the author missed.
    """
    sensitive = set()
    if note.narrative:
        result = analysis(note)
        sensitive.update(finding.text for finding in result.findings + result.kept)
    sensitive.update(note.extra_redactions or [])
    sensitive.update(decision.text for decision in note.decisions if decision.text)
    for decision in note.decisions:
        decision.text = None
        decision.reason = scrub(decision.reason, sensitive)
    for event in note.review_events:
        if event.comment:
            event.comment = scrub(event.comment, sensitive)
    note.narrative = None
    note.extra_redactions = None
    if not keep_redacted:
        note.redacted_narrative = None
    note.raw_erased_at = utcnow()


def scrub(text: str, sensitive: set[str]) -> str:
    for value in sorted(sensitive, key=len, reverse=True):
        for start, end in reversed(redaction.occurrences(text, value)):
            text = text[:start] + redaction.AUTHOR_REPLACEMENT + text[end:]
    return redact(text).redacted


def purge_stale_drafts(days: int, now=None) -> int:
    """Erase unpublished notes nobody has touched for `days` days: their raw
    text must not wait in the database forever. Returns how many."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    stale = db.session.scalars(select(Note).where(
        Note.status.in_(UNPUBLISHED), Note.last_activity_at < cutoff)).all()
    for note in stale:
        audit.record(None, "notes.purged", note, status=note.status.value, days=days)
        author = db.session.get(User, note.author_id) if note.author_id else None
        if author is not None and author.active:
            tell(author, note, "purged", "notes.mine", days=days)
        db.session.delete(note)
    return len(stale)


# --- records, notifications, audit -----------------------------------------------------

def _review_event(note: Note, actor: User, action: ReviewAction, comment: str = "") -> None:
    note.review_events.append(ReviewEvent(actor_id=actor.id if actor else None, action=action,
                                          comment=comment.strip()))


def record_draft_view(actor: User, note: Note, page: str) -> None:
    """Who opened an unpublished note, and when; never what it says."""
    audit.record(actor, "notes.draft_viewed", note, page=page)
