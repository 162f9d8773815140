"""notes: a covering index for the list of published notes and its count

Revision ID: b249700f7675
Revises: 9b7fa7a1397e
Create Date: 2026-11-30 05:57:26.470446

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b249700f7675'
down_revision = '9b7fa7a1397e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index('ix_notes_status_published_at')
        batch_op.create_index('ix_notes_published_list',
                              ['status', 'published_at', 'visibility', 'org_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index('ix_notes_published_list')
        batch_op.create_index('ix_notes_status_published_at', ['status', 'published_at'],
                              unique=False)
