"""Operations endpoints: liveness, readiness, metrics."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from services.operations.metrics import render_metrics
from services.responses import OrjsonResponse

router = APIRouter(tags=["operations"])


@router.get("/healthz")
def healthz():
    """The process is alive."""
    return {"status": "ok"}


def _check_postgres() -> str:
    from sqlalchemy import text

    from services.store.db import get_engine

    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        return "ok"
    except Exception as error:  # noqa: BLE001 - whatever the failure, the answer is "not ready"
        return f"unreachable: {type(error).__name__}"


def _check_redis() -> str:
    from services.operations.redis_client import redis_from_url
    from services.settings import get_settings

    try:
        redis_from_url(get_settings().redis_url or "redis://127.0.0.1:6379/0", socket_timeout=2,
                       socket_connect_timeout=2).ping()
        return "ok"
    except Exception as error:  # noqa: BLE001 - whatever the failure, the answer is "not ready"
        return f"unreachable: {type(error).__name__}"


@router.get("/readyz")
async def readyz():
    """PostgreSQL and Redis are reachable (503 otherwise, with what failed)."""
    checks = {"postgres": await run_in_threadpool(_check_postgres), "redis": await run_in_threadpool(_check_redis)}
    ready = all(state == "ok" for state in checks.values())
    return OrjsonResponse({"status": "ready" if ready else "unavailable", **checks}, status_code=200 if ready else 503,
                          headers=None if ready else {"Retry-After": "5"})


@router.get("/metrics", include_in_schema=False)
async def metrics():
    body, content_type = await run_in_threadpool(render_metrics)
    return Response(body, media_type=content_type)
