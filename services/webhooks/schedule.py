"""Retry policy: what an attempt's outcome means and when the next attempt is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Longest wait a Retry-After header may ask for; longer requests are clamped to it.
MAX_RETRY_AFTER = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: str  # delivered | retry | failed | disabled
    next_attempt_at: datetime | None = None


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Retry-After as delta-seconds or an HTTP date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        delay = timedelta(seconds=int(value))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        delay = when - now
    return min(max(delay, timedelta(0)), MAX_RETRY_AFTER)


def decide(
    *,
    status_code: int | None,
    retry_after: str | None,
    attempts_made: int,
    schedule: list[float],
    now: datetime,
) -> Decision:
    """After `attempts_made` attempts (this one included) with this result, what happens to the message.

    2xx delivers; 410 disables the endpoint; anything else (other statuses, timeouts, refused connections)
    retries after schedule[attempts_made - 1] seconds, or after Retry-After for 429 and 503; once the
    schedule is used up the message fails.
    """
    if status_code is not None and 200 <= status_code < 300:
        return Decision("delivered")
    if status_code == 410:
        return Decision("disabled")
    if attempts_made > len(schedule):
        return Decision("failed")
    delay = timedelta(seconds=schedule[attempts_made - 1])
    if status_code in (429, 503):
        asked = parse_retry_after(retry_after, now)
        if asked is not None:
            delay = asked
    return Decision("retry", now + delay)
