"""The main pages checked for accessibility and valid HTML.

Paths are formatted with the quality world (see conftest): {org.slug}, ...
`who` is "anonymous", "org_admin" (a member organisation's admin) or "admin"
(the platform admin). Features add their main pages here.
"""

PAGES = [
    ("/", "anonymous"),
    ("/login", "anonymous"),
    ("/password/forgot", "anonymous"),
    ("/organisations", "anonymous"),
    ("/organisations/{org.slug}", "anonymous"),
    ("/privacy", "anonymous"),
    ("/no-such-page", "anonymous"),
    ("/", "org_admin"),
    ("/dashboard", "org_admin"),
    ("/account", "org_admin"),
    ("/account/password", "org_admin"),
    ("/account/two-factor", "org_admin"),
    ("/organisations", "org_admin"),
    ("/organisations/{org.slug}", "org_admin"),
    ("/organisations/{org.slug}/edit", "org_admin"),
    ("/organisations/{org.slug}/people", "org_admin"),
    # the network hub
    ("/notifications", "org_admin"),
    ("/account/notifications", "org_admin"),
    ("/account/tokens", "org_admin"),
    ("/account/data", "org_admin"),
    ("/account/delete", "org_admin"),
    ("/search?q=quality", "anonymous"),
    ("/search?q=quality&kind=organisation", "org_admin"),
    ("/admin/organisations", "admin"),
    ("/admin/organisations/new", "admin"),
    ("/admin/users", "admin"),
    ("/admin/audit", "admin"),
    ("/trainings", "org_admin"),
    ("/trainings/new", "org_admin"),
    ("/trainings/competencies", "org_admin"),
    ("/trainings/needs", "org_admin"),
    ("/trainings/dashboard", "org_admin"),
    ("/trainings/dashboard/{org.slug}", "org_admin"),
    ("/trainings/people/me", "org_admin"),
    ("/trainings/verify", "anonymous"),
    ("/trainings/verify?code=ABCD-EFGH", "anonymous"),
]
LANGUAGES = ["en", "sr_Latn", "sr_Cyrl"]
