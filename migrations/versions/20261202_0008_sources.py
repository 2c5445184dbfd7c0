"""sources: each source keeps its own report (trigger, summary, date, status), so the coreference eval maps a
mention by its own source (the merge still compares a new report with the event's own report only)

Revision ID: 0008_sources
Revises: 0007_roles
Create Date: 2026-12-02 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008_sources'
down_revision: str | None = '0007_roles'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (('trigger', sa.Text()), ('summary', sa.Text()), ('date_value', sa.Text()), ('date_start', sa.Date()),
           ('date_end', sa.Date()), ('granularity', sa.Text()), ('status', sa.Text()))


# Nullable: a row written by other means (benchmarks, bulk loads) without its report stands for its event's.
# Existing rows get their event's values: before this migration an event kept one report, its sources' only one.
def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column('event_sources', sa.Column(name, type_, nullable=True))
    op.execute("""
        UPDATE event_sources AS s SET trigger = e.trigger, summary = e.summary, date_value = e.date_value,
               date_start = e.date_start, date_end = e.date_end, granularity = e.granularity, status = e.status
        FROM events AS e WHERE e.id = s.event_id
    """)


def downgrade() -> None:
    for name, _ in reversed(COLUMNS):
        op.drop_column('event_sources', name)
