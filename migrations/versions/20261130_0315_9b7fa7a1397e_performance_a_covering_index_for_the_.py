"""performance: a covering index for the needs dashboard

Revision ID: 9b7fa7a1397e
Revises: 009f6df8fc88
Create Date: 2026-11-30 03:15:18.850362

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '9b7fa7a1397e'
down_revision = '009f6df8fc88'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index('ix_notes_dashboard', ['period', 'status', 'visibility', 'org_id', 'region', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index('ix_notes_dashboard')

