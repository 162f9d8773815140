"""A note's whole journey in a real browser: a member writes a draft with a
name, a Serbian phone number and an exact age, sees them highlighted and
submits; a coordinator of another organisation approves and publishes; an
anonymous visitor sees placeholders and an age band, and the name nowhere."""

import re

from playwright.sync_api import expect
from sqlalchemy import select

from rmn_portal.accounts.models import Role, User
from rmn_portal.notes.models import Note

from ..factories import PASSWORD, totp_code
from .conftest import sign_in

NAME = "Farshad Rahimi"
PHONE = "064 123 4567"
NARRATIVE = (f"My client {NAME}, 24 years old, phone {PHONE}, was sent away from a flat in "
             "Krnjača because he is gay.\nHe needs safe accommodation this week.")


def test_note_from_draft_to_public_page(live_server, new_page):
    with live_server.data() as make:
        iris = make.org(name="Iris Journey Collective")
        drina = make.org(name="Drina Journey Network")
        author = make.user(iris, name="Ana Journey", email="ana.journey@example.org")
        coordinator = make.user(drina, Role.COORDINATOR, name="Kim Journey",
                                email="kim.journey@example.org")
        author_email, coordinator_id = author.email, coordinator.id

    # The member writes the draft.
    member = new_page()
    sign_in(member, author_email, PASSWORD)
    member.goto("/notes")
    member.get_by_role("link", name="New note").first.click()
    member.get_by_label("Safe accommodation").check()
    member.get_by_label("Gay").check()
    member.get_by_label("Age band").select_option(label="18–24")
    member.get_by_label("Region of origin").select_option(label="Middle East")
    member.get_by_label("Region where the need arose").select_option(label="Belgrade region")
    member.get_by_label("Period").fill("2026-03")
    member.get_by_label("Urgency").select_option(label="Urgent: within days")
    member.get_by_role("textbox", name="Narrative").fill(NARRATIVE)

    # The small script highlights while typing ...
    live = member.locator("#preview-body mark.finding-name", has_text=NAME)
    live.wait_for()
    # ... and the button does the same without it.
    member.get_by_role("button", name="Check for personal data").click()
    member.wait_for_url(re.compile(r"/notes/\d+/edit#preview"))
    highlighted = member.get_by_test_id("highlighted")
    expect(highlighted.locator("mark.finding-name", has_text=NAME)).to_be_visible()
    expect(highlighted.locator("mark.finding-phone", has_text=PHONE)).to_be_visible()
    expect(highlighted.locator("mark.finding-age", has_text="24 years old")).to_be_visible()
    redacted = member.get_by_test_id("redacted").inner_text()
    assert NAME not in redacted and "[NAME]" in redacted and "[PHONE]" in redacted
    member.get_by_role("button", name="Submit for review").click()
    member.wait_for_url(re.compile(r"/notes/\d+/edit"))
    expect(member.get_by_text("The note is with the reviewers.")).to_be_visible()
    note_id = int(re.search(r"/notes/(\d+)/", member.url).group(1))

    # A coordinator of another organisation approves and publishes.
    reviewer = new_page()
    with live_server.context() as session:
        code = totp_code(session.get(User, coordinator_id))
    sign_in(reviewer, "kim.journey@example.org", PASSWORD, code)
    reviewer.goto("/notes/review")
    reviewer.get_by_role("link", name=re.compile(f"Note {note_id}")).click()
    assert NAME not in reviewer.content() and PHONE not in reviewer.content()
    reviewer.get_by_role("button", name="Approve").click()
    reviewer.get_by_role("button", name="Publish").click()
    reviewer.wait_for_url(f"**/notes/{note_id}")

    # An anonymous visitor reads it.
    visitor = new_page()
    visitor.goto("/notes")
    visitor.locator(f"a[href='/notes/{note_id}']").click()
    text = visitor.locator("article").inner_text()
    assert "[NAME]" in text and "[PHONE]" in text
    assert "18–24" in text  # the exact age became its band
    assert "24 years old" not in text
    for path in ("/", "/notes", f"/notes/{note_id}", "/notes/feed.atom", "/notes/dashboard",
                 "/notes/dashboard.csv?year=2026", "/organisations"):
        response = visitor.request.get(path)
        assert response.ok, path
        body = response.text()
        assert "Farshad" not in body and "Rahimi" not in body and PHONE not in body, path

    with live_server.context() as session:
        note = session.scalar(select(Note).where(Note.id == note_id))
        assert note.narrative is None and NAME not in note.redacted_narrative
