"""What each kind of search asks of PostgreSQL, load-independently: shared buffers touched per page.

    .venv/bin/python -m bench.search_buffers [--events 100000] [--fresh]

The same events and searches as bench.search (its POPULATE and SEARCHES, vacuumed unless --fresh), through
`search_events` in this process (no HTTP): each statement of the first five pages is run again under
EXPLAIN (ANALYZE, BUFFERS) and its buffers (hits and reads) are added up. Buffers count the pages a plan
visits whatever else the machine runs, so two versions compare on a shared machine; the milliseconds
printed beside them are only indicative. Statements sent outside SQLAlchemy (a plan's estimates) are not
counted.
"""

from __future__ import annotations

import argparse
import os
from datetime import date

import psycopg
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from bench.search import POPULATE, SEARCHES
from tests.support.services import start_test_services


def filters_of(session: Session, params: dict):
    from services.store.search import EventFilters
    from services.timeline.lookup import actor_or_problem

    def actor_id(name: str | None) -> int | None:
        return actor_or_problem(session, name).id if name else None

    return EventFilters(q=params.get("q"), actor_id=actor_id(params.get("actor")),
                        with_actor_id=actor_id(params.get("with")), type=params.get("type"),
                        place_id=actor_id(params.get("place")),
                        date_from=date.fromisoformat(params["from"]) if "from" in params else None,
                        date_to=date.fromisoformat(params["to"]) if "to" in params else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="no VACUUM after the load (only ANALYZE)")
    args = parser.parse_args()
    services = start_test_services()
    os.environ["ANNALS_DATABASE_URL"] = services.database_url
    try:
        from services.store.migrate import upgrade
        from services.store.search import search_events

        upgrade(services.database_url)
        with psycopg.connect(services.database_url, autocommit=True) as connection:
            connection.execute(POPULATE.replace("%(events)s", str(int(args.events))))
            if not args.fresh:
                connection.execute("VACUUM (ANALYZE)")
        engine = create_engine(services.database_url.replace("postgresql://", "postgresql+psycopg://", 1))
        sent: list[tuple[str, object]] = []

        def record(conn, cursor, statement, parameters, *_):
            if not statement.startswith("EXPLAIN"):  # not the plans asked for here
                sent.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", record)
        total = 0
        with Session(engine) as session:
            for name, params in SEARCHES.items():
                filters = filters_of(session, params)
                buffers, milliseconds, pages, after = 0, 0.0, 0, None
                while pages < 5:
                    sent.clear()
                    _, after = search_events(session, filters, limit=20, after=after)
                    pages += 1
                    for statement, parameters in sent[:]:
                        plan = session.connection().exec_driver_sql(
                            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, parameters).scalar()[0]
                        buffers += plan["Plan"]["Shared Hit Blocks"] + plan["Plan"]["Shared Read Blocks"]
                        milliseconds += plan["Execution Time"]
                    if after is None:
                        break
                total += buffers
                print(f"{name:<28} {buffers / pages:7.0f} buffers per page  ({milliseconds / pages:.1f} ms SQL, "
                      f"{pages} pages)")
        print(f"all kinds: {total} buffers over their pages")
        engine.dispose()
    finally:
        services.close()


if __name__ == "__main__":
    main()
