"""merge: events by day and trigger, for reports of one happening that share no actor

Revision ID: 0005_merge
Revises: 0005_search
Create Date: 2026-12-01 11:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0005_merge'
down_revision: str | None = '0005_search'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The merge's candidate query also looks for events of the same day and a similar trigger whatever their
    # actors (services/store/candidates.py `_CANDIDATES`): without this index that part reads the whole table.
    op.create_index('ix_events_day_trigger', 'events', ['date_start', 'date_end', 'trigger'])


def downgrade() -> None:
    op.drop_index('ix_events_day_trigger', table_name='events')
