"""The schema is made by Alembic only; the models must describe exactly what the migrations build."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from services.store.db import get_engine
from services.store.models import Base


def test_models_and_migrations_do_not_drift():
    with get_engine().connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
