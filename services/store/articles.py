"""Articles: accept (deduplicated), read, and move through queued -> processing -> done | failed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.store.keys import article_dedupe_key
from services.store.models import Article


@dataclass(frozen=True, slots=True)
class NewArticle:
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Accepted:
    id: int
    created: bool  # False: the same url (or text) was posted before and this is that article


def publisher_date(published_at: datetime) -> date:
    """The calendar date in the offset the time was given with (a naive time counts as UTC)."""
    return published_at.date()


def _row(article: NewArticle, received_at: datetime) -> dict:
    published_at = article.published_at or received_at
    if published_at.tzinfo is None:  # a naive time counts as UTC (the sessions' time zone); binary COPY needs it said
        published_at = published_at.replace(tzinfo=UTC)
    return {
        "dedupe_key": article_dedupe_key(url=article.url, text=article.text),
        "url": article.url,
        "title": article.title,
        "source": article.source,
        "text": article.text,
        "published_at": published_at,
        "published_at_assumed": article.published_at is None,
        "published_date": publisher_date(published_at),
        "received_at": received_at,
        "updated_at": received_at,
        "status": "queued",
        "attempts": 0,
    }


# A batch goes in by COPY (several times faster than one INSERT over unnest'ed arrays, which psycopg must
# build and PostgreSQL parse) into a temporary table kept by the connection, then one INSERT ... SELECT that
# also empties it. Rows go in input order (`position`), so ids follow the batch.
_BATCH_COLUMNS = ("dedupe_key", "url", "title", "source", "text", "published_at", "published_at_assumed",
                  "published_date", "received_at", "updated_at", "status", "attempts")
_INCOMING_TABLE = f"""
    CREATE TEMPORARY TABLE IF NOT EXISTS incoming_articles ON COMMIT DELETE ROWS AS
    SELECT 0 AS position, {", ".join(_BATCH_COLUMNS)} FROM articles WITH NO DATA"""
# Binary COPY: psycopg sends each value as PostgreSQL stores it, without formatting it as text and having the
# server parse it back (2.8 against 7 ms of the API's CPU per 1,000 articles; bench README).
_COPY_INCOMING = f"COPY incoming_articles (position, {', '.join(_BATCH_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
_COPY_TYPES = ("int4", "text", "text", "text", "text", "text", "timestamptz", "bool", "date", "timestamptz",
               "timestamptz", "text", "int4")  # position, then _BATCH_COLUMNS as the temporary table has them
_INSERT_INCOMING = f"""
    WITH incoming AS (DELETE FROM incoming_articles RETURNING *)
    INSERT INTO articles ({", ".join(_BATCH_COLUMNS)})
    SELECT {", ".join(_BATCH_COLUMNS)} FROM incoming ORDER BY position
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, dedupe_key"""
_STORED_IDS = "SELECT dedupe_key, id FROM articles WHERE dedupe_key = ANY(%(keys)s)"


# POST /articles in one statement and one round trip (autocommit: committed when it returns). The key is
# checked in the same statement, and a re-post finds the stored article there too. `caller` is the key's row
# (none: unknown key); the article is written only when the key may write. Rows: the new article
# (created), else the stored one with that dedupe key (NULL if another request is inserting it right now).
_ARTICLE_COLUMNS = "id, status, url, title, source, published_at, published_at_assumed, received_at, attempts, " \
                   "error_code, error"
_ACCEPT_FOR_KEY = """
    WITH caller AS ({caller}),
    inserted AS (
        INSERT INTO articles (dedupe_key, url, title, source, text, published_at, published_at_assumed,
                              published_date, received_at, updated_at, status, attempts)
        SELECT %(dedupe_key)s, %(url)s, %(title)s, %(source)s, %(text)s, %(published_at)s,
               %(published_at_assumed)s, %(published_date)s, %(received_at)s, %(updated_at)s, 'queued', 0
        FROM caller WHERE may_write
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING {columns}
    )
    SELECT caller.key_id, caller.scopes, caller.revoked_at, true AS created, inserted.*
    FROM caller CROSS JOIN inserted
    UNION ALL
    SELECT caller.key_id, caller.scopes, caller.revoked_at, false, {stored_columns}
    FROM caller LEFT JOIN articles AS stored ON caller.may_write AND stored.dedupe_key = %(dedupe_key)s
    WHERE NOT EXISTS (SELECT FROM inserted)
"""
_KEY_CALLER = """
    SELECT id AS key_id, scopes, revoked_at, revoked_at IS NULL AND scopes && %(granting)s::text[] AS may_write
    FROM api_keys WHERE key_hash = %(key_hash)s"""
_NO_KEY_CALLER = "SELECT NULL::bigint AS key_id, NULL::text[] AS scopes, NULL::timestamptz AS revoked_at, " \
                 "true AS may_write"
_stored = ", ".join("stored." + column.strip() for column in _ARTICLE_COLUMNS.split(","))
ACCEPT_WITH_KEY = _ACCEPT_FOR_KEY.format(caller=_KEY_CALLER, columns=_ARTICLE_COLUMNS, stored_columns=_stored)
ACCEPT_WITHOUT_KEY = _ACCEPT_FOR_KEY.format(caller=_NO_KEY_CALLER, columns=_ARTICLE_COLUMNS, stored_columns=_stored)
_STORED_ARTICLE = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE dedupe_key = %(dedupe_key)s"


@dataclass(frozen=True, slots=True)
class KeyedAcceptance:
    """What the one-statement accept found: the key's state, and the article (new or stored) if it may write."""

    key_id: int | None
    scopes: list[str] | None
    revoked_at: datetime | None
    created: bool
    article: dict | None  # the article's public columns; None if the key may not write (or is unknown)


async def accept_article_raw(connection, article: NewArticle, *, key_hash: str | None,
                             granting: list[str]) -> KeyedAcceptance | None:
    """Check the key (unless `key_hash` is None: auth is off) and insert the article unless seen before, in one
    statement on an autocommit psycopg connection. None: no such key."""
    return await accept_row_raw(connection, _row(article, datetime.now(UTC)), key_hash=key_hash, granting=granting)


async def accept_row_raw(connection, row: dict, *, key_hash: str | None, granting: list[str]) -> KeyedAcceptance | None:
    """accept_article_raw of an article's row (`_row`)."""
    params = row | {"key_hash": key_hash, "granting": granting}
    cursor = await connection.execute(ACCEPT_WITH_KEY if key_hash is not None else ACCEPT_WITHOUT_KEY, params)
    found = await cursor.fetchone()
    if found is None:
        return None
    names = [column.name for column in cursor.description][4:]
    key_id, scopes, revoked_at, created, *values = found
    stored = dict(zip(names, values, strict=True))
    may_write = key_hash is None or (revoked_at is None and bool(set(scopes or ()) & set(granting)))
    if not may_write:
        return KeyedAcceptance(key_id, scopes, revoked_at, False, None)
    if stored["id"] is None:  # a concurrent request inserted it after this statement's snapshot: read it now
        cursor = await connection.execute(_STORED_ARTICLE, {"dedupe_key": row["dedupe_key"]})
        names = [column.name for column in cursor.description]
        stored = dict(zip(names, await cursor.fetchone(), strict=True))
    return KeyedAcceptance(key_id, scopes, revoked_at, created, stored)


# Several concurrent POST /articles in one statement (services/ingest/grouping.py): one commit, one WAL flush,
# one round trip for the group. Each request keeps its own key, its own answer and the one-request semantics:
# - every row's key is checked (`caller`); only rows whose key may write are inserted;
# - of rows with one dedupe key, the first writable one is inserted (`first_writer`), the others are its
#   duplicates, as if posted after it;
# - rows go in dedupe-key order, so two groups inserting the same keys lock them in one order (no deadlock);
# - a duplicate of an article stored before gets that article (`stored`: the statement's snapshot, which
#   does not hold the rows `inserted` adds); NULL if another transaction is inserting it right now.
_GROUP_INPUT_COLUMNS = ("key_hash", "dedupe_key", "url", "title", "source", "text", "published_at",
                        "published_at_assumed", "published_date", "received_at")
_GROUP_INPUT_TYPES = ("text", "text", "text", "text", "text", "text", "timestamptz", "boolean", "date", "timestamptz")
_either = ", ".join(f"CASE WHEN inserted.id IS NULL THEN stored.{c} ELSE inserted.{c} END AS {c}"
                    for c in (column.strip() for column in _ARTICLE_COLUMNS.split(",")))
ACCEPT_GROUP = f"""
    WITH input AS (
        SELECT * FROM unnest({", ".join(f"%({c})s::{t}[]" for c, t in zip(_GROUP_INPUT_COLUMNS, _GROUP_INPUT_TYPES,
                                                                           strict=True))})
            WITH ORDINALITY AS input({", ".join(_GROUP_INPUT_COLUMNS)}, position)
    ),
    caller AS (
        SELECT input.position, key.id AS key_id, key.scopes, key.revoked_at,
               input.key_hash IS NULL OR key.id IS NOT NULL AS key_found,
               input.key_hash IS NULL OR (key.revoked_at IS NULL AND key.scopes && %(granting)s::text[]) AS may_write
        FROM input LEFT JOIN api_keys AS key ON key.key_hash = input.key_hash
    ),
    first_writer AS (
        SELECT DISTINCT ON (input.dedupe_key) input.*
        FROM input JOIN caller USING (position) WHERE caller.may_write
        ORDER BY input.dedupe_key, input.position
    ),
    inserted AS (
        INSERT INTO articles (dedupe_key, url, title, source, text, published_at, published_at_assumed,
                              published_date, received_at, updated_at, status, attempts)
        SELECT dedupe_key, url, title, source, text, published_at, published_at_assumed, published_date,
               received_at, received_at, 'queued', 0
        FROM first_writer ORDER BY dedupe_key
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING dedupe_key, {_ARTICLE_COLUMNS}
    )
    SELECT input.position, caller.key_found, caller.key_id, caller.scopes, caller.revoked_at,
           inserted.id IS NOT NULL AND first_writer.position IS NOT NULL AS created, {_either}
    FROM input
    JOIN caller USING (position)
    LEFT JOIN first_writer USING (position)
    LEFT JOIN inserted ON caller.may_write AND inserted.dedupe_key = input.dedupe_key
    LEFT JOIN articles AS stored ON caller.may_write AND inserted.id IS NULL AND stored.dedupe_key = input.dedupe_key
    ORDER BY input.position
"""
_STORED_ARTICLES = f"SELECT dedupe_key, {_ARTICLE_COLUMNS} FROM articles WHERE dedupe_key = ANY(%(keys)s)"


@dataclass(frozen=True, slots=True)
class Posted:
    """One POST /articles in a group: its article's row (`_row`) and its key (None: auth is off)."""

    row: dict
    key_hash: str | None


def posted(article: NewArticle, key_hash: str | None) -> Posted:
    return Posted(_row(article, datetime.now(UTC)), key_hash)


async def accept_group_raw(connection, group: list[Posted], *, granting: list[str]) -> list[KeyedAcceptance | None]:
    """accept_article_raw for each of `group`, in one statement (one commit) on an autocommit connection:
    each answer as if the requests had run one after the other in the group's order."""
    params: dict = {column: [one.row[column] for one in group] for column in _GROUP_INPUT_COLUMNS[1:]}
    params |= {"key_hash": [one.key_hash for one in group], "granting": granting}
    cursor = await connection.execute(ACCEPT_GROUP, params)
    names = [column.name for column in cursor.description][6:]
    answers: list[KeyedAcceptance | None] = []
    racing: list[tuple[int, str]] = []  # (answer, dedupe key) whose stored row another transaction holds
    for (_, found, key_id, scopes, revoked_at, created, *values), one in zip(await cursor.fetchall(), group,
                                                                              strict=True):
        if not found:
            answers.append(None)
            continue
        if not (one.key_hash is None or (revoked_at is None and bool(set(scopes or ()) & set(granting)))):
            answers.append(KeyedAcceptance(key_id, scopes, revoked_at, False, None))
            continue
        stored = dict(zip(names, values, strict=True))
        if stored["id"] is None:  # inserted by a concurrent transaction after this statement's snapshot
            racing.append((len(answers), one.row["dedupe_key"]))
        answers.append(KeyedAcceptance(key_id, scopes, revoked_at, created, stored))
    if racing:  # read them now that they are committed (the ON CONFLICT waited for that)
        cursor = await connection.execute(_STORED_ARTICLES, {"keys": sorted({key for _, key in racing})})
        late_names = [column.name for column in cursor.description][1:]
        late = {key: dict(zip(late_names, values, strict=True)) for key, *values in await cursor.fetchall()}
        for index, key in racing:
            answers[index] = replace(answers[index], article=late[key])
    return answers


def accept_articles(session: Session, articles: list[NewArticle]) -> list[Accepted]:
    """Insert the articles not seen before in one statement; return each one's id in input order."""
    now = datetime.now(UTC)
    rows = [_row(article, now) for article in articles]
    unique_rows = list({row["dedupe_key"]: row for row in reversed(rows)}.values())[::-1]
    connection = session.connection().connection.driver_connection  # psycopg's, in the session's transaction
    created: dict[str, int] = {}
    if unique_rows:
        with connection.cursor() as cursor:
            cursor.execute(_INCOMING_TABLE)
            with cursor.copy(_COPY_INCOMING) as copy:
                copy.set_types(_COPY_TYPES)
                for position, row in enumerate(unique_rows):
                    copy.write_row((position, *(row[column] for column in _BATCH_COLUMNS)))
            created = {key: article_id for article_id, key in cursor.execute(_INSERT_INCOMING).fetchall()}
    missing = [row["dedupe_key"] for row in unique_rows if row["dedupe_key"] not in created]
    existing: dict[str, int] = {}
    if missing:
        with connection.cursor() as cursor:
            existing = dict(cursor.execute(_STORED_IDS, {"keys": missing}).fetchall())
    results, seen = [], set()
    for row in rows:
        key = row["dedupe_key"]
        if key in created and key not in seen:
            results.append(Accepted(created[key], True))
        else:
            results.append(Accepted(created.get(key) or existing[key], False))
        seen.add(key)
    return results


def get_article(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


# What a reader of a failed article sees: a code and a sentence. Exception text (which can hold SQL and its
# parameters, or parts of other articles) goes to the worker's logs only.
FAILURES = {
    "extraction_failed": "extraction failed on every attempt; the details are in the worker's logs",
    "timed_out": "extraction took longer than the time limit on every attempt",
    "worker_lost": "the worker processing it stopped (crashed or was killed) on every attempt",
}


@dataclass(frozen=True, slots=True)
class Claim:
    article: Article | None  # None: nothing to do (gone, finished, or held by a live worker)
    lost: bool = False  # True: it had used up its attempts without an outcome, and is now `failed`


def claim_for_processing(session: Session, article_id: int, *, lease_seconds: float, max_attempts: int) -> Claim:
    """Take the article for one attempt, counted here (at claim time), under a lease.

    An article `processing` under a lease that has not run out belongs to a live worker: no second claim.
    One whose attempts are all used without an outcome (each ended with its worker dying, so nothing was
    recorded) is marked failed, `worker_lost`, instead of being run again.
    """
    article = session.execute(select(Article).where(Article.id == article_id).with_for_update()).scalar_one_or_none()
    if article is None or article.status in ("done", "failed"):
        return Claim(None)
    now = datetime.now(UTC)
    if article.status == "processing" and article.lease_expires_at is not None and article.lease_expires_at > now:
        return Claim(None)
    if article.attempts >= max_attempts:
        article.status, article.lease_expires_at, article.updated_at = "failed", None, now
        article.error_code, article.error = "worker_lost", FAILURES["worker_lost"]
        return Claim(None, lost=True)
    article.status = "processing"
    article.attempts += 1
    article.lease_expires_at = now + timedelta(seconds=lease_seconds)
    article.updated_at = now
    return Claim(article)


def lock_unfinished(session: Session, article_id: int) -> Article | None:
    """Lock the article row for the final write; None if another worker already finished it."""
    article = session.execute(select(Article).where(Article.id == article_id).with_for_update()).scalar_one_or_none()
    if article is None or article.status in ("done", "failed"):
        return None
    return article


def mark_done(article: Article, clean_text: str | None = None) -> None:
    now = datetime.now(UTC)
    article.status, article.error, article.error_code, article.processed_at, article.updated_at = (
        "done", None, None, now, now)
    article.lease_expires_at = None
    article.clean_text = clean_text


def record_failure(session: Session, article_id: int, code: str, *, final: bool) -> None:
    """Keep the failure visible (its code); a final one is `failed`, otherwise the article waits for its retry."""
    session.execute(
        update(Article)
        .where(Article.id == article_id, Article.status.notin_(("done", "failed")))
        .values(status="failed" if final else "queued", error_code=code, error=FAILURES[code],
                lease_expires_at=None, updated_at=datetime.now(UTC),
                # a retry is queued at once (with a countdown): the sweep must not publish it a second time
                **({} if final else {"enqueued_at": datetime.now(UTC)}))
    )


def release(session: Session, article_ids: list[int]) -> None:
    """Hand claimed articles back (queued, no lease) as their own tasks are published, so those claim them at once."""
    session.execute(
        update(Article).where(Article.id.in_(article_ids), Article.status == "processing")
        .values(status="queued", lease_expires_at=None, updated_at=datetime.now(UTC), enqueued_at=datetime.now(UTC))
    )


def mark_enqueued(session: Session, article_ids: list[int]) -> None:
    """Record that these articles were published to the queue now: the sweep leaves them alone a while."""
    if article_ids:
        session.execute(update(Article).where(Article.id.in_(article_ids)).values(enqueued_at=datetime.now(UTC)))


@dataclass(frozen=True, slots=True)
class Stale:
    unpublished: list[int]  # queued but never published (the broker was down), or published long ago
    abandoned: list[int]  # processing with a lease that ran out: its worker is gone


def claim_stale(session: Session, *, unpublished_after: timedelta, republish_after: timedelta) -> Stale:
    """Articles the queue does not hold any more, by what PostgreSQL knows.

    - queued, never published, for `unpublished_after` (the broker was down, or a process died holding them);
    - queued and published over `republish_after` ago (the queue lost them: Redis restarted without its data).
      A backlog longer than that only costs a redundant task, which the claim skips;
    - processing whose lease ran out (its worker died).
    Articles published recently are NOT picked: under a backlog they are still in the queue, and
    re-publishing them each sweep is what made a live worker's article run twice.
    """
    now = datetime.now(UTC)
    queued = Article.status == "queued"
    stale = (
        select(Article.id, Article.status)
        .where(
            (queued & Article.enqueued_at.is_(None) & (Article.updated_at < now - unpublished_after))
            | (queued & (Article.enqueued_at < now - republish_after))
            | ((Article.status == "processing") & (Article.lease_expires_at < now))
            | ((Article.status == "processing") & Article.lease_expires_at.is_(None)  # claimed before leases
               & (Article.updated_at < now - republish_after))
        )
        .order_by(Article.id)
        .limit(10_000)
        .with_for_update(skip_locked=True)
    )
    rows = session.execute(stale).all()
    # All become queued and unpublished until the caller has published them (mark_enqueued): if publishing
    # fails, the next sweeps pick them up again.
    if rows:
        session.execute(update(Article).where(Article.id.in_([row.id for row in rows])).values(
            status="queued", lease_expires_at=None, enqueued_at=None, updated_at=now))
    return Stale([row.id for row in rows if row.status == "queued"],
                 [row.id for row in rows if row.status == "processing"])
