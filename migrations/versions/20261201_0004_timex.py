"""articles.published_date: the publisher's calendar date, the reference date for relative expressions

Revision ID: 0004_timex
Revises: 0003
Create Date: 2026-12-01 09:00:00

A timestamptz keeps the instant, not the offset the client sent: "2024-06-17T01:00+09:00" is stored as
2024-06-16 16:00 UTC, and its calendar date in the publisher's zone (2024-06-17) is lost. Rows from
before this revision get their UTC date. The column stays nullable for rows written by other means
(benchmarks insert directly); readers fall back to the UTC date (Article.reference_date).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_timex"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("published_date", sa.Date(), nullable=True))
    op.execute("UPDATE articles SET published_date = (published_at AT TIME ZONE 'UTC')::date")


def downgrade() -> None:
    op.drop_column("articles", "published_date")
