"""speakers: an event keeps who made the statement its wording reports (the subject of a reporting verb), so the
merge tells two persons' statements of one day apart whoever they are about

Revision ID: 0009_speakers
Revises: 0008_sources
Create Date: 2026-12-02 18:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009_speakers'
down_revision: str | None = '0008_sources'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Nullable: no statement, an unnamed speaker, or an event stored before this migration (its speaker unknown: the
# merge then compares the persons each report names, as before).
def upgrade() -> None:
    op.add_column('events', sa.Column('speaker', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('events', 'speaker')
