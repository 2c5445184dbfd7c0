"""The webhook management API. Every route needs a key with the `webhooks` scope, and a key sees and changes
only the subscriptions it made (an `admin` key: all): subscriptions reveal where data goes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.auth.dependencies import WebhooksAccess
from services.deps import SessionDep, SettingsDep
from services.errors import Unprocessable
from services.responses import OrjsonResponse
from services.schemas import problems
from services.webhooks import service
from services.webhooks.tasks import kick_dispatch

router = APIRouter(prefix="/webhooks", tags=["webhooks"], responses=problems(429))

EndpointId = Annotated[int, Path(ge=1, le=2**63 - 1)]
MAX_ACTORS = 100


def _actors(value: list[str] | None) -> list[str] | None:
    if value is None:
        return None
    names = [name.strip() for name in value]
    if not names:
        raise ValueError("give at least one actor name, or null for every actor")
    if len(names) > MAX_ACTORS:
        raise ValueError(f"at most {MAX_ACTORS} actors per subscription")
    if any(not name or len(name) > 200 for name in names):
        raise ValueError("actor names must be 1 to 200 characters")
    return list(dict.fromkeys(names))


def _moment(value: object) -> object:
    """A date means its midnight UTC; a datetime without a zone means UTC."""
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            return value
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(), UTC)
    return value


def _aware(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class EndpointIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=2000, examples=["https://example.com/hooks/annals"])
    actors: list[str] | None = Field(
        None, description="Actor names (resolved through aliases, like the timeline); null: every actor.",
        examples=[["Putin", "Kim Jong Un"]])
    description: str | None = Field(None, max_length=1000)

    @field_validator("actors")
    @classmethod
    def _check_actors(cls, value: list[str] | None) -> list[str] | None:
        return _actors(value)


class EndpointPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(None, max_length=2000)
    actors: list[str] | None = None
    description: str | None = Field(None, max_length=1000)
    enabled: bool | None = None

    @field_validator("actors")
    @classmethod
    def _check_actors(cls, value: list[str] | None) -> list[str] | None:
        return _actors(value)


class ReplayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    since: datetime = Field(description="ISO 8601 date or datetime; messages made at or after it are sent again.")
    until: datetime | None = None

    @field_validator("since", "until", mode="before")
    @classmethod
    def _moments(cls, value: object) -> object:
        return _moment(value)


@router.post("", status_code=201)
def create_webhook(body: EndpointIn, session: SessionDep, settings: SettingsDep, caller: WebhooksAccess):
    """Subscribe a URL. The answer holds the signing secret: it is shown this once."""
    endpoint, secret = service.create_endpoint(session, settings, caller, url=body.url, actors=body.actors,
                                               description=body.description)
    result = {**service.describe(session, endpoint), "secret": secret}
    session.commit()
    return OrjsonResponse(result, status_code=201)


@router.get("")
def list_webhooks(session: SessionDep, caller: WebhooksAccess):
    return {"webhooks": service.list_endpoints(session, caller)}


@router.get("/{endpoint_id}")
def read_webhook(endpoint_id: EndpointId, session: SessionDep, caller: WebhooksAccess):
    return service.describe(session, service.get_endpoint(session, endpoint_id, caller))


@router.patch("/{endpoint_id}")
def change_webhook(endpoint_id: EndpointId, body: EndpointPatch, session: SessionDep, settings: SettingsDep,
                   caller: WebhooksAccess):
    """Change the URL, actors (null: every actor), description, or `enabled` (true re-enables)."""
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    if changes.get("url", "") is None or changes.get("enabled", False) is None:
        raise Unprocessable("url and enabled cannot be null")
    endpoint = service.update_endpoint(session, settings, caller, endpoint_id, changes)
    result = service.describe(session, endpoint)
    session.commit()
    if changes.get("enabled"):
        kick_dispatch()  # messages that waited while it was disabled
    return result


@router.delete("/{endpoint_id}", status_code=204)
def delete_webhook(endpoint_id: EndpointId, session: SessionDep, caller: WebhooksAccess):
    service.delete_endpoint(session, caller, endpoint_id)
    session.commit()
    return Response(status_code=204)


@router.post("/{endpoint_id}/rotate-secret")
def rotate_webhook_secret(endpoint_id: EndpointId, session: SessionDep, settings: SettingsDep, caller: WebhooksAccess):
    """A new secret, shown this once; for the grace period (24 h) the old one signs too."""
    endpoint, secret = service.rotate_secret(session, settings, caller, endpoint_id)
    session.commit()
    return {"id": endpoint.id, "secret": secret,
            "previous_secret_expires_at": service._iso(endpoint.previous_secret_expires_at)}


@router.post("/{endpoint_id}/test", status_code=202)
def ping_webhook(endpoint_id: EndpointId, session: SessionDep, settings: SettingsDep, caller: WebhooksAccess):
    """Queue a signed `ping` message; its attempts show in /deliveries."""
    message = service.queue_ping(session, settings, caller, endpoint_id)
    session.commit()
    kick_dispatch()
    return OrjsonResponse({"message_id": message.msg_id, "type": "ping"}, status_code=202)


@router.get("/{endpoint_id}/deliveries")
def list_deliveries(
    endpoint_id: EndpointId,
    session: SessionDep,
    caller: WebhooksAccess,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Annotated[int | None, Query(ge=1, description="`next_before` of the previous page")] = None,
    message_id: Annotated[str | None, Query(max_length=100, description="Only this message's attempts")] = None,
):
    """Attempts, newest first: time, HTTP status, latency, error, outcome and the next attempt."""
    return service.deliveries(session, caller, endpoint_id, limit=limit, before=before, message_id=message_id)


@router.get("/{endpoint_id}/messages")
def list_messages(
    endpoint_id: EndpointId,
    session: SessionDep,
    caller: WebhooksAccess,
    status: Literal["pending", "delivered", "failed"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Annotated[int | None, Query(ge=1)] = None,
):
    """Messages, newest first, with their status; failed messages stay here (and can be replayed)."""
    return service.messages(session, caller, endpoint_id, status=status, limit=limit, before=before)


@router.post("/{endpoint_id}/replay", status_code=202)
def replay_webhook(endpoint_id: EndpointId, body: ReplayIn, session: SessionDep, settings: SettingsDep,
                   caller: WebhooksAccess):
    """Send again every event message since a time (same webhook-id, so receivers can still dedupe)."""
    count = service.replay(session, settings, caller, endpoint_id, _aware(body.since), _aware(body.until))
    session.commit()
    if count:
        kick_dispatch()
    return OrjsonResponse({"replayed": count}, status_code=202)
