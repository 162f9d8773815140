"""What every template can use: permissions, navigation, formatting."""

from flask import Flask, current_app, request, url_for
from flask_babel import format_datetime, format_decimal
from flask_babel import lazy_gettext as _l

from . import markdown
from .permissions import template_can

# Main navigation; an entry shows once its feature's endpoint exists.
NAVIGATION = [
    ("resources.index", _l("Resources")),
    ("events.index", _l("Events")),
    ("trainings.index", _l("Trainings")),
    ("notes.index", _l("Notes")),
    ("statements.index", _l("Statements")),
    ("orgs.directory", _l("Organisations")),
    ("search.index", _l("Search")),
]


def init_app(app: Flask) -> None:
    markdown.init_app(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(can=template_can, navigation=navigation,
                                 current_path=current_path)
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["number"] = format_decimal  # 10,000 in English, 10.000 in Serbian
    app.context_processor(lambda: {"network_name": current_app.config["NETWORK_NAME"]})


def navigation() -> list[tuple[str, str, bool]]:
    """(url, label, is_current) for the main menu."""
    items = []
    for endpoint, label in NAVIGATION:
        if endpoint in current_app.view_functions:
            url = url_for(endpoint)
            current = request.path == url or request.path.startswith(url.rstrip("/") + "/")
            items.append((url, str(label), current))
    return items


def current_path() -> str:
    return request.full_path.rstrip("?")


def when(value, format: str = "medium") -> str:
    """A UTC timestamp in the reader's time zone and language."""
    return format_datetime(value, format) if value else ""
