"""Joint statements: drafted together, signed by organisations, published."""

from flask import Flask


def init_app(app: Flask) -> None:
    from ..search import register
    from .cli import statements_group
    from .search import SOURCE

    register(SOURCE)
    from .filters import format_day

    app.cli.add_command(statements_group)
    app.jinja_env.filters["day"] = format_day
