"""Who sees what: lists, search, detail pages and downloads across
organisations, for members, anonymous visitors and the shared-with list."""

from rmn_portal.accounts.models import Role
from rmn_portal.content import Visibility

from .conftest import jpeg_with_exif, pdf, sign_in


def status(client, url: str) -> int:
    return client.get(url, buffered=True).status_code


def _ids(page: str, resources) -> set[int]:
    return {r.id for r in resources if f'href="/resources/{r.id}"' in page}


def test_visibility_in_lists_search_and_downloads(client, make, org_a, org_b, member_a,
                                                  member_b, add_resource):
    private = add_resource(member_a, "Privatni plan azila", visibility=Visibility.ORGANISATION,
                           files=[("plan.pdf", pdf())])
    network = add_resource(member_a, "Mrežni izveštaj o azilu", visibility=Visibility.NETWORK,
                           files=[("mreza.pdf", pdf())])
    public = add_resource(member_a, "Javni izveštaj o azilu", visibility=Visibility.PUBLIC,
                          files=[("javni.pdf", pdf())])
    everything = [private, network, public]

    # Anonymous visitors: public only, in the list, the search and the count.
    page = client.get("/resources").get_data(as_text=True)
    assert _ids(page, everything) == {public.id}
    page = client.get("/resources?q=azil").get_data(as_text=True)
    assert _ids(page, everything) == {public.id}
    assert "1 resource matches your search." in page
    assert "Privatni" not in page and "Mrežni" not in page
    assert client.get(f"/resources/{public.id}").status_code == 200
    assert status(client, f"/resources/{public.id}/files/{public.files[0].id}") == 200

    # A member of another organisation: public and network, never the private one.
    sign_in(client, member_b)
    page = client.get("/resources?q=azil").get_data(as_text=True)
    assert _ids(page, everything) == {network.id, public.id}
    assert "2 resources match your search." in page
    assert "Privatni" not in page
    assert client.get(f"/resources/{private.id}").status_code == 404
    assert status(client, f"/resources/{private.id}/files/{private.files[0].id}") == 404
    assert client.get(f"/resources/{private.id}/files/{private.files[0].id}/versions/1"
                      ).status_code == 404
    assert client.get(f"/resources/{private.id}/edit").status_code == 404
    assert client.post(f"/resources/{private.id}/delete").status_code == 404
    # A file id of a private resource under a visible resource is not served either.
    assert status(client, f"/resources/{public.id}/files/{private.files[0].id}") == 404
    # Visible but not theirs: may not edit.
    assert client.get(f"/resources/{network.id}/edit").status_code == 403

    # Their own organisation sees everything.
    sign_in(client, member_a)
    page = client.get("/resources?q=azil").get_data(as_text=True)
    assert _ids(page, everything) == {private.id, network.id, public.id}


def test_anonymous_visitor_is_asked_to_sign_in_only_for_network_content(client, member_a,
                                                                       add_resource):
    network = add_resource(member_a, "Network only", visibility=Visibility.NETWORK)
    response = client.get(f"/resources/{network.id}")
    # The page is public, the object is not: 404, nothing about its existence.
    assert response.status_code == 404
    assert "Network only" not in response.get_data(as_text=True)


def test_sharing_with_a_specific_organisation(client, make, org_a, org_b, member_a, member_b,
                                              add_resource):
    org_c = make.org(name="Org C")
    member_c = make.user(org_c)
    shared = add_resource(member_a, "Shared with B", visibility=Visibility.ORGANISATION,
                          share_with=[org_b.id], files=[("s.pdf", pdf())])
    sign_in(client, member_b)
    assert client.get(f"/resources/{shared.id}").status_code == 200
    assert status(client, f"/resources/{shared.id}/files/{shared.files[0].id}") == 200
    assert "Shared with B" in client.get("/resources?q=shared").get_data(as_text=True)
    sign_in(client, member_c)
    assert client.get(f"/resources/{shared.id}").status_code == 404
    assert "Shared with B" not in client.get("/resources?q=shared").get_data(as_text=True)


def test_edit_rights(client, make, org_a, member_a, add_resource):
    colleague = make.user(org_a, Role.MEMBER)
    org_admin = make.user(org_a, Role.ORG_ADMIN)
    coordinator = make.user(make.org(), Role.COORDINATOR)
    resource = add_resource(member_a, "Rights", visibility=Visibility.NETWORK)
    sign_in(client, colleague)
    assert client.get(f"/resources/{resource.id}/edit").status_code == 403
    for person in (member_a, org_admin, coordinator):
        sign_in(client, person)
        assert client.get(f"/resources/{resource.id}/edit").status_code == 200


def test_download_headers(client, member_a, member_b, add_resource, db_session):
    name = "Извештај о азилу – Đorđević.pdf"
    resource = add_resource(member_a, "Headers", visibility=Visibility.NETWORK,
                            files=[(name, pdf()), ("notes.docx", _docx()),
                                   ("photo.jpg", jpeg_with_exif())])
    pdf_file, docx_file, jpeg_file = resource.files
    sign_in(client, member_b)
    response = client.get(f"/resources/{resource.id}/files/{pdf_file.id}", buffered=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline; ")
    assert ("filename*=UTF-8''%D0%98%D0%B7%D0%B2%D0%B5%D1%88%D1%82%D0%B0%D1%98%20%D0%BE%20"
            "%D0%B0%D0%B7%D0%B8%D0%BB%D1%83%20%E2%80%93%20%C4%90or%C4%91evi%C4%87.pdf"
            ) in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"%PDF-")

    response = client.get(f"/resources/{resource.id}/files/{docx_file.id}", buffered=True)
    assert response.headers["Content-Disposition"].startswith("attachment; ")
    assert response.headers["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response = client.get(f"/resources/{resource.id}/files/{jpeg_file.id}", buffered=True)
    assert response.headers["Content-Disposition"].startswith("inline; ")
    assert response.headers["Content-Type"] == "image/jpeg"

    db_session.refresh(resource)
    assert resource.download_count == 3
    assert "3 downloads" in client.get("/resources").get_data(as_text=True)


def test_public_file_for_anonymous_visitor_may_be_cached(client, member_a, add_resource):
    resource = add_resource(member_a, "Public", visibility=Visibility.PUBLIC,
                            files=[("p.pdf", pdf())])
    response = client.get(f"/resources/{resource.id}/files/{resource.files[0].id}", buffered=True)
    assert response.headers["Cache-Control"].startswith("public")


def _docx():
    from .conftest import docx

    return docx()
