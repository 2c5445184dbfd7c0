"""Webhook tables: endpoints (subscriptions), messages (one per endpoint and change), attempts, relay cursor.

The schema is made by Alembic (migrations/versions/20261126_0003_webhooks.py); a test checks they agree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from services.store.models import Base

MESSAGE_STATUSES = ("pending", "delivered", "failed")
ATTEMPT_OUTCOMES = ("delivered", "retry", "failed", "disabled")


class WebhookEndpoint(Base):
    """A subscription: where to POST, which actors' events, and the secret(s) that sign."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    # The names as the subscriber gave them (NULL: every actor) and their lookup keys. Names are resolved to
    # actors (through aliases, like the timeline) when changes are relayed, so one may subscribe to an actor
    # before any article has named it.
    actors: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    actor_keys: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    # Signing needs the secret itself (HMAC), so it is stored; the API shows it once, when made or rotated.
    secret: Mapped[str] = mapped_column(Text)
    previous_secret: Mapped[str | None] = mapped_column(Text)
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Changes with ids up to this one happened before the subscription: the relay skips them.
    after_change_id: Mapped[int] = mapped_column(BigInteger, default=0)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    # Since when every attempt has failed (NULL after any success): past the limit the endpoint is disabled.
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The key that made it: only that key (or an admin key) sees and changes it. NULL: made before keys
    # owned subscriptions, or its key was deleted; admin keys only.
    owner_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index("ix_webhook_endpoints_owner_key_id", "owner_key_id"),)


class WebhookMessage(Base):
    """One message to one endpoint. Its body is frozen when made, so every retry sends the same bytes."""

    __tablename__ = "webhook_messages"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    # The `webhook-id` header: stable across retries and replays; receivers dedupe on it.
    msg_id: Mapped[str] = mapped_column(Text, unique=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    # The change it came from (no foreign key: a message outlives an event deleted by a re-run); NULL for pings.
    change_id: Mapped[int | None] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text, default="pending")
    # Attempts in the current round (a replay starts a new round); picks the next delay from the schedule.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the next attempt is due. While a worker holds the message (lease_token set) it is the lease's end:
    # a message whose worker died is simply due again then.
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lease_token: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(f"status IN {MESSAGE_STATUSES}", name="status"),
        # A change becomes at most one message per endpoint, however often the relay or a replay meets it.
        UniqueConstraint("endpoint_id", "change_id", name="uq_webhook_messages_endpoint_change"),
        # The dispatcher's scan: each endpoint's pending messages by due time; and its messages in flight.
        Index("ix_webhook_messages_due", "endpoint_id", "next_attempt_at", postgresql_where="status = 'pending'"),
        Index("ix_webhook_messages_leased", "endpoint_id", postgresql_where="lease_token IS NOT NULL"),
        Index("ix_webhook_messages_endpoint_created", "endpoint_id", "created_at"),
    )


class WebhookAttempt(Base):
    """One HTTP attempt: the delivery log."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("webhook_messages.id", ondelete="CASCADE"), index=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column(Integer)
    latency_ms: Mapped[float] = mapped_column(Float)
    error: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(f"outcome IN {ATTEMPT_OUTCOMES}", name="outcome"),
        Index("ix_webhook_attempts_endpoint_id", "endpoint_id", "id"),
    )


class WebhookRelayState(Base):
    """The relay's cursor (one row): every change with an id up to `last_change_id` has become messages."""

    __tablename__ = "webhook_relay_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_change_id: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
