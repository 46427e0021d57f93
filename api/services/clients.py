"""Creating and revoking API clients and their webhook addresses. Only a service manager may."""

import base64
import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from api.keys import display_prefix, hash_key, new_key
from api.models import READ_SCOPES, ApiClient, Event, WebhookEndpoint
from api.selectors.access import may_manage_api_clients
from portal.audit.services import record


def _check(actor) -> None:
    if not may_manage_api_clients(actor):
        raise PermissionDenied("Only a service manager manages API clients.")


@transaction.atomic
def create_client(*, name: str, scopes: list[str], expires_at: datetime | None, actor) -> tuple[ApiClient, str]:
    """A new client and its key. The key is returned once, here, and only its hash is kept."""
    _check(actor)
    unknown = set(scopes) - set(READ_SCOPES)
    if not scopes or unknown:
        raise ValidationError(f"Choose scopes from {', '.join(READ_SCOPES)}.")
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationError("There is already an API client with this name.")
    key = new_key()
    client = ApiClient.objects.create(
        name=name,
        key_prefix=display_prefix(key),
        key_hash=hash_key(key),
        scopes=sorted(set(scopes), key=READ_SCOPES.index),
        expires_at=expires_at,
        created_by=actor,
    )
    record(actor=actor, action="api.client_created", target=client, detail={"scopes": client.scopes})
    return client, key


@transaction.atomic
def revoke_client(*, client: ApiClient, actor) -> ApiClient:
    """From now on the key is refused (401). Revocation is final: a new client gets a new key."""
    _check(actor)
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.revoked_by = actor
        client.save(update_fields=["revoked_at", "revoked_by"])
        record(actor=actor, action="api.client_revoked", target=client)
    return client


def new_webhook_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


@transaction.atomic
def add_webhook(*, client: ApiClient, url: str, events: list[str], actor) -> tuple[WebhookEndpoint, str]:
    """Subscribe ``url`` to ``events``. The signing secret is returned once, to give to the receiver."""
    _check(actor)
    known = {value for value, _label in Event.choices}
    if not events or set(events) - known:
        raise ValidationError(f"Choose events from {', '.join(sorted(known))}.")
    secret = new_webhook_secret()
    endpoint = WebhookEndpoint.objects.create(client=client, url=url, events=sorted(set(events)), secret=secret)
    record(actor=actor, action="api.webhook_added", target=endpoint, detail={"client": client.pk, "events": events})
    return endpoint, secret


@transaction.atomic
def remove_webhook(*, endpoint: WebhookEndpoint, actor) -> WebhookEndpoint:
    _check(actor)
    if endpoint.disabled_at is None:
        endpoint.disabled_at = timezone.now()
        endpoint.save(update_fields=["disabled_at"])
        record(actor=actor, action="api.webhook_removed", target=endpoint, detail={"client": endpoint.client_id})
    return endpoint
