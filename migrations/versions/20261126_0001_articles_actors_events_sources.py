"""articles actors events sources

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 22:23:58.129387
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('person', 'organisation', 'place', 'group')", name=op.f('ck_actors_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('name_key', name=op.f('uq_actors_name_key'))
    )
    op.create_table('articles',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('dedupe_key', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at_assumed', sa.Boolean(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('queued', 'processing', 'done', 'failed')", name=op.f('ck_articles_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_articles_dedupe_key'))
    )
    op.create_index('ix_articles_pending', 'articles', ['status', 'updated_at'], unique=False, postgresql_where="status IN ('queued', 'processing')")
    op.create_table('events',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('date_value', sa.Text(), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=False),
    sa.Column('date_end', sa.Date(), nullable=False),
    sa.Column('granularity', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('trigger', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('fingerprint', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('occurred', 'planned')", name=op.f('ck_events_status')),
    sa.CheckConstraint('date_start <= date_end', name=op.f('ck_events_date_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    op.create_index(op.f('ix_events_fingerprint'), 'events', ['fingerprint'], unique=False)
    op.create_table('actor_aliases',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('actor_id', sa.BigInteger(), nullable=False),
    sa.Column('alias', sa.Text(), nullable=False),
    sa.Column('alias_key', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_aliases_actor_id_actors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_aliases')),
    sa.UniqueConstraint('actor_id', 'alias_key', name='uq_actor_aliases_actor_alias')
    )
    op.create_index(op.f('ix_actor_aliases_alias_key'), 'actor_aliases', ['alias_key'], unique=False)
    op.create_table('event_actors',
    sa.Column('actor_id', sa.BigInteger(), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('date_end', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_event_actors_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_actors_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('actor_id', 'date_start', 'event_id', name=op.f('pk_event_actors'))
    )
    op.create_index('ix_event_actors_event_id', 'event_actors', ['event_id'], unique=False)
    op.create_table('event_sources',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('article_id', sa.BigInteger(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_event_sources_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_sources_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_sources')),
    sa.UniqueConstraint('event_id', 'article_id', 'start_offset', name='uq_event_sources_mention')
    )
    op.create_index('ix_event_sources_article_id', 'event_sources', ['article_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_event_sources_article_id', table_name='event_sources')
    op.drop_table('event_sources')
    op.drop_index('ix_event_actors_event_id', table_name='event_actors')
    op.drop_table('event_actors')
    op.drop_index(op.f('ix_actor_aliases_alias_key'), table_name='actor_aliases')
    op.drop_table('actor_aliases')
    op.drop_index(op.f('ix_events_fingerprint'), table_name='events')
    op.drop_table('events')
    op.drop_index('ix_articles_pending', table_name='articles', postgresql_where="status IN ('queued', 'processing')")
    op.drop_table('articles')
    op.drop_table('actors')
