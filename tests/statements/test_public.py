"""What the public sees: the published statement, its signatories, the feed
and the downloads."""

import re
from datetime import timedelta
from io import BytesIO
from xml.etree import ElementTree

from docx import Document

from rmn_portal.db import db, utcnow
from rmn_portal.statements import services, signing

from ..factories import login
from .conftest import draft, open_statement

ATOM = "{http://www.w3.org/2005/Atom}"


def published(network, *, signers=2, withdrawn=1, **kwargs):
    """A published statement: `signers` organisations signed, `withdrawn` more
    signed and withdrew."""
    now = utcnow()
    statement = open_statement(network, now=now - timedelta(days=2), **kwargs)
    admins = network.admins
    for admin in admins[:signers + withdrawn]:
        signing.sign(admin, statement, name=admin.name, title="Director",
                     now=now - timedelta(days=1))
    for admin in admins[signers:signers + withdrawn]:
        signature = next(s for s in signing.active_signatures(signing.current_sign_on(statement))
                         if s.org_id == admin.org_id)
        signing.withdraw_signature(admin, signature, now=now - timedelta(hours=12))
    signing.publish(network.lead, statement, now=now - timedelta(hours=1))
    db.session.commit()
    return statement


def signatory_items(html: str) -> list[str]:
    section = re.search(r'<h2 id="signatories-heading">Signatories</h2>(.*?)</section>', html,
                        re.S).group(1)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip()
            for item in re.findall(r"<li>(.*?)</li>", section, re.S)]


def test_anonymous_visitors_see_the_text_date_and_exactly_the_signatories(client, network):
    statement = published(network, signers=2, withdrawn=1)
    response = client.get(f"/statements/{statement.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Stop pushbacks now" in html and "Everyone has the right to ask for asylum." in html
    assert "Published on" in html
    items = signatory_items(html)
    assert items == [
        f"{network.orgs[0].name} Bosnia and Herzegovina {network.admins[0].name}, Director",
        f"{network.orgs[1].name} North Macedonia {network.admins[1].name}, Director"]
    assert network.orgs[2].name not in html  # signed, then withdrew
    # No drafting tools or discussion for the public.
    assert "Comments" not in html and "Edit text" not in html
    assert f'<link rel="canonical" href="http://localhost/statements/{statement.id}">' in html


def test_logos_are_shown_only_when_allowed_and_served(client, network):
    org = network.orgs[0]
    org.show_logo, org.logo_id = True, None
    statement = published(network)
    html = client.get(f"/statements/{statement.id}").get_data(as_text=True)
    # No logo file and no logo route yet: names only, never a broken image.
    assert "signatory-logo" not in html


def test_drafts_and_open_statements_stay_private(client, network):
    drafting = draft(network, title="Secret draft")
    opened = open_statement(network, title="Open for signature")
    db.session.commit()
    for statement in (drafting, opened):
        response = client.get(f"/statements/{statement.id}")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
        assert client.get(f"/statements/{statement.id}/download.md").status_code == 302
    assert client.get("/statements/999999").status_code == 302  # same answer: no leak
    listing = client.get("/statements").get_data(as_text=True)
    assert "Secret draft" not in listing and "Open for signature</a>" not in listing

    login(client, network.outsider)
    assert client.get(f"/statements/{drafting.id}").status_code == 404
    assert client.get(f"/statements/{opened.id}").status_code == 200
    listing = client.get("/statements").get_data(as_text=True)
    assert "Secret draft" not in listing and ">Open for signature</a>" in listing


def test_the_list_links_the_feed_and_the_new_statement_page(client, network):
    statement = published(network)
    html = client.get("/statements").get_data(as_text=True)
    assert ('<link rel="alternate" type="application/atom+xml" title="Published joint '
            'statements" href="/statements/feed.atom">') in html
    assert statement.title in html
    assert 'href="/statements/new"' not in html  # visitors cannot start one
    login(client, network.outsider)
    assert 'href="/statements/new"' in client.get("/statements").get_data(as_text=True)


def test_the_atom_feed_lists_published_statements(client, network):
    statement = published(network)
    draft(network, title="Not yet")
    db.session.commit()
    response = client.get("/statements/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(response.data)  # noqa: S314 - the portal's own feed
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [statement.title]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"http://localhost/statements/{statement.id}"
    assert {c.get("term") for c in entries[0].findall(f"{ATOM}category")} == {"pushbacks",
                                                                               "border"}


def test_docx_download_is_a_readable_word_document_with_signatories(client, network):
    statement = published(network, body="Our **demand** is clear.\n\n- end pushbacks\n"
                                        "- open the procedure")
    response = client.get(f"/statements/{statement.id}/download.docx")
    assert response.status_code == 200
    assert 'attachment; filename="stop-pushbacks-now-en.docx"' in \
        response.headers["Content-Disposition"]
    document = Document(BytesIO(response.data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    assert lines[0] == "Stop pushbacks now"
    assert "Our demand is clear." in lines
    assert any(run.bold and run.text == "demand" for p in document.paragraphs
               for run in p.runs)
    assert "end pushbacks" in lines
    start = lines.index("Signatories")
    assert lines[start + 1:start + 3] == [
        f"{network.orgs[0].name} (Bosnia and Herzegovina) — {network.admins[0].name}, Director",
        f"{network.orgs[1].name} (North Macedonia) — {network.admins[1].name}, Director"]
    sign_on = signing.current_sign_on(statement)
    assert f"Text fingerprint (SHA-256): {sign_on.text_sha256}" in lines


def test_markdown_download_of_a_translation_speaks_its_language(client, network):
    now = utcnow()
    statement = draft(network)
    services.add_text(network.lead, statement, language="sr", title="Zaustavite vraćanja",
                      body="Tražimo *nezavisnu* istragu.")
    signing.open_for_signature(network.lead, statement, (now + timedelta(days=3)).date(),
                               now=now - timedelta(days=1))
    signing.sign(network.admins[0], statement, now=now - timedelta(hours=2))
    signing.publish(network.lead, statement)
    db.session.commit()
    response = client.get(f"/statements/{statement.id}/download.md?lang=sr")
    assert response.mimetype == "text/markdown"
    text = response.get_data(as_text=True)
    assert text.startswith("# Zaustavite vraćanja\n")
    assert "Tražimo *nezavisnu* istragu." in text
    assert "## Potpisnici" in text
    assert f"- {network.orgs[0].name} (" in text


def test_user_text_is_escaped_on_the_statement_page(client, network):
    statement = draft(network, title='<script>alert("t")</script>',
                      body='<img src=x onerror=alert(1)> [x](javascript:alert(1))')
    db.session.commit()
    login(client, network.lead)
    html = client.get(f"/statements/{statement.id}").get_data(as_text=True)
    assert "<script>alert" not in html and "onerror=alert(1)>" not in html
    assert 'href="javascript' not in html
    assert "&lt;script&gt;alert" in html
