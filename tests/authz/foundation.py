"""Authorisation matrix rows of the foundation: accounts, organisations, admin."""

from . import LOGIN, Route, everyone, only

ADMIN_ONLY = only({"admin": 200})

ROUTES = [
    # accounts
    Route("accounts.profile", "GET", "/account", everyone(LOGIN, 200)),
    Route("accounts.change_password", "GET", "/account/password", everyone(LOGIN, 200)),
    Route("accounts.two_factor_disable", "POST", "/account/two-factor/disable",
          everyone(LOGIN, 302)),
    Route("accounts.recovery_codes", "POST", "/account/two-factor/recovery-codes",
          only({"coordinator": 200, "admin": 200}, denied=404)),
    Route("accounts.end_all_sessions", "POST", "/account/sessions/end-all", everyone(LOGIN, 302)),
    Route("accounts.logout", "POST", "/logout", everyone(LOGIN, 302)),
    Route("dashboard.index", "GET", "/dashboard", everyone(LOGIN, 200)),
    # organisations
    Route("orgs.edit", "GET", "/organisations/{own.slug}/edit",
          only({"org_admin": 200, "admin": 200})),
    Route("orgs.edit", "GET", "/organisations/{other.slug}/edit", only({"admin": 200})),
    Route("orgs.people", "GET", "/organisations/{own.slug}/people",
          only({"org_admin": 200, "admin": 200})),
    Route("orgs.people", "GET", "/organisations/{other.slug}/people", only({"admin": 200})),
    Route("orgs.change_role", "POST", "/organisations/{own.slug}/people/{colleague.id}/role",
          only({"org_admin": 302, "admin": 302}), data={"role": "org_admin"}),
    Route("orgs.change_role", "POST", "/organisations/{other.slug}/people/{outsider.id}/role",
          only({"admin": 302}), data={"role": "org_admin"}),
    Route("orgs.set_active", "POST",
          "/organisations/{own.slug}/people/{colleague.id}/deactivate",
          only({"org_admin": 302, "admin": 302})),
    Route("orgs.set_active", "POST",
          "/organisations/{other.slug}/people/{outsider.id}/deactivate", only({"admin": 302})),
    Route("orgs.revoke_invitation", "POST",
          "/organisations/{own.slug}/invitations/{invitation.id}/revoke",
          only({"org_admin": 302, "admin": 302})),
    Route("orgs.revoke_invitation", "POST",
          "/organisations/{other.slug}/invitations/{other_invitation.id}/revoke",
          only({"admin": 302})),
    # platform administration
    Route("admin.index", "GET", "/admin/", only({"admin": 302})),
    Route("admin.organisations", "GET", "/admin/organisations", ADMIN_ONLY),
    Route("admin.new_organisation", "GET", "/admin/organisations/new", ADMIN_ONLY),
    Route("admin.users", "GET", "/admin/users", ADMIN_ONLY),
    Route("admin.audit_log", "GET", "/admin/audit", ADMIN_ONLY),
]
