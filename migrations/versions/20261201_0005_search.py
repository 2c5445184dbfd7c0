"""search: event type and place, full-text search over summaries and evidence, actors' latest report

Revision ID: 0005_search
Revises: 0005_actor_counts
Create Date: 2026-12-01 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0005_search'
down_revision: str | None = '0005_actor_counts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The text an event is found by: its summary (weight A) and every evidence sentence (weight B), English
# stemming. Kept by triggers, so every writer (the store, merges, benchmarks, a manual fix) keeps it right.
SEARCH_FUNCTIONS = """
CREATE FUNCTION annals_event_search_vector(event_id bigint, summary text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(summary, '')), 'A')
        || setweight(to_tsvector('english', coalesce(
               (SELECT string_agg(s.sentence, ' ' ORDER BY s.id) FROM event_sources AS s
                WHERE s.event_id = annals_event_search_vector.event_id), '')), 'B')
$$;

CREATE FUNCTION annals_events_search_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := annals_event_search_vector(NEW.id, NEW.summary);
    RETURN NEW;
END $$;

CREATE FUNCTION annals_sources_search_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE events SET search_vector = annals_event_search_vector(events.id, events.summary)
    WHERE events.id IN (SELECT DISTINCT changed.event_id FROM changed_sources AS changed);
    RETURN NULL;
END $$;

-- An actor's latest report: the newest publication among the articles reporting its events. Rows are
-- locked in id order (one order everywhere: two writers cannot deadlock on them). Only new sources move it:
-- an article's store step gives every event it touches a source, so an actor joining a stored event is
-- counted then; an actor merge takes the later of the two (store/actors.py merge_actors).
CREATE FUNCTION annals_reported_actors(event_ids bigint[]) RETURNS TABLE (actor_id bigint, reported_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT ea.actor_id, max(art.published_at) FROM event_actors AS ea
    JOIN event_sources AS s ON s.event_id = ea.event_id JOIN articles AS art ON art.id = s.article_id
    WHERE ea.event_id = ANY(event_ids) GROUP BY ea.actor_id
$$;

CREATE FUNCTION annals_touch_actors_of(event_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM actors AS a JOIN annals_reported_actors(event_ids) AS r ON r.actor_id = a.id
    WHERE a.last_reported_at IS NULL OR a.last_reported_at < r.reported_at ORDER BY a.id FOR UPDATE OF a;
    UPDATE actors AS a SET last_reported_at = r.reported_at FROM annals_reported_actors(event_ids) AS r
    WHERE r.actor_id = a.id AND (a.last_reported_at IS NULL OR a.last_reported_at < r.reported_at);
END $$;

CREATE FUNCTION annals_sources_activity_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM annals_touch_actors_of(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    RETURN NULL;
END $$;

CREATE TRIGGER events_search_vector BEFORE INSERT OR UPDATE OF summary ON events
    FOR EACH ROW EXECUTE FUNCTION annals_events_search_before();
CREATE TRIGGER event_sources_search_insert AFTER INSERT ON event_sources
    REFERENCING NEW TABLE AS changed_sources FOR EACH STATEMENT EXECUTE FUNCTION annals_sources_search_after();
CREATE TRIGGER event_sources_search_delete AFTER DELETE ON event_sources
    REFERENCING OLD TABLE AS changed_sources FOR EACH STATEMENT EXECUTE FUNCTION annals_sources_search_after();
CREATE TRIGGER event_sources_activity AFTER INSERT ON event_sources
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION annals_sources_activity_after();

"""

DROP_FUNCTIONS = """
DROP TRIGGER IF EXISTS event_sources_activity ON event_sources;
DROP TRIGGER IF EXISTS event_sources_search_delete ON event_sources;
DROP TRIGGER IF EXISTS event_sources_search_insert ON event_sources;
DROP TRIGGER IF EXISTS events_search_vector ON events;
DROP FUNCTION IF EXISTS annals_sources_activity_after();
DROP FUNCTION IF EXISTS annals_touch_actors_of(bigint[]);
DROP FUNCTION IF EXISTS annals_reported_actors(bigint[]);
DROP FUNCTION IF EXISTS annals_sources_search_after();
DROP FUNCTION IF EXISTS annals_events_search_before();
DROP FUNCTION IF EXISTS annals_event_search_vector(bigint, text);
"""


def upgrade() -> None:
    op.add_column('events', sa.Column('type', sa.Text(), server_default='other', nullable=False))
    op.add_column('events', sa.Column('place_actor_id', sa.BigInteger(), nullable=True))
    op.create_foreign_key(op.f('fk_events_place_actor_id_actors'), 'events', 'actors', ['place_actor_id'], ['id'],
                          ondelete='SET NULL')
    op.create_index('ix_events_place_actor_id', 'events', ['place_actor_id'])
    op.add_column('events', sa.Column('search_vector', postgresql.TSVECTOR(), nullable=True))
    op.create_index('ix_events_search_vector', 'events', ['search_vector'], postgresql_using='gin')
    # The latest events (no actor named): newest first without sorting the table.
    op.create_index('ix_events_date_start_id', 'events', ['date_start', 'id'])
    op.add_column('actors', sa.Column('last_reported_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_actors_last_reported_at_id', 'actors', ['last_reported_at', 'id'])
    # The home page counts the reports of the latest days.
    op.create_index('ix_articles_published_at', 'articles', ['published_at'])
    op.execute(SEARCH_FUNCTIONS)
    op.execute("UPDATE events SET search_vector = annals_event_search_vector(id, summary)")
    op.execute("SELECT annals_touch_actors_of(ARRAY(SELECT id FROM events))")


def downgrade() -> None:
    op.execute(DROP_FUNCTIONS)
    op.drop_index('ix_articles_published_at', table_name='articles')
    op.drop_index('ix_actors_last_reported_at_id', table_name='actors')
    op.drop_column('actors', 'last_reported_at')
    op.drop_index('ix_events_date_start_id', table_name='events')
    op.drop_index('ix_events_search_vector', table_name='events')
    op.drop_column('events', 'search_vector')
    op.drop_index('ix_events_place_actor_id', table_name='events')
    op.drop_constraint(op.f('fk_events_place_actor_id_actors'), 'events', type_='foreignkey')
    op.drop_column('events', 'place_actor_id')
    op.drop_column('events', 'type')
