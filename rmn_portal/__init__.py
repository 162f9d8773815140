"""RMN Portal: the collaboration portal of the Rainbow Migration Network.

`create_app()` reads like a table of contents: configuration, extensions,
security, features, command line. Each concern lives behind an `init_app`.
"""

from importlib import import_module
from pathlib import Path

from flask import Flask

from . import (
    assets,
    audit,
    cache,
    cli,
    config,
    errors,
    extensions,
    i18n,
    pagecache,
    security,
    storage,
    templating,
)

PACKAGE_DIR = Path(__file__).resolve().parent

# One entry per feature package; each exposes `bp` in its views module.
FEATURES = (
    "accounts",
    "orgs",
    "admin",
    "dashboard",
    "public",
    "statements",
    "notes",
    "events",
    "search",
    "resources",
    "notify",
    "api",
    "privacy",
    "trainings",
)


def _resource_dir(name: str) -> str:
    """Templates, static files and migrations live at the top of a checkout
    and inside the package in a built wheel; prefer the packaged copy."""
    packaged = PACKAGE_DIR / name
    if packaged.is_dir():
        return str(packaged)
    return str(PACKAGE_DIR.parent / name)


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=config.instance_path(),
        template_folder=_resource_dir("templates"),
        static_folder=_resource_dir("static"),
    )
    config.init_app(app, overrides or {})

    extensions.init_app(app, migrations_dir=_resource_dir("migrations"))
    storage.init_app(app)
    cache.init_app(app)
    pagecache.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    assets.init_app(app)
    audit.init_app(app)
    errors.init_app(app)

    for feature in FEATURES:
        views = import_module(f"{__name__}.{feature}.views")
        app.register_blueprint(views.bp)
        package = import_module(f"{__name__}.{feature}")
        if hasattr(package, "init_app"):  # commands, filters, search registration
            package.init_app(app)

    cli.init_app(app)
    return app
