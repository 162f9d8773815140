"""A member uploads a PDF with a Cyrillic file name; a member of another
organisation finds it by searching in Latin script and downloads it."""

import re

from playwright.sync_api import expect

from rmn_portal.resources.samples import pdf_with_text

from ..factories import PASSWORD
from .conftest import sign_in

FILE_NAME = "Извештај о азилу 2025.pdf"


def test_upload_cyrillic_pdf_then_find_it_in_latin_and_download(live_server, new_page):
    with live_server.data() as make:
        author = make.user(make.org(name="Iris Upload Collective"), name="Vesna Uploader",
                           email="vesna.upload@example.org")
        reader = make.user(make.org(name="Drina Reading Network"), name="Kenan Reader",
                           email="kenan.reader@example.org")
        author_email, reader_email = author.email, reader.email

    page = new_page()
    sign_in(page, author_email, PASSWORD)
    page.wait_for_url("**/dashboard")
    page.goto("/resources")
    page.get_by_role("link", name="New resource").click()
    page.get_by_label("Title").fill("Извештај о азилу за ЛГБТИ+ особе")
    page.get_by_label("Kind").select_option(label="Report")
    page.get_by_label("Summary").fill("Годишњи преглед поступака азила.")
    page.get_by_label("Serbian").check()
    page.get_by_label("Everyone in the network").check()
    page.get_by_label("Files").set_input_files(files=[{
        "name": FILE_NAME, "mimeType": "application/pdf",
        "buffer": pdf_with_text(["Annual review of asylum procedures"])}])
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/resources/\d+$"))
    expect(page.get_by_role("heading", name="Извештај о азилу за ЛГБТИ+ особе")).to_be_visible()
    expect(page.get_by_role("link", name=f"Download {FILE_NAME}")).to_be_visible()

    other = new_page()
    sign_in(other, reader_email, PASSWORD)
    other.wait_for_url("**/dashboard")
    other.goto("/resources")
    library = other.locator("main")  # the header has a search box for everything too
    library.get_by_role("searchbox", name="Search").fill("izvestaj azil")
    library.get_by_role("button", name="Search", exact=True).click()
    other.wait_for_url(re.compile(r"q=izvestaj"))
    expect(other.get_by_text("1 resource matches your search.")).to_be_visible()
    expect(other.locator("mark", has_text="Извештај").first).to_be_visible()
    other.get_by_role("link", name="Извештај о азилу за ЛГБТИ+ особе").click()
    with other.expect_download() as download_info:
        other.get_by_role("link", name=f"Download {FILE_NAME}").click()
    download = download_info.value
    assert download.suggested_filename == FILE_NAME
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    other.reload()
    expect(other.get_by_text("Downloads")).to_be_visible()
    expect(other.locator("dd", has_text=re.compile(r"^1$"))).to_be_visible()
