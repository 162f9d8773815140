"""Accounts: signing in, sessions, invitations, password reset, two-factor."""

from flask import Flask

from . import known_sessions, throttle


def init_app(app: Flask) -> None:
    throttle.init_app(app)
    known_sessions.init_app(app)
