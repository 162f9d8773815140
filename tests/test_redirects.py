"""After sign-in, `next` only ever leads to a local page."""

import pytest

from rmn_portal.security import safe_next_url

from .factories import PASSWORD

ATTACKS = [
    "https://evil.example.com/",
    "//evil.example.com/",
    "/\\evil.example.com/",
    "\\\\evil.example.com",
    "javascript:alert(1)",
    "http:/evil.example.com",
    "/\r\nLocation: https://evil.example.com",
    "/\tevil",
    "/\x00evil",
    " //evil.example.com",
    "evil.example.com",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.mark.parametrize("target", ATTACKS)
def test_unsafe_targets_fall_back(target):
    assert safe_next_url(target, "/dashboard") == "/dashboard"


@pytest.mark.parametrize("target", ["/organisations", "/organisations/x?tab=people", "/"])
def test_local_paths_are_kept(target):
    assert safe_next_url(target, "/dashboard") == target


@pytest.mark.parametrize("target", ATTACKS[:4])
def test_sign_in_never_redirects_off_site(client, make, target):
    user = make.user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"


def test_sign_in_returns_to_the_page_asked_for(client, make):
    user = make.user()
    first = client.get("/account")
    assert first.status_code == 302
    assert "/login?next=/account" in first.headers["Location"]
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "next": "/account"})
    assert response.headers["Location"] == "/account"


def test_language_switch_does_not_redirect_off_site(client):
    response = client.post("/language", data={"language": "sr_Latn",
                                               "next": "//evil.example.com"})
    assert response.headers["Location"] == "/"
