"""search: finer statistics on the PostgreSQL search vector

PostgreSQL estimates a prefix match (`azil:*`, what the search box sends)
from the most common lexemes that ANALYZE keeps; with fewer than 100 of
them it assumes 2 % of the rows match whatever the word. A word found in
most documents was then planned as a rare one: a hash of every match (tens
of thousands of rows) instead of walking the newest visible rows, 10× slower
at 100,000 resources. A statistics target of 1000 keeps up to 10,000 lexemes.
SQLite (FTS5) has no such setting: nothing to do there.

Revision ID: 47667cede891
Revises: b249700f7675
Create Date: 2026-11-30 08:31:40.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '47667cede891'
down_revision = 'b249700f7675'
branch_labels = None
depends_on = None


def _set_statistics(target: int) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_fts_docs ALTER COLUMN search_vector "
                   f"SET STATISTICS {target}")


def upgrade():
    _set_statistics(1000)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE search_fts_docs")


def downgrade():
    _set_statistics(-1)  # the server's default_statistics_target again
