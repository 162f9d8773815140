"""The public site, the personal dashboard and Serbian in both scripts."""

import re
from datetime import timedelta

from rmn_portal.accounts.models import Role
from rmn_portal.content import Visibility
from rmn_portal.db import utcnow
from rmn_portal.events.models import RegistrationStatus, Response
from rmn_portal.events.registrations import rsvp
from rmn_portal.translit import looks_serbian

from ..events.helpers import make_event
from ..factories import login
from .conftest import PRIVATE, add_resource, add_training, published_statement


def _text(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_public_home_shows_public_items_only(client, net):
    page = _text(client.get("/"))
    assert "Stop pushbacks now" in page and "Open legal clinic" in page
    assert "Network strategy meeting" not in page and PRIVATE not in page
    assert "Draft of Iris only" not in page
    assert 'rel="alternate" type="application/atom+xml"' in page
    login(client, net.member)  # signed in, the landing page still shows public items only
    assert "Network strategy meeting" not in _text(client.get("/"))


def test_organisation_profiles_list_their_items(client, net):
    page = _text(client.get(f"/organisations/{net.iris.slug}"))
    assert "Stop pushbacks now" in page and "Open legal clinic" in page
    assert "Network strategy meeting" not in page and PRIVATE not in page
    login(client, net.outsider)
    member_view = _text(client.get(f"/organisations/{net.iris.slug}"))
    assert "Network strategy meeting" in member_view and PRIVATE not in member_view


def test_public_resources_on_the_home_page_and_profiles(client, net):
    add_resource(net.member, "Vodič za azil", Visibility.PUBLIC)
    add_resource(net.member, "Mrežni priručnik", Visibility.NETWORK)
    add_resource(net.member, PRIVATE + " handbook", Visibility.ORGANISATION)
    page = _text(client.get("/"))
    assert "Vodič za azil" in page and "Mrežni priručnik" not in page and PRIVATE not in page
    assert 'href="/resources/feed.atom"' in page
    profile = _text(client.get(f"/organisations/{net.iris.slug}"))
    assert "Vodič za azil" in profile and "Mrežni priručnik" not in profile
    login(client, net.outsider)
    member_view = _text(client.get(f"/organisations/{net.iris.slug}"))
    assert "Mrežni priručnik" in member_view and PRIVATE not in member_view


def test_profiles_list_upcoming_trainings_for_members_only(client, net):
    add_training(net.org_admin, "Iris open training", org=net.iris)
    add_training(net.org_admin, "Iris internal training", org=net.iris,
                 visibility="organisation")
    assert "Iris open training" not in _text(client.get(f"/organisations/{net.iris.slug}"))
    login(client, net.outsider)
    page = _text(client.get(f"/organisations/{net.iris.slug}"))
    assert "Iris open training" in page and "Iris internal training" not in page
    client.post("/logout")
    login(client, net.member)
    assert "Iris internal training" in _text(client.get(f"/organisations/{net.iris.slug}"))


def test_the_dashboard_lists_my_trainings_and_new_resources(client, net):
    from rmn_portal.trainings import enrolment

    mine = add_training(net.coordinator, "Asylum law basics")
    other = add_training(net.coordinator, "Someone else's course")
    enrolment.nominate(net.coordinator, mine, net.outsider)
    add_resource(net.member, "Mrežni priručnik", Visibility.NETWORK)
    add_resource(net.member, PRIVATE + " handbook", Visibility.ORGANISATION)
    login(client, net.outsider)
    page = _text(client.get("/dashboard"))
    assert "1 training you are enrolled in" in page and "Asylum law basics" in page
    assert f'href="/trainings/{mine.id}"' in page
    assert f'href="/trainings/{other.id}"' not in page
    assert "Mrežni priručnik" in page and PRIVATE not in page


def test_the_dashboard_shows_what_needs_me(client, net, make):
    from rmn_portal.statements import services as statements
    from rmn_portal.statements import signing

    open_one = statements.create_statement(net.outsider, title="Open for your signature",
                                           body="Text", language="en")
    signing.open_for_signature(net.outsider, open_one, (utcnow() + timedelta(days=9)).date())
    approval = make_event(net.member, title="Workshop needing approval",
                          visibility=Visibility.NETWORK, requires_approval=True)
    rsvp(net.outsider, approval, Response.GOING)
    login(client, net.org_admin)
    page = _text(client.get("/dashboard"))
    assert "Open for your signature" in page  # Iris has not signed it yet
    assert "Workshop needing approval" in page and "1 waiting" in page
    assert PRIVATE in page  # recent activity: Iris's own private event, for Iris


def test_the_dashboard_lists_my_events_and_never_others_private_items(client, net):
    rsvp(net.outsider, net.network_event, Response.GOING)
    login(client, net.outsider)
    page = _text(client.get("/dashboard"))
    assert "Your upcoming events" in page and "Network strategy meeting" in page
    assert PRIVATE not in page and "Draft of Iris only" not in page
    assert net.network_event.registration_status(net.outsider) is RegistrationStatus.GOING


def test_coordinators_see_notes_waiting_for_review(client, net, make):
    from rmn_portal.notes import services as notes

    from .conftest import note_fields

    note = notes.create_draft(net.member, note_fields())
    notes.submit(net.member, note)
    login(client, net.coordinator)
    page = _text(client.get("/dashboard"))
    assert f"/notes/{note.id}/review" in page and "1 note waiting for your review" in page
    client.post("/logout")
    login(client, make.user(net.drina, Role.MEMBER))
    assert "waiting for your review" not in _text(client.get("/dashboard"))


def test_a_full_panel_lists_five_and_counts_them_all(client, net):
    """The panel's items and its total come from one query (a window count
    taken before the LIMIT): seven notes waiting show five and say seven."""
    from rmn_portal.notes import services as notes

    from .conftest import note_fields

    for _ in range(7):
        notes.submit(net.member, notes.create_draft(net.member, note_fields()))
    login(client, net.coordinator)
    page = _text(client.get("/dashboard"))
    assert "7 notes waiting for your review" in page
    assert len(re.findall(r'href="/notes/\d+/review"', page)) == 5


def test_serbian_user_text_follows_the_readers_script(client, net):
    published_statement(net.member, "Zajednička izjava o pravu na azil", language="sr")
    make_event(net.member, title="Radionica o pravima izbeglica", visibility=Visibility.PUBLIC)
    client.set_cookie("rmn_lang", "sr_Cyrl")
    page = _text(client.get("/"))
    assert "Заједничка изјава о праву на азил" in page
    assert "Радионица о правима избеглица" in page
    assert "Open legal clinic" in page  # English stays as written
    client.set_cookie("rmn_lang", "sr_Latn")
    assert "Zajednička izjava o pravu na azil" in _text(client.get("/"))


def test_serbian_user_text_in_the_readers_script_on_every_feature(client, net):
    from rmn_portal.db import db

    from .conftest import published_note

    resource = add_resource(net.member, "Vodič za žalbu", Visibility.PUBLIC,
                            summary="Kako se piše **žalba**.")
    english = add_resource(net.member, "Detention at the border", Visibility.PUBLIC)
    english.language_rows[0].code = "en"
    event = make_event(net.member, title="Radionica o žalbama", visibility=Visibility.PUBLIC,
                       description="Učimo kako se piše žalba.", venue="Dom omladine")
    programme = add_training(net.coordinator, "Obuka o žalbama")
    note = published_note(net.member, net.coordinator,
                          narrative="Treba mu pomoć oko žalbe na odluku.")
    statement = published_statement(net.member, "Izjava o žalbama", language="sr")
    event.outcome_notes = "Došlo je dvadeset ljudi."  # written once the event started
    db.session.flush()
    net.member.locale = "sr_Cyrl"
    login(client, net.member)
    pages = {
        f"/resources/{resource.id}": ["<h1>Водич за жалбу</h1>", "Како се пише <strong>жалба"],
        f"/resources/{english.id}": ["<h1>Detention at the border</h1>"],
        "/resources": ["Водич за жалбу"],
        f"/events/{event.id}": ["<h1>Радионица о жалбама</h1>", "Учимо како се пише жалба.",
                                "Дом омладине", "Дошло је двадесет људи."],
        "/events": ["Радионица о жалбама"],
        f"/trainings/{programme.id}": ["<h1>Обука о жалбама"],
        "/trainings": ["Обука о жалбама"],
        f"/notes/{note.id}": ["Треба му помоћ око жалбе на одлуку."],
        "/notes": ["Треба му помоћ око жалбе на одлуку."],
        f"/statements/{statement.id}": ["Изјава о жалбама"],
    }
    for path, expected in pages.items():
        page = _text(client.get(path))
        for fragment in expected:
            assert fragment in page, (path, fragment)
    net.member.locale = "en"
    assert "<h1>Vodič za žalbu</h1>" in _text(client.get(f"/resources/{resource.id}"))


def test_guessing_serbian():
    assert looks_serbian("Radionica o pravima izbeglica")
    assert looks_serbian("Pravna pomoć")
    assert looks_serbian("Правна помоћ")
    assert not looks_serbian("Workshop on the rights of refugees")
    assert not looks_serbian("Правна помош во Скопје ѓ")  # Macedonian stays as written
