"""The main pages run as many SQL statements on ten times the data: no page
loads a row per resource, event, note or statement (no N+1 queries, no
per-item counts). Data from `seed-bench` at two small scales."""

from rmn_portal.benchdata.generate import seed
from rmn_portal.benchdata.pages import main_pages, queries_per_page, sign_in_member
from rmn_portal.db import db


def test_queries_per_main_page_do_not_grow_with_the_data(fresh_app):
    small = _seed_and_count(fresh_app, 0.002)
    large = _seed_and_count(fresh_app, 0.018)  # added to the first: ten times the content

    assert large == small
    assert all(count > 0 for count in small.values())


def _seed_and_count(app, scale: float) -> dict[str, int]:
    with app.app_context():
        seed(scale)
        db.session.remove()
        # The newest published statement, so the large run reads one of its own.
        pages, engine = main_pages(), db.engine
    client = app.test_client()
    sign_in_member(app, client)
    counts = queries_per_page(client, engine, pages)
    return {label: counts[path] for label, path in pages}
