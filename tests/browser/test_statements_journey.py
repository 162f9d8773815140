"""Two editors draft a statement at the same time, nothing is lost, two
organisations sign, the lead publishes and the public sees it — in Chromium."""

from datetime import timedelta

from playwright.sync_api import expect

from rmn_portal.accounts.models import Role
from rmn_portal.db import utcnow

from ..factories import PASSWORD
from .conftest import expect_status, sign_in

FIRST = "Pushbacks at the border must stop."
SECOND = "Everyone has the right to ask for asylum."


def test_two_editors_conflict_merge_sign_publish(live_server, new_page):
    with live_server.data() as make:
        lead_org = make.org(name="Iris Journey Collective", slug="iris-journey", country="RS")
        lead = make.user(lead_org, Role.MEMBER, name="Lena Journey",
                         email="lena.journey@example.org")
        editor = make.user(make.org(name="Drina Journey Rights", slug="drina-journey",
                                    country="BA"),
                           Role.MEMBER, name="Edin Journey", email="edin.journey@example.org")
        signers = [make.user(make.org(name=name, slug=slug, country=country), Role.ORG_ADMIN,
                             name=f"Admin {slug}", email=f"admin@{slug}.example.org")
                   for name, slug, country in (("Una Journey Point", "una-journey", "BA"),
                                               ("Vardar Journey House", "vardar-journey", "MK"))]
        emails = (lead.email, editor.email, [s.email for s in signers])
    lead_email, editor_email, signer_emails = emails

    # The lead starts the draft and invites an editor from another organisation.
    lead_page = new_page()
    sign_in(lead_page, lead_email, PASSWORD)
    lead_page.goto("/statements")
    lead_page.get_by_role("link", name="New statement").click()
    lead_page.get_by_label("Title").fill("Stop pushbacks now")
    lead_page.get_by_label("Text").fill(f"{FIRST}\n\n{SECOND}")
    lead_page.get_by_role("button", name="Start drafting").click()
    lead_page.get_by_role("link", name="Team and tags").click()
    lead_page.get_by_label("E-mail address").fill(editor_email)
    lead_page.get_by_role("button", name="Invite editor").click()
    expect(lead_page.get_by_text("Edin Journey can now edit this statement")).to_be_visible()
    statement_url = lead_page.get_by_role("link", name="Back to the statement").get_attribute(
        "href").split("?")[0]

    # Both editors open the same revision at the same time.
    editor_page = new_page()
    sign_in(editor_page, editor_email, PASSWORD)
    editor_page.goto(statement_url)
    editor_page.get_by_role("link", name="Edit text").click()
    lead_page.goto(statement_url)
    lead_page.get_by_role("link", name="Edit text").click()

    lead_page.get_by_label("Text").fill(f"Violent pushbacks at the border must stop.\n\n{SECOND}")
    lead_page.get_by_role("button", name="Save").click()
    expect(lead_page.get_by_text("Saved as revision 2.")).to_be_visible()

    mine = f"{FIRST}\n\nEveryone has the right to ask for asylum and to be heard."
    editor_page.get_by_label("Text").fill(mine)
    with expect_status(editor_page, 409):
        editor_page.get_by_role("button", name="Save").click()
        heading = editor_page.get_by_role("heading", level=1)
        assert heading.inner_text() == "Someone else saved this text while you were editing"
        # Both texts are there: the editor's own, and the other change as a diff.
        assert editor_page.get_by_label("Text", exact=True).input_value() == mine
        their_change = editor_page.locator("section", has=editor_page.get_by_role(
            "heading", name="Their change"))
        assert their_change.locator("ins").first.inner_text().startswith("inserted:")
        assert "Violent" in their_change.locator("ins").first.inner_text()
        merged = ("Violent pushbacks at the border must stop.\n\n"
                  "Everyone has the right to ask for asylum and to be heard.")
        editor_page.get_by_label("Text", exact=True).fill(merged)
        editor_page.get_by_label("What did you change?").fill("Merged with Lena's change")
        editor_page.get_by_role("button", name="Save merged text").click()
    expect(editor_page.get_by_text("Saved as revision 3.")).to_be_visible()
    text = editor_page.locator(".statement-text")
    expect(text.get_by_text("Violent pushbacks at the border must stop.")).to_be_visible()
    expect(text.get_by_text("and to be heard.")).to_be_visible()

    # The lead opens the merged text for signature.
    lead_page.goto(statement_url)
    lead_page.get_by_role("link", name="Open for signature").click()
    deadline = (utcnow() + timedelta(days=7)).date().isoformat()
    lead_page.get_by_label("Deadline").fill(deadline)
    lead_page.get_by_role("button", name="Open for signature").click()
    expect(lead_page.get_by_text("The statement is open for signature.")).to_be_visible()

    # Two organisation admins sign, each in their own browser.
    for email in signer_emails:
        signer_page = new_page()
        sign_in(signer_page, email, PASSWORD)
        signer_page.goto(statement_url)
        signer_page.get_by_role("link", name="Sign for").click()
        signer_page.get_by_label("Title or position").fill("Executive director")
        signer_page.get_by_label("I may sign this statement on behalf of").check()
        signer_page.get_by_role("button", name="Sign", exact=True).click()
        expect(signer_page.get_by_text("has signed the statement.")).to_be_visible()

    lead_page.goto(statement_url)
    lead_page.get_by_role("button", name="Publish").click()
    expect(lead_page.get_by_text("The statement has been published.")).to_be_visible()

    # An anonymous visitor sees the published statement with its two signatories.
    visitor = new_page()
    visitor.goto("/statements")
    visitor.get_by_role("link", name="Stop pushbacks now").click()
    expect(visitor.get_by_role("heading", name="Stop pushbacks now", level=1)).to_be_visible()
    assert visitor.get_by_text(
        "Everyone has the right to ask for asylum and to be heard.").is_visible()
    signatories = visitor.get_by_role("region", name="Signatories").get_by_role("listitem")
    assert signatories.count() == 2
    assert signatories.nth(0).inner_text().startswith("Una Journey Point")
    assert signatories.nth(1).inner_text().startswith("Vardar Journey House")
    expect(visitor.get_by_text("Published on")).to_be_visible()
