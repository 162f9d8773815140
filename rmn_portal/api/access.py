"""Who is calling the API, and what they may read.

Anonymous callers read public content. A personal access token reads what
any signed-in member of the network reads — never organisation-only content,
not even of the token owner's own organisation, and nothing a role adds
(drafts, review queues): a leaked token exposes as little as possible.

The token's reader is a stand-in user that the ordinary rules of
`permissions.py` understand: a member of no organisation, with no account id.
"""

from flask import g, request
from werkzeug.exceptions import Unauthorized

from ..accounts.models import Role
from ..extensions import login_manager
from . import tokens


class NetworkReader:
    """Reads as a signed-in member of the network who belongs to no organisation."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    role = Role.MEMBER
    id = None
    org_id = None
    locale = "en"
    timezone = "UTC"

    def __init__(self, token):
        self.token = token

    def get_id(self):
        return None


def bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not secret.strip():
        raise_unauthorized("Send the token as: Authorization: Bearer <token>.")
    return secret.strip()


def raise_unauthorized(detail: str):
    raise Unauthorized(detail)


def current_reader():
    """The caller of this request (computed once per request)."""
    if "api_reader" not in g:
        secret = bearer_secret()
        if secret is None:
            g.api_reader = login_manager.anonymous_user()
        else:
            token = tokens.authenticate(secret)
            if token is None:
                raise_unauthorized("The token is not valid: it may have expired or been "
                                   "revoked.")
            g.api_reader = NetworkReader(token)
    return g.api_reader


def rate_limit_key() -> str:
    """Tokens are limited per token; anonymous callers per address."""
    from ..net import client_address

    secret = request.headers.get("Authorization", "").partition(" ")[2].strip()
    if secret:
        return "token:" + tokens._hash(secret)[:32]
    return "ip:" + client_address()
