"""product actors: a made thing the articles name (a satellite, a rocket, a car model, a drug: "the Tern-1
satellite", "Tern-1, a 1.2-ton satellite") is an actor of its own kind, with a timeline of its own

Revision ID: 0011_product_actors
Revises: 0010_actor_titles
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0011_product_actors'
down_revision: str | None = '0010_actor_titles'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f('ck_actors_kind'), 'actors', type_='check')
    op.create_check_constraint(op.f('ck_actors_kind'), 'actors',
                               "kind IN ('person', 'organisation', 'place', 'group', 'product')")


def downgrade() -> None:
    # products become organisations again (the kind the recogniser gives most makers' brands)
    op.execute("UPDATE actors SET kind = 'organisation' WHERE kind = 'product'")
    op.drop_constraint(op.f('ck_actors_kind'), 'actors', type_='check')
    op.create_check_constraint(op.f('ck_actors_kind'), 'actors',
                               "kind IN ('person', 'organisation', 'place', 'group')")
