"""performance: indexes for the dashboard's recent activity and approvals

Revision ID: 009f6df8fc88
Revises: 2e68dfd1fee0
Create Date: 2026-11-30 03:11:58.995461

"""
from alembic import op



# revision identifiers, used by Alembic.
revision = '009f6df8fc88'
down_revision = '2e68dfd1fee0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.create_index('ix_event_registrations_status_event', ['status', 'event_id'], unique=False)

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_created_at', ['created_at'], unique=False)

    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index('ix_statements_updated_at', ['updated_at'], unique=False)



def downgrade():
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index('ix_statements_updated_at')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_created_at')

    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.drop_index('ix_event_registrations_status_event')

