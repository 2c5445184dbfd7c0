"""roles: whether an event's actor takes part in it or only reports it (`event_actors.role`)

Revision ID: 0007_roles
Revises: 0006_search2
Create Date: 2026-12-01 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_roles'
down_revision: str | None = '0006_search2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A constant default: PostgreSQL stores it once in the catalogue, so existing rows are not rewritten; every row
# written before roles was a participant's (sources were taken as participants).
def upgrade() -> None:
    op.add_column('event_actors', sa.Column('role', sa.Text(), server_default='participant', nullable=False))
    op.create_check_constraint(op.f('ck_event_actors_role'), 'event_actors', "role IN ('participant', 'source')")


def downgrade() -> None:
    op.drop_constraint(op.f('ck_event_actors_role'), 'event_actors', type_='check')
    op.drop_column('event_actors', 'role')
