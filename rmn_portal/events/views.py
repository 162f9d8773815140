"""Calendar pages and the event itself: agenda, month grid, create, edit, cancel."""

from datetime import datetime
from itertools import groupby

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..db import db, utcnow
from ..errors import ServiceError
from ..forms import attach_error, render_form
from ..orgs.models import Organisation
from ..pagecache import cached_page
from ..params import page_number
from ..permissions import Action, can, public, require
from ..security import form_view
from . import (  # noqa: F401 - feed_views and participant_views add their routes to bp
    calendar_grid,
    feed_views,
    participant_views,
    queries,
    services,
)
from .blueprint import bp, load_event
from .forms import CancelForm, EventFilterForm, EventForm, add_blank_questions
from .localtime import local_midnight, reader_zone, to_local
from .models import Event, Frequency
from .participant_views import render_detail
from .services import EditConflict, Repeat, Scope


def _filters():
    form = EventFilterForm(request.args, orgs=queries.filter_organisations(current_user))
    return form, form.active()


def _list_extras(events: list[Event]) -> dict:
    ids = [event.id for event in events]
    return {"going": queries.going_counts(ids), "statuses": queries.statuses_of(current_user, ids)}


@bp.route("")
@public
@cached_page
def index():
    form, filters = _filters()
    past = request.args.get("when") == "past"
    tz = reader_zone()
    # "From this day" (the calendar's "+N more" links): events still running then.
    since_day = None if past else calendar_grid.parse_day(request.args.get("from"))
    since = local_midnight(since_day, tz) if since_day else None
    page = queries.agenda(current_user, filters, past=past, page=page_number(), now=since)
    days = [(day, list(events)) for day, events in
            groupby(page.items, key=lambda e: e.starts_at.astimezone(tz).date())]
    return render_template("events/index.html", form=form, page=page, days=days, past=past,
                           filters=filters, tz=tz, since_day=since_day,
                           **_list_extras(page.items))


@bp.route("/month")
@public
@cached_page
def month():
    form, filters = _filters()
    tz = reader_zone()
    today = datetime.now(tz).date()
    first = calendar_grid.parse_month(request.args.get("month"), today)
    start, end = calendar_grid.grid_bounds(first, tz)
    times = queries.grid_times(current_user, filters, start, end)
    weeks = calendar_grid.month_grid(first, times, tz, today)
    events = queries.events_by_id(current_user, calendar_grid.shown_ids(weeks))
    calendar_grid.fill(weeks, events)
    return render_template(
        "events/month.html", form=form, filters=filters, first=first, tz=tz, weeks=weeks,
        previous=calendar_grid.shift_month(first, -1), next=calendar_grid.shift_month(first, 1),
        has_events=any(day.events for week in weeks for day in week if day.in_month),
        **_list_extras(events))


@bp.route("/<int:event_id>")
@public
@cached_page
def detail(event_id: int):
    return render_detail(load_event(event_id))


# --- create and edit ------------------------------------------------------------------------

def _partner_choices(organiser_id: int):
    """Organisations that may co-organise: every active one but the organiser."""
    orgs = db.session.scalars(select(Organisation).where(Organisation.is_active)
                              .order_by(Organisation.name)).all()
    return [(org.id, org.name) for org in orgs if org.id != organiser_id]


def _event_form(organiser_id: int, **kwargs) -> EventForm:
    return EventForm(tz=reader_zone(), org_choices=_partner_choices(organiser_id), **kwargs)


def _values(form: EventForm) -> dict:
    return {
        "title": form.title.data, "description": form.description.data or "",
        "kind": form.kind.data, "format": form.format.data, "venue": form.venue.data or "",
        "city": form.city.data or "", "country": form.country.data or "",
        "online_url": form.online_url.data or "", "starts_at": form.utc(form.starts_at),
        "ends_at": form.utc(form.ends_at),
        "registration_deadline": form.utc(form.registration_deadline),
        "capacity": form.capacity.data, "requires_approval": form.requires_approval.data,
        "visibility": form.visibility.data, "languages": form.languages.data or [],
        "questions": form.question_list(),
    }


def _partners(form: EventForm) -> list[Organisation]:
    ids = form.coorganisers.data or []
    if not ids:
        return []
    return list(db.session.scalars(select(Organisation).where(Organisation.id.in_(ids))))


def _repeat(form: EventForm) -> Repeat | None:
    if not form.repeat.data:
        return None
    return Repeat(Frequency(form.repeat.data), until=form.repeat_until.data,
                  count=form.repeat_count.data)


def _clashes(form: EventForm, values: dict, ranges, exclude=()) -> list[Event]:
    if form.confirm_clash.data:
        return []
    found = services.find_clashes(ranges=ranges, country=values["country"],
                                  visibility=values["visibility"], exclude_ids=exclude)
    return [event for event in found if can(current_user, Action.EVENT_READ, event)]


@bp.route("/new", methods=["GET", "POST"])
@form_view
def create():
    require(Action.EVENTS_CREATE)
    form = _event_form(current_user.org_id)
    clashes = []
    if form.validate_on_submit():
        values = {**_values(form), "timezone": reader_zone().key}
        repeat = _repeat(form)
        try:
            clashes = _clashes(form, values, services.planned_ranges(values, repeat))
            if not clashes:
                event = services.create_event(current_user, coorganisers=_partners(form),
                                              repeat=repeat, **values)
                db.session.commit()
                flash(_("The event has been created."), "success")
                return redirect(url_for("events.detail", event_id=event.id))
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
    add_blank_questions(form)
    return render_form("events/form.html", form, event=None, clashes=clashes)


def _form_data(event: Event) -> dict:
    tz = reader_zone()
    return {
        "title": event.title, "description": event.description, "kind": event.kind.value,
        "format": event.format.value, "venue": event.venue, "city": event.city,
        "country": event.country, "online_url": event.online_url,
        "starts_at": to_local(event.starts_at, tz), "ends_at": to_local(event.ends_at, tz),
        "registration_deadline": to_local(event.registration_deadline, tz),
        "capacity": event.capacity, "requires_approval": event.requires_approval,
        "visibility": event.visibility.value, "languages": event.language_codes,
        "coorganisers": [org.id for org in event.coorganisers],
        "questions": [{"qid": q["id"], "text": q["label"], "choices": " | ".join(q["choices"]),
                       "required": q.get("required", False)} for q in event.questions or []],
        "version": str(event.version),
    }


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@form_view
def edit(event_id: int):
    event = load_event(event_id, Action.EVENT_EDIT)
    if event.is_cancelled:
        flash(_("A cancelled event cannot be changed."), "error")
        return redirect(url_for("events.detail", event_id=event.id))
    form = (_event_form(event.org_id) if request.method == "POST"
            else _event_form(event.org_id, data=_form_data(event)))
    clashes, conflict, status = [], None, None
    if form.validate_on_submit():
        values = _values(form)
        scope = Scope(form.scope.data) if event.series_id else Scope.OCCURRENCE
        clashes = _clashes(form, values, [(values["starts_at"], values["ends_at"])],
                           exclude=[event.id])
        if not clashes:
            try:
                services.update_event(current_user, event, scope=scope,
                                      expected_version=_int(form.version.data),
                                      coorganisers=_partners(form), **values)
            except EditConflict:
                db.session.rollback()
                conflict = _form_data(db.session.get(Event, event_id))
                form.version.data = conflict["version"]
                status = 409
            except ServiceError as error:
                db.session.rollback()
                attach_error(form, error)
            else:
                db.session.commit()
                flash(_("The event has been saved."), "success")
                return redirect(url_for("events.detail", event_id=event.id))
    add_blank_questions(form)
    return render_form("events/form.html", form, status=status, event=event, clashes=clashes,
                       conflict=conflict)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@bp.route("/<int:event_id>/cancel", methods=["GET", "POST"])
@form_view
def cancel(event_id: int):
    event = load_event(event_id, Action.EVENT_EDIT)
    form = CancelForm()
    if form.validate_on_submit():
        scope = Scope(form.scope.data) if event.series_id else Scope.OCCURRENCE
        try:
            services.cancel_event(current_user, event, reason=form.reason.data, scope=scope,
                                  now=utcnow())
        except ServiceError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            db.session.commit()
            flash(_("The event has been cancelled; people who registered have been told."),
                  "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_form("events/cancel.html", form, event=event)
