"""The one way to write to the audit log."""

from typing import Any

from django.db import models

from portal.audit.models import AuditEvent
from portal.middleware import current_request_id

MAX_DETAIL_KEYS = 20


def record(
    *,
    action: str,
    actor=None,
    actor_label: str = "",
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``target``.

    Call it from every service that writes a decision or record, and from every selector that
    reads a sensitive one. ``detail`` is small and holds ids and codes, never free text about a person.
    """
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or target.pk
    detail = detail or {}
    if len(detail) > MAX_DETAIL_KEYS:
        raise ValueError("Audit detail is for a few ids and codes, not a copy of the record.")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        actor=actor,
        actor_label=actor_label,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        request_id=current_request_id(),
        detail=_storable(detail),
    )
    event.save()  # numbered and hashed after the event before it (portal/audit/chain.py)
    return event


def _storable(value):
    """The detail as PostgreSQL's jsonb will take it: no NUL characters, which it refuses."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value
