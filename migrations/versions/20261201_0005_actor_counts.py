"""actor event counts stored: /actors?q= and ambiguous-name candidates read a column instead of counting
every matching actor's events per request

Revision ID: 0005_actor_counts
Revises: 0004_hardening
Create Date: 2026-12-01 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_actor_counts'
down_revision: str | None = '0004_hardening'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A trigger, not application code, keeps the count: event_actors rows are written by several paths (new
# events, revisions that add actors, an article re-run forgetting its events, actor merges re-pointing rows,
# cascades from deleted events), and every one of them must move the count. Statement-level with transition
# tables: one UPDATE per statement, whatever the number of rows. Rows are locked in id order so that two
# statements touching the same actors cannot deadlock on each other. One function per operation: a function
# may only name the transition tables its trigger declares.
CHANGES = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", "SELECT actor_id, 1 AS d FROM new_rows"),
    "delete": ("REFERENCING OLD TABLE AS old_rows", "SELECT actor_id, -1 AS d FROM old_rows"),
    "update": ("REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
               "SELECT actor_id, 1 AS d FROM new_rows UNION ALL SELECT actor_id, -1 AS d FROM old_rows"),
}

COUNT_FUNCTION = """
CREATE FUNCTION event_actors_count_{operation}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH delta AS (
        SELECT actor_id, sum(d)::integer AS d FROM ({changes}) AS changes GROUP BY actor_id HAVING sum(d) <> 0
    ), locked AS (
        SELECT a.id, delta.d FROM actors a JOIN delta ON a.id = delta.actor_id ORDER BY a.id FOR UPDATE OF a
    )
    UPDATE actors SET event_count = actors.event_count + locked.d FROM locked WHERE actors.id = locked.id;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.add_column('actors', sa.Column('event_count', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE actors SET event_count = c.n FROM "
               "(SELECT actor_id, count(*) AS n FROM event_actors GROUP BY actor_id) AS c WHERE actors.id = c.actor_id")
    for operation, (referencing, changes) in CHANGES.items():
        op.execute(COUNT_FUNCTION.format(operation=operation, changes=changes))
        op.execute(f"CREATE TRIGGER event_actors_count_{operation} AFTER {operation.upper()} ON event_actors "
                   f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION event_actors_count_{operation}()")


def downgrade() -> None:
    for operation in CHANGES:
        op.execute(f"DROP TRIGGER event_actors_count_{operation} ON event_actors")
        op.execute(f"DROP FUNCTION event_actors_count_{operation}()")
    op.drop_column('actors', 'event_count')
