"""hardening: key scopes, subscription owners, article error codes, cleaned text, processing leases, trigram
indexes for actor search (where pg_trgm exists)

Revision ID: 0004_hardening
Revises: 0003
Create Date: 2026-12-01 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0004_hardening'
down_revision: str | None = '0004_identity'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCOPES_CHECK = "scopes <@ ARRAY['ingest', 'read', 'webhooks', 'admin']::text[] AND cardinality(scopes) > 0"


def upgrade() -> None:
    # Keys: one scope ('write' | 'read') becomes a set. A write key could post articles, read and manage
    # webhooks: it keeps exactly that; a read key keeps reading. Nobody becomes admin by migration.
    op.add_column('api_keys', sa.Column('scopes', postgresql.ARRAY(sa.Text()), nullable=True))
    op.execute("UPDATE api_keys SET scopes = CASE scope WHEN 'write' THEN ARRAY['ingest', 'read', 'webhooks'] "
               "ELSE ARRAY['read'] END")
    op.alter_column('api_keys', 'scopes', nullable=False)
    op.drop_constraint(op.f('ck_api_keys_scope'), 'api_keys', type_='check')
    op.drop_column('api_keys', 'scope')
    op.create_check_constraint(op.f('ck_api_keys_scopes'), 'api_keys', SCOPES_CHECK)

    # Subscriptions belong to the key that made them; those made before have no owner (admin keys see them).
    op.add_column('webhook_endpoints', sa.Column('owner_key_id', sa.BigInteger(), nullable=True))
    op.create_foreign_key(op.f('fk_webhook_endpoints_owner_key_id_api_keys'), 'webhook_endpoints', 'api_keys',
                          ['owner_key_id'], ['id'], ondelete='SET NULL')
    op.create_index('ix_webhook_endpoints_owner_key_id', 'webhook_endpoints', ['owner_key_id'])

    # Articles: an error code readers may see (the exception text stays in the logs), the cleaned text the
    # evidence offsets refer to, and the processing lease.
    op.add_column('articles', sa.Column('error_code', sa.Text(), nullable=True))
    op.add_column('articles', sa.Column('clean_text', sa.Text(), nullable=True))
    op.add_column('articles', sa.Column('lease_expires_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE articles SET error_code = 'extraction_failed', error = 'extraction failed' "
               "WHERE error IS NOT NULL")

    # /actors?q= matches '%q%' on names and aliases: trigram indexes answer that without reading every row.
    # Only where the server has pg_trgm (the embedded one of `annals up` has not): see OPTIONAL_INDEXES.
    if op.get_bind().execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).scalar():
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_actors_name_key_trgm ON actors USING gin (name_key gin_trgm_ops)")
        op.execute("CREATE INDEX ix_actor_aliases_alias_key_trgm ON actor_aliases USING gin (alias_key gin_trgm_ops)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_actor_aliases_alias_key_trgm")
    op.execute("DROP INDEX IF EXISTS ix_actors_name_key_trgm")
    op.drop_column('articles', 'lease_expires_at')
    op.drop_column('articles', 'clean_text')
    op.drop_column('articles', 'error_code')
    op.drop_index('ix_webhook_endpoints_owner_key_id', table_name='webhook_endpoints')
    op.drop_constraint(op.f('fk_webhook_endpoints_owner_key_id_api_keys'), 'webhook_endpoints', type_='foreignkey')
    op.drop_column('webhook_endpoints', 'owner_key_id')
    op.drop_constraint(op.f('ck_api_keys_scopes'), 'api_keys', type_='check')
    op.add_column('api_keys', sa.Column('scope', sa.Text(), nullable=True))
    op.execute("UPDATE api_keys SET scope = CASE WHEN scopes && ARRAY['ingest', 'webhooks', 'admin'] "
               "THEN 'write' ELSE 'read' END")
    op.alter_column('api_keys', 'scope', nullable=False)
    op.drop_column('api_keys', 'scopes')
    op.create_check_constraint(op.f('ck_api_keys_scope'), 'api_keys', "scope IN ('read', 'write')")
