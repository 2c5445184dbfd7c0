"""Typed FastAPI dependencies shared by the ingest and timeline apps."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from services.settings import Settings, get_settings
from services.store.db import get_read_sessionmaker, get_sessionmaker


def get_session() -> Iterator[Session]:
    with get_sessionmaker()() as session:
        yield session


def get_read_session() -> Iterator[Session]:
    with get_read_sessionmaker()() as session:
        yield session


async def get_async_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session on the app's asyncio engine (see services.app): no thread hop on the hot paths."""
    sessions: async_sessionmaker[AsyncSession] = request.app.state.async_sessions
    async with sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
ReadSessionDep = Annotated[Session, Depends(get_read_session)]
AsyncSessionDep = Annotated[AsyncSession, Depends(get_async_session)]
async def current_settings() -> Settings:
    """get_settings as an async dependency: FastAPI would run a plain function on a worker thread."""
    return get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]
