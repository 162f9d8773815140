"""The yardstick for `bench/run.py`: a bare Flask app on the same gunicorn
settings as the portal. What a page of the portal cannot beat.

    /hello   a short string
    /table   a 20-row table read from SQLite through Flask-SQLAlchemy and
             rendered by a Jinja template

    REFERENCE_DATABASE=/tmp/reference.sqlite3 gunicorn 'bench.reference_app:create_app()'
"""

import os
import tempfile
from pathlib import Path

from flask import Flask, render_template
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Item(db.Model):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))


TABLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Items</title></head>
<body><main><h1>Items</h1>
<table><thead><tr><th>Number</th><th>Name</th><th>Country</th></tr></thead>
<tbody>{% for item in items %}
<tr><td>{{ item.id }}</td><td>{{ item.name }}</td><td>{{ item.country }}</td></tr>
{% endfor %}</tbody></table></main></body></html>"""


def create_app() -> Flask:
    path = Path(os.environ.get("REFERENCE_DATABASE")
                or Path(tempfile.gettempdir()) / "rmn-reference.sqlite3")
    app = Flask(__name__)
    # A template file as any app has (compiled once, cached), not a string.
    app.jinja_loader = DictLoader({"table.html": TABLE})
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{path}"
    db.init_app(app)
    with app.app_context():
        db.create_all()
        if db.session.scalar(select(Item.id).limit(1)) is None:
            db.session.add_all(Item(name=f"Item number {n}", country="RS") for n in range(1000))
            db.session.commit()

    @app.get("/hello")
    def hello():
        return "Hello, world"

    @app.get("/table")
    def table():
        items = db.session.scalars(select(Item).order_by(Item.id).limit(20)).all()
        return render_template("table.html", items=items)

    return app
