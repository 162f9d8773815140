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
from sqlalchemy import false, or_, true
from sqlalchemy.sql import ColumnElement

from .accounts.models import Role, User
from .content import Visibility
from .orgs.models import Organisation


class Action(StrEnum):
    AUDIT_READ = "audit:read"
    CONTENT_CREATE = "content:create"
    CONTENT_EDIT = "content:edit"
    CONTENT_READ = "content:read"
    ORGANISATIONS_MANAGE = "organisations:manage"
    ORGANISATION_EDIT_PROFILE = "organisation:edit_profile"
    ORGANISATION_MANAGE_PEOPLE = "organisation:manage_people"
    ORGANISATION_READ = "organisation:read"
    PERSON_MANAGE = "person:manage"
    USERS_MANAGE = "users:manage"
    # --- resources ---
    RESOURCE_TOPICS_MANAGE = "resource_topics:manage"


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


RULES: dict[Action, Rule] = {
    Action.AUDIT_READ: lambda user, _obj: is_admin(user),
    Action.CONTENT_CREATE: _create_content,
    Action.CONTENT_EDIT: _edit_content,
    Action.CONTENT_READ: _read_content,
    Action.ORGANISATIONS_MANAGE: lambda user, _obj: is_admin(user),
    Action.ORGANISATION_EDIT_PROFILE: _edit_organisation_profile,
    Action.ORGANISATION_MANAGE_PEOPLE: _manage_people,
    Action.ORGANISATION_READ: _read_organisation,
    Action.PERSON_MANAGE: _manage_person,
    Action.USERS_MANAGE: lambda user, _obj: is_admin(user),
    # --- resources ---
    # Curated topics of the library are kept by the network's coordinators.
    Action.RESOURCE_TOPICS_MANAGE: lambda user, _obj: is_coordinator(user) or is_admin(user),
}

# The action that decides whether an object's existence may be revealed.
READ_ACTION: dict[type, Action] = {Organisation: Action.ORGANISATION_READ}


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
