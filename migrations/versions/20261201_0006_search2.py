"""search2: who takes part, on the event row (`events.actor_ids`, GIN): a search for words and actors
intersects two indexes instead of probing event_actors once per text match

Revision ID: 0006_search2
Revises: 0005_merge
Create Date: 2026-12-01 14:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0006_search2'
down_revision: str | None = '0005_merge'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# event_actors stays the truth (timelines range-scan it); `actor_ids` is its copy per event, kept by
# statement-level triggers as actors.event_count is (migration 0005_actor_counts): every path that writes
# event_actors (new events, revisions adding actors, an article forgotten, actor merges, cascades) keeps it.
# An event is only rewritten when its set of actors really changed: the store writes a new event with its
# actors already in place, so the common path costs no second row version. Rows are locked in id order
# (two statements cannot deadlock on them). One function per operation: a function may only name the
# transition tables its trigger declares.
CHANGES = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", "SELECT event_id FROM new_rows"),
    "delete": ("REFERENCING OLD TABLE AS old_rows", "SELECT event_id FROM old_rows"),
    "update": ("REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
               "SELECT event_id FROM new_rows UNION SELECT event_id FROM old_rows"),
}

ACTOR_IDS_FUNCTION = """
CREATE FUNCTION annals_event_actor_ids_{operation}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH current AS (
        SELECT changed.event_id, ARRAY(SELECT DISTINCT ea.actor_id FROM event_actors AS ea
                                       WHERE ea.event_id = changed.event_id ORDER BY ea.actor_id) AS ids
        FROM (SELECT DISTINCT event_id FROM ({changes}) AS c) AS changed
    ), locked AS (
        SELECT e.id, current.ids FROM events AS e JOIN current ON current.event_id = e.id
        WHERE e.actor_ids IS DISTINCT FROM current.ids ORDER BY e.id FOR UPDATE OF e
    )
    UPDATE events SET actor_ids = locked.ids FROM locked WHERE events.id = locked.id;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.add_column('events', sa.Column('actor_ids', postgresql.ARRAY(sa.BigInteger()), server_default='{}',
                                      nullable=False))
    op.execute("""
        UPDATE events SET actor_ids = a.ids
        FROM (SELECT event_id, array_agg(DISTINCT actor_id ORDER BY actor_id) AS ids FROM event_actors
              GROUP BY event_id) AS a
        WHERE a.event_id = events.id
    """)
    op.create_index('ix_events_actor_ids', 'events', ['actor_ids'], postgresql_using='gin')
    for operation, (referencing, changes) in CHANGES.items():
        op.execute(ACTOR_IDS_FUNCTION.format(operation=operation, changes=changes))
        op.execute(f"CREATE TRIGGER event_actors_actor_ids_{operation} AFTER {operation.upper()} ON event_actors "
                   f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION annals_event_actor_ids_{operation}()")


def downgrade() -> None:
    for operation in CHANGES:
        op.execute(f"DROP TRIGGER event_actors_actor_ids_{operation} ON event_actors")
        op.execute(f"DROP FUNCTION annals_event_actor_ids_{operation}()")
    op.drop_index('ix_events_actor_ids', table_name='events')
    op.drop_column('events', 'actor_ids')
