"""Who may do what: every access rule of the portal, in one place.

- `Action` is the vocabulary (`<resource>:<verb>`, alphabetised).
- `can(user, action, obj)` answers for views, services and templates.
- `require(action, obj)` guards a view: an object the user may not even see
  answers 404 (its existence is not confirmed); a visible object the user may
  not act on answers 403.
- `visible_to(user, Model)` is the SQL filter every list query applies, so
  that counts, pages and search never include what the reader may not see.
- Views are private by default; `@public` marks the ones anonymous visitors
  may open (checked in `accounts.views.require_login`).

DESIGN.md §2 has the table these rules implement. One deliberate difference:
the platform admin manages accounts and organisations but does not read other
organisations' organisation-only content (issue #2).
"""

from collections.abc import Callable
from enum import StrEnum

from flask import abort
from flask_login import current_user
from sqlalchemy import false, or_, select, true
from sqlalchemy.sql import ColumnElement

from .accounts.models import Role, User
from .content import Visibility
from .db import db
from .events.models import Event, RegistrationStatus
from .notes.models import WITH_REVIEWERS, Note, NoteStatus
from .orgs.models import Organisation
from .statements.models import PUBLIC_STATUSES, Statement, StatementEditor, StatementStatus
from .trainings.models import (
    Certificate,
    Enrolment,
    EnrolmentMode,
    Programme,
    ProgrammeStatus,
    ProgrammeVisibility,
    programme_trainers,
)


class Action(StrEnum):
    AUDIT_READ = "audit:read"
    CONTENT_CREATE = "content:create"
    CONTENT_EDIT = "content:edit"
    CONTENT_READ = "content:read"
    # --- notes ---
    NOTE_CREATE = "notes:create"
    NOTE_DELETE = "notes:delete"
    NOTE_EDIT = "notes:edit"
    NOTE_PUBLISH = "notes:publish"
    NOTE_READ = "notes:read"
    NOTE_REVIEW = "notes:review"
    NOTE_REVIEW_QUEUE = "notes:review_queue"
    # --- end notes ---
    # --- events ---
    EVENTS_CREATE = "events:create"
    EVENT_EDIT = "event:edit"
    EVENT_MANAGE_PARTICIPANTS = "event:manage_participants"
    EVENT_READ = "event:read"
    EVENT_REGISTER = "event:register"
    EVENT_SEE_ONLINE_LINK = "event:see_online_link"
    EVENT_SEE_PARTICIPANTS = "event:see_participants"
    # --- end events ---
    # --- hub ---
    ORGANISATION_EXPORT = "organisation:export"
    # --- end hub ---
    ORGANISATIONS_MANAGE = "organisations:manage"
    ORGANISATION_EDIT_PROFILE = "organisation:edit_profile"
    ORGANISATION_MANAGE_PEOPLE = "organisation:manage_people"
    ORGANISATION_READ = "organisation:read"
    PERSON_MANAGE = "person:manage"
    USERS_MANAGE = "users:manage"
    # --- statements ---
    STATEMENT_COMMENT = "statements:comment"
    STATEMENT_CREATE = "statements:create"
    STATEMENT_EDIT = "statements:edit"
    STATEMENT_LEAD = "statements:lead"
    STATEMENT_READ = "statements:read"
    STATEMENT_RESOLVE_COMMENT = "statements:resolve_comment"
    STATEMENT_SIGN = "statements:sign"
    STATEMENT_WITHDRAW_SIGNATURE = "statements:withdraw_signature"
    # --- resources ---
    RESOURCE_TOPICS_MANAGE = "resource_topics:manage"
    # --- trainings ---
    CERTIFICATE_READ = "certificate:read"
    TRAININGS_CREATE = "trainings:create"
    TRAININGS_MANAGE_COMPETENCIES = "trainings:manage_competencies"
    TRAININGS_NETWORK_STATS = "trainings:network_stats"
    TRAININGS_REPORT = "trainings:report"
    TRAINING_ENROL = "training:enrol"
    TRAINING_MANAGE = "training:manage"
    TRAINING_NEEDS_ASSESS = "training_needs:assess"
    TRAINING_NOMINATE = "training:nominate"
    TRAINING_ORG_STATS = "training_stats:org"
    TRAINING_READ = "training:read"
    TRAINING_RECORD_ATTENDANCE = "training:record_attendance"
    TRAINING_RECORD_READ = "training_record:read"
    # --- end trainings ---


Rule = Callable[[object, object], bool]


def role_of(user) -> Role | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.role


def signed_in(user) -> bool:
    return role_of(user) is not None


def is_admin(user) -> bool:
    return role_of(user) is Role.ADMIN


def is_coordinator(user) -> bool:
    return role_of(user) is Role.COORDINATOR


def is_org_admin_of(user, org_id: int | None) -> bool:
    return role_of(user) is Role.ORG_ADMIN and org_id is not None and user.org_id == org_id


# --- shared content (resources, events, statements, ...) ----------------------

def _read_content(user, obj) -> bool:
    if obj.visibility == Visibility.PUBLIC:
        return True
    if not signed_in(user):
        return False
    if obj.visibility == Visibility.NETWORK or obj.org_id == user.org_id:
        return True
    shared_with = getattr(obj, "is_shared_with", None)
    return bool(shared_with and shared_with(user.org_id))


def _create_content(user, _obj) -> bool:
    return signed_in(user)


def _edit_content(user, obj) -> bool:
    if not signed_in(user) or not _read_content(user, obj):
        return False
    role = role_of(user)
    if role in (Role.COORDINATOR, Role.ADMIN):
        return True  # moderation
    if role is Role.ORG_ADMIN and obj.org_id == user.org_id:
        return True
    return obj.author_id is not None and obj.author_id == user.id


# --- events -------------------------------------------------------------------------
# Organisers: whoever may edit the event (author, their organisation's admins,
# coordinators and admins as moderators) and the admins of co-organising
# organisations. Only they see private registration fields and the full list.

def _organise_event(user, event) -> bool:
    if not signed_in(user):
        return False
    if _edit_content(user, event):
        return True
    return role_of(user) is Role.ORG_ADMIN and event.is_shared_with(user.org_id)


def _register_for_event(user, event) -> bool:
    return signed_in(user) and _read_content(user, event)


def _registered_or_organiser(user, event) -> bool:
    """The online link and the participant list: for people with a place."""
    if not _read_content(user, event):
        return False
    if _organise_event(user, event):
        return True
    return signed_in(user) and event.registration_status(user) is RegistrationStatus.GOING


def visible_to(user, model) -> ColumnElement[bool]:
    """SQL filter: rows of `model` (an OwnedContentMixin) the user may read.

    A model may offer `shared_with_clause(org_id)` for content shared with
    particular organisations beyond its visibility.
    """
    public = model.visibility == Visibility.PUBLIC
    if not signed_in(user):
        return public
    clauses = [model.visibility.in_([Visibility.PUBLIC, Visibility.NETWORK]),
               model.org_id == user.org_id]
    shared_with_clause = getattr(model, "shared_with_clause", None)
    if shared_with_clause is not None:
        clauses.append(shared_with_clause(user.org_id))
    return or_(*clauses)


def visibility_scope(user) -> str:
    """Everything `visible_to` reads about the user, as a cache key part:
    readers with the same scope see the same rows. Keep the two in step."""
    if not signed_in(user):
        return "public"
    return f"org:{user.org_id}"


# --- organisations and people ---------------------------------------------------

def _read_organisation(user, org: Organisation) -> bool:
    if is_admin(user):
        return True
    if signed_in(user):
        return org.is_active or org.id == user.org_id
    return org.is_public


def organisations_visible_to(user) -> ColumnElement[bool]:
    if is_admin(user):
        return true()
    if signed_in(user):
        return or_(Organisation.is_active, Organisation.id == user.org_id)
    return Organisation.is_active & Organisation.is_listed


def _edit_organisation_profile(user, org: Organisation) -> bool:
    return is_admin(user) or is_org_admin_of(user, org.id)


def _manage_people(user, org: Organisation) -> bool:
    return is_admin(user) or is_org_admin_of(user, org.id)


def _manage_person(user, person: User) -> bool:
    """Change the role of, deactivate or reactivate an account."""
    if not signed_in(user) or person.id == user.id:
        return False  # nobody locks themselves out
    if is_admin(user):
        return True
    return is_org_admin_of(user, person.org_id) and person.role in (Role.MEMBER, Role.ORG_ADMIN)


def assignable_roles(user, org: Organisation) -> tuple[Role, ...]:
    """Roles the user may give (by invitation or change) in an organisation."""
    if is_admin(user):
        return (Role.MEMBER, Role.ORG_ADMIN, Role.COORDINATOR, Role.ADMIN)
    if is_org_admin_of(user, org.id):
        return (Role.MEMBER, Role.ORG_ADMIN)
    return ()


def invitable_roles(user, org: Organisation) -> tuple[Role, ...]:
    """Admins invite organisation admins and coordinators; organisation admins
    invite the staff of their own organisation."""
    if is_admin(user):
        return (Role.ORG_ADMIN, Role.COORDINATOR, Role.MEMBER)
    if is_org_admin_of(user, org.id):
        return (Role.MEMBER,)
    return ()


def people_visible_to(user) -> ColumnElement[bool]:
    if is_admin(user):
        return true()
    if signed_in(user) and role_of(user) is Role.ORG_ADMIN:
        return User.org_id == user.org_id
    return false()

# --- statements -----------------------------------------------------------------
# Drafts belong to the drafting team: the lead organisation's people, the
# invited editors and the coordinators (who moderate). Once open for signature
# the whole network reads a statement; published and archived ones are public.
# The platform admin is treated like a member here (see the module docstring)
# and never signs; only organisation admins sign, each for their own organisation.

def _statement_team(user, statement: Statement) -> bool:
    return signed_in(user) and (is_coordinator(user) or user.org_id == statement.org_id
                                or statement.is_editor(user.id))


def _read_statement(user, statement: Statement) -> bool:
    if statement.status in PUBLIC_STATUSES:
        return True
    if statement.status is StatementStatus.OPEN:
        return signed_in(user)
    return _statement_team(user, statement)


def _lead_statement(user, statement: Statement) -> bool:
    """Invite editors, open for signature, re-open, publish, archive, withdraw."""
    if not signed_in(user):
        return False
    return (is_coordinator(user) or is_org_admin_of(user, statement.org_id)
            or (statement.author_id is not None and statement.author_id == user.id
                and user.org_id == statement.org_id))


def _edit_statement(user, statement: Statement) -> bool:
    return _lead_statement(user, statement) or (signed_in(user) and statement.is_editor(user.id))


def _comment_on_statement(user, statement: Statement) -> bool:
    return (signed_in(user) and _read_statement(user, statement)
            and statement.status in (StatementStatus.DRAFTING, StatementStatus.OPEN))


def _resolve_statement_comment(user, comment) -> bool:
    if not _read_statement(user, comment.statement) or not signed_in(user):
        return False
    return comment.author_id == user.id or _edit_statement(user, comment.statement)


def _sign_statement(user, statement: Statement) -> bool:
    return (role_of(user) is Role.ORG_ADMIN and user.org.is_active
            and _read_statement(user, statement))


def _withdraw_signature(user, signature) -> bool:
    return is_org_admin_of(user, signature.org_id)


def statements_visible_to(user) -> ColumnElement[bool]:
    """SQL filter: statements the user may read (the rule above, in SQL)."""
    public_ones = Statement.status.in_(PUBLIC_STATUSES)
    if not signed_in(user):
        return public_ones
    if is_coordinator(user):
        return true()
    edited = select(StatementEditor.statement_id).where(StatementEditor.user_id == user.id)
    return or_(public_ones, Statement.status == StatementStatus.OPEN,
               Statement.org_id == user.org_id, Statement.id.in_(edited))


# --- notes ---------------------------------------------------------------------
# A note's raw narrative is for its author alone. Reviewers (coordinators, or
# organisation admins of another organisation, never the author) see only
# the redacted text; readers see published notes by their visibility. The
# platform admin does not review notes (issue #6): accounts, not content.

def _note_reviewer(user, note: Note) -> bool:
    if not signed_in(user) or note.author_id == user.id:
        return False
    if is_coordinator(user):
        return True
    return role_of(user) is Role.ORG_ADMIN and note.org_id != user.org_id


def _is_note_author(user, note: Note) -> bool:
    return signed_in(user) and note.author_id is not None and note.author_id == user.id


def _read_note(user, note: Note) -> bool:
    if note.status is NoteStatus.PUBLISHED:
        return _read_content(user, note)
    if _is_note_author(user, note):
        return True
    return note.status in WITH_REVIEWERS and _note_reviewer(user, note)


def _edit_note(user, note: Note) -> bool:
    return note.holds_raw_text and _is_note_author(user, note)


def _review_note(user, note: Note) -> bool:
    return note.status in WITH_REVIEWERS and _note_reviewer(user, note)


def _publish_note(user, note: Note) -> bool:
    """Only an approved note, and never by its author: review cannot be skipped."""
    return note.status is NoteStatus.APPROVED and _note_reviewer(user, note)


def _delete_note(user, note: Note) -> bool:
    if _is_note_author(user, note):
        return True
    if note.status is not NoteStatus.PUBLISHED or not _read_content(user, note):
        return False
    return is_coordinator(user) or is_org_admin_of(user, note.org_id)  # moderation


def _see_review_queue(user, _obj) -> bool:
    return role_of(user) in (Role.COORDINATOR, Role.ORG_ADMIN)


def notes_for_review(user) -> ColumnElement[bool]:
    """SQL filter: notes waiting for this user's review."""
    if not _see_review_queue(user, None):
        return false()
    waiting = Note.status.in_(WITH_REVIEWERS) & (Note.author_id.is_(None)
                                                 | (Note.author_id != user.id))
    if is_coordinator(user):
        return waiting
    return waiting & (Note.org_id != user.org_id)


def published_notes_visible_to(user) -> ColumnElement[bool]:
    return (Note.status == NoteStatus.PUBLISHED) & visible_to(user, Note)
# --- end notes ---

# --- trainings ------------------------------------------------------------------
# Network trainings (no organising organisation) are run by coordinators; an
# organisation's internal trainings also by its admins. The platform admin
# manages accounts, not trainings (as for content, see the module docstring).
# A person's training record (enrolments, attendance, hours, certificates,
# self-assessments) is for the person, their organisation's admins and the
# coordinators only (issue #5): not for the platform admin, not for trainers.

def _manage_training(user, programme: Programme) -> bool:
    if not signed_in(user):
        return False
    if is_coordinator(user):
        return True
    return programme.org_id is not None and is_org_admin_of(user, programme.org_id)


def _create_training(user, _obj) -> bool:
    return role_of(user) in (Role.COORDINATOR, Role.ORG_ADMIN)


def _read_training(user, programme: Programme) -> bool:
    if not signed_in(user):
        return False
    if _manage_training(user, programme) or programme.is_trainer(user.id):
        return True
    if programme.status is not ProgrammeStatus.DRAFT and (
            programme.visibility is ProgrammeVisibility.NETWORK
            or programme.org_id == user.org_id):
        return True
    return _is_enrolled(user, programme)


def _is_enrolled(user, programme: Programme) -> bool:
    return db.session.scalar(select(Enrolment.id).where(
        Enrolment.programme_id == programme.id, Enrolment.user_id == user.id)) is not None


def _enrol_in_training(user, programme: Programme) -> bool:
    return (_read_training(user, programme) and programme.status is ProgrammeStatus.PUBLISHED
            and programme.enrolment_mode is not EnrolmentMode.NOMINATION)


def _nominate_for_training(user, programme: Programme) -> bool:
    if programme.status is not ProgrammeStatus.PUBLISHED or not _read_training(user, programme):
        return False
    return role_of(user) is Role.ORG_ADMIN or _manage_training(user, programme)


def _record_attendance(user, programme: Programme) -> bool:
    return _manage_training(user, programme) or (signed_in(user)
                                                 and programme.is_trainer(user.id))


def _read_training_record(user, person: User) -> bool:
    if not signed_in(user):
        return False
    return (user.id == person.id or is_coordinator(user)
            or is_org_admin_of(user, person.org_id))


def _read_certificate(user, certificate: Certificate) -> bool:
    enrolment = certificate.enrolment
    return (_read_training_record(user, enrolment.user)
            or _manage_training(user, enrolment.programme))


def _read_org_training_stats(user, org: Organisation) -> bool:
    return signed_in(user) and (is_coordinator(user) or user.org_id == org.id)


def programmes_visible_to(user) -> ColumnElement[bool]:
    """SQL filter: programmes the user may read (the rule above, in SQL)."""
    if not signed_in(user):
        return false()
    if is_coordinator(user):
        return true()
    published = (Programme.status != ProgrammeStatus.DRAFT) & (
        (Programme.visibility == ProgrammeVisibility.NETWORK) | (Programme.org_id == user.org_id))
    trains = Programme.id.in_(select(programme_trainers.c.programme_id)
                              .where(programme_trainers.c.user_id == user.id))
    enrolled = Programme.id.in_(select(Enrolment.programme_id)
                                .where(Enrolment.user_id == user.id))
    clauses = [published, trains, enrolled]
    if role_of(user) is Role.ORG_ADMIN:
        clauses.append(Programme.org_id == user.org_id)
    return or_(*clauses)
# --- end trainings ---


RULES: dict[Action, Rule] = {
    Action.AUDIT_READ: lambda user, _obj: is_admin(user),
    Action.CONTENT_CREATE: _create_content,
    Action.CONTENT_EDIT: _edit_content,
    Action.CONTENT_READ: _read_content,
    # --- notes ---
    Action.NOTE_CREATE: _create_content,
    Action.NOTE_DELETE: _delete_note,
    Action.NOTE_EDIT: _edit_note,
    Action.NOTE_PUBLISH: _publish_note,
    Action.NOTE_READ: _read_note,
    Action.NOTE_REVIEW: _review_note,
    Action.NOTE_REVIEW_QUEUE: _see_review_queue,
    # --- end notes ---
    # --- events ---
    Action.EVENTS_CREATE: _create_content,
    Action.EVENT_EDIT: _organise_event,
    Action.EVENT_MANAGE_PARTICIPANTS: _organise_event,
    Action.EVENT_READ: _read_content,
    Action.EVENT_REGISTER: _register_for_event,
    Action.EVENT_SEE_ONLINE_LINK: _registered_or_organiser,
    Action.EVENT_SEE_PARTICIPANTS: _registered_or_organiser,
    # --- end events ---
    # --- hub ---
    # An organisation's admins export its content, organisation-only items
    # included; the platform admin does not read those (see the docstring).
    Action.ORGANISATION_EXPORT: lambda user, org: is_org_admin_of(user, org.id),
    # --- end hub ---
    Action.ORGANISATIONS_MANAGE: lambda user, _obj: is_admin(user),
    Action.ORGANISATION_EDIT_PROFILE: _edit_organisation_profile,
    Action.ORGANISATION_MANAGE_PEOPLE: _manage_people,
    Action.ORGANISATION_READ: _read_organisation,
    Action.PERSON_MANAGE: _manage_person,
    Action.USERS_MANAGE: lambda user, _obj: is_admin(user),
    # --- statements ---
    Action.STATEMENT_COMMENT: _comment_on_statement,
    Action.STATEMENT_CREATE: lambda user, _obj: signed_in(user),
    Action.STATEMENT_EDIT: _edit_statement,
    Action.STATEMENT_LEAD: _lead_statement,
    Action.STATEMENT_READ: _read_statement,
    Action.STATEMENT_RESOLVE_COMMENT: _resolve_statement_comment,
    Action.STATEMENT_SIGN: _sign_statement,
    Action.STATEMENT_WITHDRAW_SIGNATURE: _withdraw_signature,
    # --- resources ---
    # Curated topics of the library are kept by the network's coordinators.
    Action.RESOURCE_TOPICS_MANAGE: lambda user, _obj: is_coordinator(user) or is_admin(user),
    # --- trainings ---
    Action.CERTIFICATE_READ: _read_certificate,
    Action.TRAININGS_CREATE: _create_training,
    Action.TRAININGS_MANAGE_COMPETENCIES: lambda user, _obj: is_coordinator(user),
    Action.TRAININGS_NETWORK_STATS: lambda user, _obj: signed_in(user),
    Action.TRAININGS_REPORT: lambda user, _obj: is_coordinator(user),
    Action.TRAINING_ENROL: _enrol_in_training,
    Action.TRAINING_MANAGE: _manage_training,
    Action.TRAINING_NEEDS_ASSESS: lambda user, org: is_org_admin_of(user, org.id),
    Action.TRAINING_NOMINATE: _nominate_for_training,
    Action.TRAINING_ORG_STATS: _read_org_training_stats,
    Action.TRAINING_READ: _read_training,
    Action.TRAINING_RECORD_ATTENDANCE: _record_attendance,
    Action.TRAINING_RECORD_READ: _read_training_record,
    # --- end trainings ---
}

# The action that decides whether an object's existence may be revealed.
READ_ACTION: dict[type, Action] = {
    Organisation: Action.ORGANISATION_READ,
    Note: Action.NOTE_READ,
    Statement: Action.STATEMENT_READ,
    Event: Action.EVENT_READ,
    Programme: Action.TRAINING_READ,
    Certificate: Action.CERTIFICATE_READ,
}


def can(user, action: Action, obj=None) -> bool:
    return bool(RULES[action](user, obj))


def require(action: Action, obj=None, user=None):
    """Abort unless `user` (default: the signed-in user) may act; return `obj`."""
    user = current_user if user is None else user
    if can(user, action, obj):
        return obj
    if obj is not None and not _may_see(user, obj):
        abort(404)
    abort(403)


def _may_see(user, obj) -> bool:
    read_action = READ_ACTION.get(type(obj))
    if read_action is None and hasattr(obj, "visibility"):
        read_action = Action.CONTENT_READ
    if read_action is None:
        return False
    return can(user, read_action, obj)


def public(view):
    """Mark a view that anonymous visitors may open."""
    view.is_public = True
    return view


def template_can(action: str, obj=None) -> bool:
    return can(current_user, Action(action), obj)
