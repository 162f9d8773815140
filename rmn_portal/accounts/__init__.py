"""Accounts: signing in, sessions, invitations, password reset, two-factor."""

from flask import Flask

from . import throttle


def init_app(app: Flask) -> None:
    throttle.init_app(app)
