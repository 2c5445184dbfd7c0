"""actor titles: a person keeps the titles the articles wrote before its names ("president", "mrs", "first
lady"), so a bare surname several stored people share goes to the one its own titles fit

Revision ID: 0010_actor_titles
Revises: 0009_speakers
Create Date: 2026-12-03 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010_actor_titles'
down_revision: str | None = '0009_speakers'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A set, grown by union (so the same articles in any order leave the same value); empty for actors stored before
# this migration: no evidence, as for a person no article gave a title.
def upgrade() -> None:
    op.add_column('actors', sa.Column('titles', sa.ARRAY(sa.Text()), server_default='{}', nullable=False))


def downgrade() -> None:
    op.drop_column('actors', 'titles')
