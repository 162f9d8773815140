"""Factories for test data, and helpers that act like a person in a browser."""

import itertools

import pyotp
from sqlalchemy import select

from rmn_portal.accounts.models import Role, User
from rmn_portal.accounts.passwords import hash_password
from rmn_portal.db import utcnow
from rmn_portal.notify.models import OutboxMessage
from rmn_portal.orgs.models import Organisation

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


class Factory:
    def __init__(self, session):
        self.session = session

    def org(self, **fields) -> Organisation:
        n = next(_counter)
        values = {"name": f"Test Organisation {n}", "short_name": f"TO{n}", "slug": f"test-org-{n}",
                  "country": "RS", "city": "Beograd"}
        values.update(fields)
        org = Organisation(**values)
        self.session.add(org)
        self.session.flush()
        return org

    def user(self, org: Organisation | None = None, role: Role = Role.MEMBER, *,
             password: str = PASSWORD, two_factor: bool | None = None, **fields) -> User:
        n = next(_counter)
        org = org or self.org()
        values = {"email": f"person{n}@example.org", "name": f"Person {n}", "org": org,
                  "role": role, "password_hash": hash_password(password)}
        values.update(fields)
        user = User(**values)
        if two_factor is None:
            two_factor = role in (Role.COORDINATOR, Role.ADMIN)
        if two_factor:
            user.totp_secret = pyotp.random_base32()
            user.totp_enabled_at = utcnow()
        self.session.add(user)
        self.session.flush()
        return user


def totp_code(user: User) -> str:
    """The next code the portal will accept: codes are never accepted twice,
    so a second sign-in within 30 seconds uses the following time step."""
    from rmn_portal.db import db

    db.session.refresh(user)
    totp = pyotp.TOTP(user.totp_secret)
    step = totp.timecode(utcnow())
    if user.totp_last_step is not None:
        step = max(step - 1, user.totp_last_step + 1)
    return totp.generate_otp(step)


def login(client, user: User, password: str = PASSWORD, *, follow: bool = False):
    """Sign in through the real forms, including the second factor when needed."""
    response = client.post("/login", data={"email": user.email, "password": password})
    if response.status_code == 302 and response.headers["Location"].endswith("/login/code"):
        response = client.post("/login/code", data={"code": totp_code(user)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    if follow:
        return client.get(response.headers["Location"])
    return response


class Outbox:
    def __init__(self, app):
        self.app = app

    def messages(self, to: str | None = None) -> list[OutboxMessage]:
        from rmn_portal.db import db

        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if to:
            query = query.where(OutboxMessage.to_address == to)
        return list(db.session.scalars(query))
