"""The development key `annals up` prints: made once per data directory, kept there (mode 0600), reused."""

from __future__ import annotations

from pathlib import Path

from services.auth.keys import create_key, find_key
from services.store.db import session_scope


def development_key(data_dir: Path, database_url: str) -> str:
    path = data_dir / "development-key"
    with session_scope(database_url) as session:
        if path.exists():
            key = path.read_text().strip()
            stored = find_key(session, key)
            if stored is not None and stored.revoked_at is None:
                return key
        key = create_key(session, name="development (annals up)", scopes=("admin",)).key
    data_dir.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key
