"""Flask extensions, created unbound and initialised by create_app()."""

from flask import Flask
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from .db import db, init_engine_events
from .net import client_address

migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Request limits are applied explicitly where they matter (the API); there is
# no blanket default limit that would throttle ordinary browsing. Failed
# sign-ins are counted separately (accounts/throttle.py).
limiter = Limiter(key_func=client_address)


def init_app(app: Flask, migrations_dir: str) -> None:
    db.init_app(app)
    with app.app_context():
        init_engine_events(db.engine)
    migrate.init_app(app, db, directory=migrations_dir, render_as_batch=True,
                     compare_type=True)
    login_manager.init_app(app)
    # Sessions are checked on the server (accounts.models.UserSession), so
    # Flask-Login's IP/user-agent binding would only sign out phone users.
    login_manager.session_protection = None
    csrf.init_app(app)
    limiter.init_app(app)
