"""webhooks: endpoints, messages, attempts and the relay cursor

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 22:40:11.469314
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('webhook_endpoints',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('actors', postgresql.ARRAY(sa.Text()), nullable=True),
    sa.Column('actor_keys', postgresql.ARRAY(sa.Text()), nullable=True),
    sa.Column('secret', sa.Text(), nullable=False),
    sa.Column('previous_secret', sa.Text(), nullable=True),
    sa.Column('previous_secret_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('after_change_id', sa.BigInteger(), nullable=False),
    sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disabled_reason', sa.Text(), nullable=True),
    sa.Column('failing_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_endpoints'))
    )
    op.create_table('webhook_relay_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_change_id', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_webhook_relay_state_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_relay_state'))
    )
    op.create_table('webhook_messages',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('msg_id', sa.Text(), nullable=False),
    sa.Column('endpoint_id', sa.BigInteger(), nullable=False),
    sa.Column('change_id', sa.BigInteger(), nullable=True),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lease_token', sa.Text(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'delivered', 'failed')", name=op.f('ck_webhook_messages_status')),
    sa.ForeignKeyConstraint(['endpoint_id'], ['webhook_endpoints.id'], name=op.f('fk_webhook_messages_endpoint_id_webhook_endpoints'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_messages')),
    sa.UniqueConstraint('endpoint_id', 'change_id', name='uq_webhook_messages_endpoint_change'),
    sa.UniqueConstraint('msg_id', name=op.f('uq_webhook_messages_msg_id'))
    )
    op.create_index('ix_webhook_messages_due', 'webhook_messages', ['endpoint_id', 'next_attempt_at'], unique=False, postgresql_where="status = 'pending'")
    op.create_index('ix_webhook_messages_endpoint_created', 'webhook_messages', ['endpoint_id', 'created_at'], unique=False)
    op.create_index('ix_webhook_messages_leased', 'webhook_messages', ['endpoint_id'], unique=False, postgresql_where='lease_token IS NOT NULL')
    op.create_table('webhook_attempts',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('endpoint_id', sa.BigInteger(), nullable=False),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('latency_ms', sa.Float(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("outcome IN ('delivered', 'retry', 'failed', 'disabled')", name=op.f('ck_webhook_attempts_outcome')),
    sa.ForeignKeyConstraint(['endpoint_id'], ['webhook_endpoints.id'], name=op.f('fk_webhook_attempts_endpoint_id_webhook_endpoints'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['webhook_messages.id'], name=op.f('fk_webhook_attempts_message_id_webhook_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_attempts'))
    )
    op.create_index('ix_webhook_attempts_endpoint_id', 'webhook_attempts', ['endpoint_id', 'id'], unique=False)
    op.create_index(op.f('ix_webhook_attempts_message_id'), 'webhook_attempts', ['message_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_webhook_attempts_message_id'), table_name='webhook_attempts')
    op.drop_index('ix_webhook_attempts_endpoint_id', table_name='webhook_attempts')
    op.drop_table('webhook_attempts')
    op.drop_index('ix_webhook_messages_leased', table_name='webhook_messages', postgresql_where='lease_token IS NOT NULL')
    op.drop_index('ix_webhook_messages_endpoint_created', table_name='webhook_messages')
    op.drop_index('ix_webhook_messages_due', table_name='webhook_messages', postgresql_where="status = 'pending'")
    op.drop_table('webhook_messages')
    op.drop_table('webhook_relay_state')
    op.drop_table('webhook_endpoints')
