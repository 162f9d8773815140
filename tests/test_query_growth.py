"""Data at scale (`flask seed-bench`) and what it shows: the main pages run
as many SQL statements on ten times the data — no page loads a row per
resource, event, note or statement (no N+1 queries, no per-item counts)."""

from sqlalchemy import func, select, text

from rmn_portal.benchdata.generate import seed
from rmn_portal.benchdata.pages import main_pages, queries_per_page, sign_in_member
from rmn_portal.db import db
from rmn_portal.events.models import Registration
from rmn_portal.notes.models import Note
from rmn_portal.resources.models import Resource
from rmn_portal.statements.models import Revision
from rmn_portal.trainings.models import Attendance


def test_queries_per_main_page_do_not_grow_with_the_data(fresh_app):
    result = fresh_app.test_cli_runner().invoke(
        args=["seed-bench", "--scale", "0.002", "--no-upgrade"])
    assert result.exit_code == 0, result.output
    _assert_every_feature_has_data(fresh_app, resources=200)
    small = _count(fresh_app)

    with fresh_app.app_context():
        seed(0.018)  # added to the first: ten times the content in all
    _assert_every_feature_has_data(fresh_app, resources=2000)
    large = _count(fresh_app)

    assert large == small
    assert all(count > 0 for count in small.values())


def _assert_every_feature_has_data(app, resources: int) -> None:
    with app.app_context():
        def rows(model) -> int:
            return db.session.scalar(select(func.count()).select_from(model))

        assert rows(Resource) >= resources
        assert rows(Registration) >= resources
        assert rows(Attendance) >= resources // 2
        assert rows(Note) >= resources // 2
        assert rows(Revision) >= resources // 5
        indexed = db.session.scalar(
            text("SELECT count(*) FROM search_fts_docs WHERE kind = 'resource'"))
        assert indexed >= resources


def _count(app) -> dict[str, int]:
    with app.app_context():
        # The newest published statement: the large run reads one of its own.
        pages, engine = main_pages(), db.engine
        db.session.remove()
    client = app.test_client()
    sign_in_member(app, client)
    counts = queries_per_page(client, engine, pages)
    return {label: counts[path] for label, path in pages}
