"""Structured JSON logs. Worker lines carry the id of the article being processed."""

from __future__ import annotations

import logging
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

current_article_id: ContextVar[int | None] = ContextVar("current_article_id", default=None)


class ArticleContext(logging.Filter):
    """Adds `article_id` to every record logged while an article is being processed."""

    def filter(self, record: logging.LogRecord) -> bool:
        article_id = current_article_id.get()
        if article_id is not None and not hasattr(record, "article_id"):
            record.article_id = article_id
        return True


def json_handler() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", timestamp=False))
    handler.addFilter(ArticleContext())
    return handler


def configure_logging(level: str = "INFO") -> None:
    """Route every logger (ours, Celery's, uvicorn's) to one JSON handler on stderr."""
    root = logging.getLogger()
    root.handlers[:] = [json_handler()]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "celery", "celery.task", "celery.worker"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True


# uvicorn's --log-config takes a dictConfig; this one hands everything to the root JSON handler.
UVICORN_LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"article": {"()": "services.operations.logs.ArticleContext"}},
    "formatters": {
        "json": {"()": "pythonjsonlogger.json.JsonFormatter", "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["article"]},
    },
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {
        "uvicorn": {"handlers": [], "propagate": True},
        "uvicorn.error": {"handlers": [], "propagate": True},
        "uvicorn.access": {"handlers": [], "propagate": True},
    },
}
