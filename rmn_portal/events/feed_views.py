"""iCalendar downloads and feeds, and the page that manages one's personal feed."""

import hashlib
from datetime import timedelta

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from ..content import Visibility
from ..db import db, utcnow
from ..forms import render_form
from ..permissions import Action, can, public, visible_to
from ..security import form_view
from . import ical, subscriptions
from .blueprint import bp, load_event
from .forms import SubscriptionForm
from .models import INTERESTED, Event, Registration, RegistrationStatus
from .queries import not_over

# Feeds carry what is coming and what has just been (so that cancellations
# of recent events reach subscribers too), within sensible bounds.
FEED_PAST = timedelta(days=60)
FEED_LIMIT = 1000


def _calendar(events: list[Event], *, name: str, filename: str, private: bool,
              statuses: dict | None = None, may_see_link=lambda _event: False) -> Response:
    """The calendar as a response. Calendar programs poll feeds often and
    rendering is the costly part, so a fingerprint of what the calendar would
    contain serves as ETag: an unchanged feed answers 304 without rendering."""
    statuses = statuses or {}
    links = [event.id for event in events if may_see_link(event)]
    fingerprint = hashlib.sha256(repr((
        name, str(get_locale()), sorted(statuses.items()), links,
        [(e.id, e.updated_at.isoformat(), e.sequence, e.status) for e in events],
    )).encode()).hexdigest()[:32]
    headers = {
        "Content-Disposition": f'inline; filename="{filename}"',
        # Personal calendars may be kept by the program that fetched them,
        # never by a shared cache; public ones by anyone for five minutes.
        "Cache-Control": "private, no-cache" if private else "public, max-age=300",
        "X-Robots-Tag": "noindex",
    }
    if request.if_none_match.contains(fingerprint):
        response = Response(status=304, headers=headers)
    else:
        body = ical.build_calendar(events, name=name, statuses=statuses,
                                   may_see_link=lambda e: e.id in links)
        response = Response(body, mimetype=ical.MEDIA_TYPE, headers=headers)
    response.set_etag(fingerprint)
    return response


@bp.route("/<int:event_id>.ics")
@public
def event_ics(event_id: int):
    event = load_event(event_id)
    statuses = {}
    if current_user.is_authenticated:
        status = event.registration_status(current_user)
        statuses = {event.id: status} if status else {}
    show_link = can(current_user, Action.EVENT_SEE_ONLINE_LINK, event)
    return _calendar([event], name=event.title, filename=f"event-{event.id}.ics",
                     private=event.visibility != Visibility.PUBLIC or show_link,
                     statuses=statuses, may_see_link=lambda _event: show_link)


@bp.route("/public.ics")
@public
def public_feed():
    events = db.session.scalars(
        select(Event).where(Event.visibility == Visibility.PUBLIC,
                            not_over(utcnow() - FEED_PAST))
        .order_by(Event.starts_at).limit(FEED_LIMIT)).all()
    return _calendar(list(events), name=_("Public events of the Rainbow Migration Network"),
                     filename="rmn-public-events.ics", private=False)


@bp.route("/feeds/<token>.ics")
@public
def personal_feed(token: str):
    """A subscriber's calendar: the events they registered for and, if they
    chose, every event they can see. Rights are checked as of now, for the
    person the token belongs to."""
    subscription = subscriptions.by_token(token)
    if subscription is None:
        abort(404)
    user = subscription.user
    mine = select(Registration.event_id).where(Registration.user_id == user.id,
                                               Registration.status.in_(INTERESTED))
    wanted = or_(Event.id.in_(mine), Event.visibility.in_([Visibility.NETWORK,
                                                            Visibility.PUBLIC])
                 ) if subscription.include_network else Event.id.in_(mine)
    events = db.session.scalars(
        select(Event).where(visible_to(user, Event), wanted,
                            not_over(utcnow() - FEED_PAST))
        .order_by(Event.starts_at).limit(FEED_LIMIT)).all()
    statuses = dict(db.session.execute(
        select(Registration.event_id, Registration.status)
        .where(Registration.user_id == user.id,
               Registration.event_id.in_([e.id for e in events]))).all())
    organised = {e.id for e in events if can(user, Action.EVENT_EDIT, e)}
    with force_locale(user.locale):  # a calendar program sends no language cookie
        response = _calendar(
            list(events), name=_("My events — %(network)s",
                                 network=current_app.config["NETWORK_NAME"]),
            filename="my-events.ics", private=True, statuses=statuses,
            may_see_link=lambda e: e.id in organised
            or statuses.get(e.id) is RegistrationStatus.GOING)
    db.session.commit()  # when the feed was last used
    return response


@bp.route("/subscriptions", methods=["GET", "POST"])
@form_view
def manage_subscription():
    subscription = subscriptions.subscription_of(current_user)
    form = SubscriptionForm(data={"include_network": bool(subscription and
                                                          subscription.include_network)})
    if request.method == "POST":
        form = SubscriptionForm()
        if form.validate_on_submit():
            if subscription is None:
                token = subscriptions.issue_token(current_user,
                                                  include_network=form.include_network.data)
                db.session.commit()
                return _show_new_url(token)
            subscriptions.set_include_network(current_user, form.include_network.data)
            db.session.commit()
            flash(_("Your calendar settings have been saved."), "success")
            return redirect(url_for("events.manage_subscription"))
    return render_form("events/subscriptions.html", form, subscription=subscription,
                       new_url=None)


def _show_new_url(token: str):
    """The only time the address is shown: only its hash is kept."""
    subscription = subscriptions.subscription_of(current_user)
    form = SubscriptionForm(formdata=None,
                            data={"include_network": subscription.include_network})
    url = ical.absolute(url_for("events.personal_feed", token=token))
    return render_template("events/subscriptions.html", form=form, subscription=subscription,
                           new_url=url, webcal_url="webcal://" + url.split("://", 1)[1])


@bp.route("/subscriptions/regenerate", methods=["POST"])
def regenerate_subscription():
    token = subscriptions.issue_token(current_user)
    db.session.commit()
    flash(_("Your calendar has a new address. The old one no longer works: update it in your "
            "calendar program."), "success")
    return _show_new_url(token)


@bp.route("/subscriptions/revoke", methods=["POST"])
def revoke_subscription():
    if subscriptions.revoke(current_user):
        db.session.commit()
        flash(_("Your calendar address has been switched off."), "success")
    return redirect(url_for("events.manage_subscription"))
