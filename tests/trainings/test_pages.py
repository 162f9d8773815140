"""Dashboards (charts with their data tables, suppressed), the sign-in
sheet, and sessions in the calendar feed."""

import re

from rmn_portal.trainings import attendance
from rmn_portal.trainings.attendance import Mark
from rmn_portal.trainings.models import AttendanceStatus

from ..factories import login
from .conftest import enrol_all, make_programme


def test_dashboards_draw_accessible_charts_beside_suppressed_tables(client, net, make):
    programme = make_programme(net, days=(-3,))
    people = [make.user(net.iris) for _ in range(6)] + [net.luka_staff[0]]
    items = enrol_all(net, programme, people)
    attendance.record(net.coordinator, programme.sessions[0],
                      {e.id: Mark(AttendanceStatus.PRESENT) for e in items})
    login(client, net.luka_staff[1])
    body = client.get("/trainings/dashboard").get_data(as_text=True)
    charts = re.findall(r'<svg role="img" aria-labelledby="([^"]+)"', body)
    assert charts and all(" " in labels for labels in charts)  # title and description
    assert 'href="#table-countries"' in body and 'id="table-countries"' in body
    assert "&lt;5" in body  # Bosnia and Herzegovina: one person
    main = re.search(r"<main.*</main>", body, re.S).group(0)
    assert not any(person.name in main for person in people)  # counts, never names
    org_page = client.get(f"/trainings/dashboard/{net.luka.slug}").get_data(as_text=True)
    assert "Staff trained" in org_page and "Luka Person 1" not in org_page  # members: no list
    client.post("/logout")
    login(client, net.luka_admin)
    org_page = client.get(f"/trainings/dashboard/{net.luka.slug}").get_data(as_text=True)
    assert "Luka Person 1" in org_page  # the organisation admin sees their staff


def test_sign_in_sheet_lists_participants_and_prints(client, net):
    programme = make_programme(net, days=(2,))
    enrol_all(net, programme, [net.iris_staff[0], net.luka_staff[0]])
    login(client, net.coordinator)
    body = client.get(f"/trainings/{programme.id}/sessions/{programme.sessions[0].id}"
                      "/sign-in-sheet").get_data(as_text=True)
    assert "Iris Person 1" in body and "Luka Person 1" in body
    assert "Signature" in body and "trainings.css" in body


def test_published_sessions_are_in_the_network_calendar(client, net):
    programme = make_programme(net, days=(6,), title="Referral mechanisms")
    login(client, net.luka_staff[0])
    agenda = client.get("/events").get_data(as_text=True)
    assert "Referral mechanisms, session 1" in agenda
    draft = make_programme(net, days=(6,), title="Unpublished course", publish=False)
    assert "Unpublished course" not in client.get("/events").get_data(as_text=True)
    assert programme.sessions[0].event.kind == "training_session"
    assert draft.sessions[0].event.visibility == "organisation"
