"""The audit log's hash chain: each event's hash covers what it says and the hash of the event before.

The hash is an HMAC keyed with ``AUDIT_CHAIN_KEY`` (by default the SECRET_KEY), so someone who can
write to the database but does not hold the key cannot forge a row and recompute the chain after it.
``manage.py verify_audit`` walks the chain; a removed event leaves a gap in ``sequence``, a changed
one no longer matches its hash, and an inserted one breaks the link to the next.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.db import connection

# Any fixed number: the key of the PostgreSQL advisory lock that orders audit writes.
CHAIN_LOCK = 0x617564_6974


def _key() -> bytes:
    return (getattr(settings, "AUDIT_CHAIN_KEY", "") or settings.SECRET_KEY).encode()


def entry_hash(event) -> str:
    fields = {
        "sequence": event.sequence,
        "previous_hash": event.previous_hash,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "request_id": event.request_id,
        "detail": event.detail,
    }
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hmac.new(_key(), body.encode(), hashlib.sha256).hexdigest()


def link(event, *, using=None) -> None:
    """Number ``event`` after the last one and set its hashes. Call inside the transaction that saves it.

    On PostgreSQL an advisory lock held to the end of the transaction makes writers take turns, so
    two events never get the same number; on SQLite a write already locks the whole database.
    """
    from portal.audit.models import AuditEvent

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
    last = AuditEvent.objects.exclude(sequence=None).order_by("-sequence").values("sequence", "entry_hash").first()
    event.sequence = (last["sequence"] + 1) if last else 1
    event.previous_hash = last["entry_hash"] if last else ""
    event.entry_hash = entry_hash(event)


@dataclass(frozen=True)
class Problem:
    sequence: int
    what: str

    def __str__(self):
        return f"event {self.sequence}: {self.what}"


def verify(events) -> tuple[int, list[Problem], str]:
    """Walk ``events`` in sequence order: (how many, the problems found, the last hash)."""
    problems: list[Problem] = []
    expected_sequence, previous = 1, ""
    count = 0
    for event in events:
        count += 1
        if event.sequence is None:
            problems.append(Problem(0, f"id {event.pk} has no place in the chain"))
            continue
        if event.sequence != expected_sequence:
            problems.append(Problem(event.sequence, f"events {expected_sequence} to {event.sequence - 1} are missing"))
        if event.previous_hash != previous:
            problems.append(Problem(event.sequence, "does not follow the event before it"))
        if not hmac.compare_digest(event.entry_hash, entry_hash(event)):
            problems.append(Problem(event.sequence, "has been changed since it was written"))
        expected_sequence, previous = event.sequence + 1, event.entry_hash
    return count, problems, previous
