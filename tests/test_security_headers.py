"""The security headers every response carries, with their exact values."""

from rmn_portal.security import CONTENT_SECURITY_POLICY

from .factories import login

EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; object-src 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def test_every_response_carries_the_exact_security_headers(client):
    for path in ("/", "/login", "/no-such-page", "/healthz"):
        response = client.get(path)
        for name, value in EXPECTED.items():
            assert response.headers.get(name) == value, (path, name)
    assert EXPECTED["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_no_hsts_over_plain_http_but_hsts_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"


def test_signed_in_pages_are_never_cached(client, make):
    assert client.get("/").headers.get("Cache-Control") != "no-store"
    login(client, make.user())
    for path in ("/", "/dashboard", "/account", "/organisations"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_session_cookie_is_httponly_and_samesite_lax(client, make):
    response = login(client, make.user())
    cookie = next(value for name, value in response.headers.items()
                  if name == "Set-Cookie" and value.startswith("rmn_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_session_cookie_is_secure_outside_local_development(tmp_path, databases):
    from .conftest import make_app

    app = make_app(tmp_path, databases.new_url(), BASE_URL="https://portal.example.org")
    assert app.config["SESSION_COOKIE_SECURE"] is True
