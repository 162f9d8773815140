"""resources: covering indexes for the kind and year filters

The list filtered by kind or year counted its rows by reading each matching
resource (visibility, organisation, deleted or not): 46 ms for one kind at
100,000 resources on PostgreSQL. These indexes answer the count and the
visibility test from the index alone and replace the single-column ones.

Revision ID: 9f254c13841d
Revises: 47667cede891
Create Date: 2026-11-30 08:33:43.661998

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9f254c13841d'
down_revision = '47667cede891'
branch_labels = None
depends_on = None

LIVE = {"sqlite_where": sa.text("deleted_at IS NULL"),
        "postgresql_where": sa.text("deleted_at IS NULL")}


def upgrade():
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resources_kind'))
        batch_op.drop_index(batch_op.f('ix_resources_year'))
        batch_op.create_index('ix_resources_kind_visible', ['kind', 'visibility', 'org_id', 'id'],
                              unique=False, **LIVE)
        batch_op.create_index('ix_resources_year_visible', ['year', 'visibility', 'org_id', 'id'],
                              unique=False, **LIVE)


def downgrade():
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index('ix_resources_year_visible', **LIVE)
        batch_op.drop_index('ix_resources_kind_visible', **LIVE)
        batch_op.create_index(batch_op.f('ix_resources_year'), ['year'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_kind'), ['kind'], unique=False)
