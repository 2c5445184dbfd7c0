"""identity: report confidence of events; surname aliases of people, no bare given names as aliases

Revision ID: 0004_identity
Revises: 0003
Create Date: 2026-12-01 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_identity'
down_revision: str | None = '0004_timex'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('events', sa.Column('report_confidence', sa.Float(), nullable=True))
    op.execute("UPDATE events SET report_confidence = confidence")
    op.alter_column('events', 'report_confidence', nullable=False)
    # The alias rules of services/store/names.py for rows stored before them: a full-named person is found by
    # the surname (the last word), never by the first word alone.
    op.execute("""
        INSERT INTO actor_aliases (actor_id, alias, alias_key)
        SELECT id, substring(name from '(\\S+)\\s*$'), substring(name_key from '(\\S+)$')
        FROM actors WHERE kind = 'person' AND name_key LIKE '% %'
        ON CONFLICT DO NOTHING
    """)
    op.execute("""
        DELETE FROM actor_aliases AS alias USING actors AS actor
        WHERE alias.actor_id = actor.id AND actor.kind = 'person' AND actor.name_key LIKE '% %'
          AND alias.alias_key = split_part(actor.name_key, ' ', 1)
    """)


def downgrade() -> None:
    op.drop_column('events', 'report_confidence')
