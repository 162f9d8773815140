"""The ZIP of a selection, the Atom feed, the public list and curated topics."""

import io
import zipfile
from xml.etree import ElementTree

from sqlalchemy import select

from rmn_portal.accounts.models import Role
from rmn_portal.content import Visibility
from rmn_portal.resources.models import Topic

from .conftest import docx, pdf, sign_in

ATOM = "{http://www.w3.org/2005/Atom}"


def test_zip_contains_only_what_the_reader_may_see(client, member_a, member_b, add_resource):
    visible = add_resource(member_a, "Network report", files=[
        ("Извештај.pdf", pdf(["visible"])), ("notes.docx", docx())])
    hidden = add_resource(member_a, "Internal plan", visibility=Visibility.ORGANISATION,
                          files=[("secret.pdf", pdf(["secret"]))])
    linked = add_resource(member_a, "Linked study", link="https://example.org/study")
    sign_in(client, member_b)
    response = client.get("/resources/download.zip",
                          query_string={"id": [visible.id, hidden.id, linked.id]}, buffered=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(archive.namelist())
    assert names == [f"{visible.id} Network report/notes.docx",
                     f"{visible.id} Network report/Извештај.pdf", "links.txt"]
    assert b"secret" not in response.data
    assert "https://example.org/study" in archive.read("links.txt").decode()

    # Only hidden ids: nothing to download, and no hint that they exist.
    response = client.get("/resources/download.zip", query_string={"id": [hidden.id]},
                          follow_redirects=True)
    assert "Select the resources you want to download." in response.get_data(as_text=True)


def test_zip_for_anonymous_visitors_has_public_files_only(client, member_a, add_resource):
    public = add_resource(member_a, "Public brief", visibility=Visibility.PUBLIC,
                          files=[("brief.pdf", pdf())])
    network = add_resource(member_a, "Network brief", files=[("net.pdf", pdf())])
    response = client.get("/resources/download.zip",
                          query_string={"id": [public.id, network.id]}, buffered=True)
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert names == [f"{public.id} Public brief/brief.pdf"]


def test_atom_feed_lists_public_resources(client, member_a, add_resource):
    add_resource(member_a, "Public & open", visibility=Visibility.PUBLIC,
                 summary="A **public** summary.")
    add_resource(member_a, "Network only")
    page = client.get("/resources").get_data(as_text=True)
    assert ('<link rel="alternate" type="application/atom+xml" '
            'title="Public resources (Atom)" href="/resources/feed.atom">') in page
    response = client.get("/resources/feed.atom")
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.data)  # noqa: S314 - our own feed, in a test
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Public & open"]
    entry = next(feed.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}summary") == "A public summary."
    assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/resources/")


def test_public_list_without_login(client, member_a, add_resource):
    add_resource(member_a, "Open toolkit", visibility=Visibility.PUBLIC)
    response = client.get("/resources")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Open toolkit" in page
    assert "New resource" not in page and "Trash" not in page


def test_list_filters_sorting_and_pagination(client, member_a, add_resource, db_session):
    topic = Topic(name="Detention", name_sr="Zadržavanje")
    db_session.add(topic)
    db_session.flush()
    for n in range(23):
        add_resource(member_a, f"Report {n:02d}", year=2000 + n % 3,
                     languages=["sr"] if n % 2 else ["en"], countries=["BA"] if n == 5 else [],
                     topic_ids=[topic.id] if n % 5 == 0 else [])
    sign_in(client, member_a)
    page = client.get("/resources").get_data(as_text=True)
    assert "23 resources" in page and "Page 1 of 2" in page and "Report 22" in page
    assert 'href="/resources/new"' in page
    page = client.get("/resources?page=2").get_data(as_text=True)
    assert "Report 00" in page and "Report 22" not in page
    page = client.get("/resources?sort=title").get_data(as_text=True)
    assert page.index("Report 00") < page.index("Report 01")
    page = client.get("/resources?language=sr&year=2001").get_data(as_text=True)
    expected = {n for n in range(23) if n % 2 and 2000 + n % 3 == 2001}
    assert f"{len(expected)} resources" in page
    page = client.get(f"/resources?topic={topic.id}").get_data(as_text=True)
    assert "5 resources" in page
    page = client.get("/resources?country=BA").get_data(as_text=True)
    assert "1 resource" in page and "Report 05" in page
    # Unknown filter values are ignored rather than failing.
    assert client.get("/resources?kind=bogus&year=x&page=99").status_code == 200


def test_coordinators_maintain_topics(client, make, member_a, db_session):
    coordinator = make.user(make.org(), Role.COORDINATOR)
    sign_in(client, member_a)
    assert client.get("/resources/topics").status_code == 403
    sign_in(client, coordinator)
    response = client.post("/resources/topics", data={"name": "Housing", "name_sr": "Stanovanje"})
    assert response.status_code == 302
    topic = db_session.scalar(select(Topic).where(Topic.name == "Housing"))
    assert topic.is_active
    response = client.post("/resources/topics", data={"name": "housing", "name_sr": ""})
    assert response.status_code == 422
    assert "A topic with this name already exists." in response.get_data(as_text=True)
    response = client.post(f"/resources/topics/{topic.id}",
                           data={"name": "Housing", "name_sr": "Stanovanje"})
    assert response.status_code == 302
    db_session.refresh(topic)
    assert not topic.is_active  # the unchecked box hides it
    sign_in(client, member_a)
    assert "Housing" not in client.get("/resources/new").get_data(as_text=True)
