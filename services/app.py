"""ASGI apps. The ingest and read services can run apart (and scale apart); `annals up` serves both."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker

from services.body_limit import BodyLimitMiddleware
from services.errors import install_error_handlers
from services.head_requests import HeadAsGet
from services.ingest.publisher import publisher
from services.ingest.routes import accept_groups
from services.ingest.routes import router as ingest_router
from services.operations.metrics import MetricsMiddleware
from services.operations.routes import router as operations_router
from services.ratelimit import AddressRateLimitMiddleware, RateLimiter
from services.responses import OrjsonResponse
from services.settings import get_settings
from services.store.db import create_async_engine_for
from services.store.raw_connections import RawPool
from services.timeline.fast_path import TimelineFastPath
from services.timeline.routes import router as timeline_router
from services.timeline.search import router as search_router
from services.web.routes import install as install_web
from services.webhooks.routes import router as webhooks_router

ROUTERS = {"ingest": ingest_router, "timeline": timeline_router, "webhooks": webhooks_router}


@asynccontextmanager
async def lifespan(app: FastAPI):
    """The asyncio engine lives as long as the app (its pool belongs to this event loop)."""
    engine = create_async_engine_for()
    app.state.async_sessions = async_sessionmaker(engine, expire_on_commit=False)
    app.state.raw_pool = RawPool(get_settings().database_url, size=get_settings().database_pool_size)
    app.state.accept_groups = accept_groups(app.state.raw_pool)  # POST /articles's group commit
    app.state.rate_limiter = RateLimiter(get_settings())
    # What is alive now (modules, routes, schemas: ~200,000 objects) lives as long as the process: frozen, the
    # cyclic GC's full collections stop walking it. Under POST /articles load they ran every ~0.5 s and each
    # stopped the event loop for 60-90 ms, with every request in flight (issue 13's p99). Garbage is collected
    # first so that none of it is frozen with them.
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # collectable again (an app started and stopped in a long-lived process, as in tests)
    publisher.close()  # publish what is in hand before the process goes
    await app.state.raw_pool.close()
    await engine.dispose()


def create_app(parts: tuple[str, ...] = ("ingest", "timeline", "webhooks")) -> FastAPI:
    app = FastAPI(
        title="Annals",
        summary="Event timelines from news articles.",
        version="0.1.0",
        default_response_class=OrjsonResponse,
        lifespan=lifespan,
    )
    install_error_handlers(app)
    settings = get_settings()
    if "timeline" in parts:  # innermost: rate limits and metrics count its pages too
        app.add_middleware(TimelineFastPath)
    app.add_middleware(BodyLimitMiddleware, default_limit=settings.max_body_bytes,
                       limits_by_path={"/articles/batch": settings.max_batch_body_bytes})
    app.add_middleware(AddressRateLimitMiddleware)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(HeadAsGet)  # outermost: every layer below sees the GET it answers
    app.include_router(operations_router)
    for part in parts:
        app.include_router(ROUTERS[part])
    if "timeline" in parts:
        app.include_router(search_router)
        install_web(app)  # the browser page and live feed belong to the read side
    return app


app = create_app()
ingest_app = create_app(("ingest", "webhooks"))  # webhook management is on the write side
timeline_app = create_app(("timeline",))
