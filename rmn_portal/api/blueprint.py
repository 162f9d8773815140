"""The API blueprint: JSON under /api/v1/, token pages under /account/tokens."""

from flask import Blueprint

bp = Blueprint("api", __name__)
API = "/api/v1"
