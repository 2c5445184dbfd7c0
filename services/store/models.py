"""SQLAlchemy models. The schema itself is made only by Alembic (migrations/); a test checks they agree."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ARTICLE_STATUSES = ("queued", "processing", "done", "failed")
EVENT_STATUSES = ("occurred", "planned")
ACTOR_KINDS = ("person", "organisation", "place", "group", "product")
ACTOR_ROLES = ("participant", "source")


# Indexes migration 0004 makes only where the server has pg_trgm (the embedded PostgreSQL of `annals up` has
# not): trigram indexes for /actors?q= ('%q%' on names and aliases). The models cannot declare what may be
# missing, so comparisons of models and schema leave them out.
OPTIONAL_INDEXES = frozenset({"ix_actors_name_key_trgm", "ix_actor_aliases_alias_key_trgm"})


def include_in_schema_comparison(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's include_object hook: everything but the optional indexes."""
    return not (type_ == "index" and name in OPTIONAL_INDEXES)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    # "url:<normalised url>" or, without a url, "text:<sha256 of the normalised text>": re-posts find the row.
    dedupe_key: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # True when the client sent no published_at and the received time stands in as the reference date.
    published_at_assumed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The reference date for relative expressions: the calendar date of published_at in the offset the
    # client sent ("2024-06-17T01:00+09:00" -> 2024-06-17), which a timestamptz does not keep. NULL for
    # rows written by other means (benchmarks): their UTC date stands in (`reference_date`).
    published_date: Mapped[date | None] = mapped_column(Date)

    @property
    def reference_date(self) -> date:
        return self.published_date or self.published_at.astimezone(UTC).date()
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    status: Mapped[str] = mapped_column(Text, default="queued")
    # What readers see when it failed: a code and a short message (the exception itself goes to the logs).
    error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(Text)
    # The text extraction read (HTML and boilerplate removed): evidence offsets refer to it.
    clean_text: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When it was last published to the queue (NULL: never, e.g. the broker was down): the sweep's clock.
    enqueued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # While `processing`, the worker holding it has it until then; nobody else claims it before.
    lease_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sources: Mapped[list[EventSource]] = relationship(back_populates="article")

    __table_args__ = (
        CheckConstraint(f"status IN {ARTICLE_STATUSES}", name="status"),
        # The sweep looks for articles left queued/processing: a partial index keeps that cheap.
        Index("ix_articles_pending", "status", "updated_at", postgresql_where="status IN ('queued', 'processing')"),
        Index("ix_articles_published_at", "published_at"),
    )


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    # lower-cased, whitespace-collapsed name: the unique key and the case-insensitive lookup.
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # How many events the actor takes part in. Kept by triggers on event_actors (migration 0005), whichever
    # path writes those rows; read-only here.
    event_count: Mapped[int] = mapped_column(Integer, server_default="0")
    # The newest publication among the articles reporting its events (kept by triggers, migration 0005_search):
    # GET /actors without `q` lists actors by it.
    last_reported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # A person's titles the articles wrote before its names ("president", "mrs": extraction's person_titles.txt),
    # grown by union (migration 0010): who a bare surname several stored people share goes to (evidence.py).
    titles: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")

    aliases: Mapped[list[ActorAlias]] = relationship(back_populates="actor", order_by="ActorAlias.alias")

    __table_args__ = (
        CheckConstraint(f"kind IN {ACTOR_KINDS}", name="kind"),
        Index("ix_actors_last_reported_at_id", "last_reported_at", "id"),
    )


class ActorAlias(Base):
    __tablename__ = "actor_aliases"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text, index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases")

    __table_args__ = (UniqueConstraint("actor_id", "alias_key", name="uq_actor_aliases_actor_alias"),)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    date_value: Mapped[str] = mapped_column(Text)
    date_start: Mapped[date] = mapped_column(Date)
    date_end: Mapped[date] = mapped_column(Date)
    granularity: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    # Who made the statement the wording reports (Event.speaker, migration 0009); NULL: none, or unnamed.
    speaker: Mapped[str | None] = mapped_column(Text)
    # `confidence` is the best report's confidence (`report_confidence`) raised by independent outlets.
    confidence: Mapped[float] = mapped_column(Float)
    report_confidence: Mapped[float] = mapped_column(Float)
    # hash of (date value, actors, trigger): a cheap identity for duplicate checks and exports.
    fingerprint: Mapped[str] = mapped_column(Text, index=True)
    # What kind of happening (services/extraction/event_types.txt) and where it happened, when the text says.
    type: Mapped[str] = mapped_column(Text, server_default="other")
    place_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), index=True)
    # Summary (weight A) and evidence sentences (B), kept by triggers (migration 0005): full-text search.
    search_vector: Mapped[str | None] = mapped_column(TSVECTOR)
    # Who takes part (event_actors' actor ids, sorted), kept by triggers (migration 0006): a search for words
    # and actors intersects the text index with this one's GIN index instead of probing event_actors.
    actor_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger), server_default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    actor_links: Mapped[list[EventActor]] = relationship(back_populates="event", cascade="all, delete-orphan")
    sources: Mapped[list[EventSource]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventSource.id"
    )

    __table_args__ = (
        CheckConstraint(f"status IN {EVENT_STATUSES}", name="status"),
        CheckConstraint("date_start <= date_end", name="date_order"),
        Index("ix_events_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_events_actor_ids", "actor_ids", postgresql_using="gin"),
        Index("ix_events_date_start_id", "date_start", "id"),
        # the merge's candidates of one day and a similar trigger, whoever took part (migration 0005_merge)
        Index("ix_events_day_trigger", "date_start", "date_end", "trigger"),
    )


class EventActor(Base):
    """Who took part in an event, with the event's dates copied in so a timeline page is one index scan."""

    __tablename__ = "event_actors"

    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    date_start: Mapped[date] = mapped_column(Date, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    date_end: Mapped[date] = mapped_column(Date)
    # participant: takes part (the merge rule compares these); source: only reports it ("..., the agency reported").
    role: Mapped[str] = mapped_column(Text, server_default="participant")

    event: Mapped[Event] = relationship(back_populates="actor_links")
    actor: Mapped[Actor] = relationship()

    __table_args__ = (
        Index("ix_event_actors_event_id", "event_id"),
        CheckConstraint(f"role IN {ACTOR_ROLES}", name="role"),
    )


class EventSource(Base):
    """Where an event was reported: the article, the evidence sentence and its character offsets."""

    __tablename__ = "event_sources"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    # The source's own report of the happening (migration 0008): the coreference eval maps a mention by it (the
    # merge compares a new report with the event's own report only). NULL (rows written by other means): the
    # event's values stand.
    trigger: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    date_value: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    granularity: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    event: Mapped[Event] = relationship(back_populates="sources")
    article: Mapped[Article] = relationship(back_populates="sources")

    __table_args__ = (
        UniqueConstraint("event_id", "article_id", "start_offset", name="uq_event_sources_mention"),
        Index("ix_event_sources_article_id", "article_id"),
    )


class EventChange(Base):
    """An append-only feed of event creations and updates, written in the transaction that made them.

    It is the outbox the webhook relay reads, and the log a live stream resumes from (its id is the cursor).
    """

    __tablename__ = "event_changes"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(Text)  # created | updated
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (CheckConstraint("kind IN ('created', 'updated')", name="kind"),)


class ApiKey(Base):
    """A client's key. Only its SHA-256 is stored; the key itself is shown once, when made."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text)  # the first characters, so people can tell keys apart
    key_hash: Mapped[str] = mapped_column(Text, unique=True)
    # What the key may do: ingest (post articles), read, webhooks (its own subscriptions), admin (everything).
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (CheckConstraint(
        "scopes <@ ARRAY['ingest', 'read', 'webhooks', 'admin']::text[] AND cardinality(scopes) > 0",
        name="scopes"),)
