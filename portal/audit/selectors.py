from portal.accounts import roles
from portal.accounts.roles import has_role
from portal.audit.models import AuditEvent


def may_read_audit_log(user) -> bool:
    """The audit log, its export and its navigation entry: service managers only."""
    return has_role(user, roles.SERVICE_MANAGER)


def events_for(*, object_type: str, object_id) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor"))


# Reads and changes an inspector will ask about first; they stand out in the audit view.
SENSITIVE_ACTIONS = ("exclusion.reasons_viewed", "subject_access.produced", "case.anonymised")


def search(*, person: str = "", action: str = "", object_ref: str = "", start=None, end=None):
    """Audit events filtered by who (staff email or name, or a family member's ref), what, which record and when."""
    from django.db.models import Q

    events = AuditEvent.objects.select_related("actor")
    if person.strip():
        term = person.strip()
        events = events.filter(
            Q(actor__email__icontains=term)
            | Q(actor__first_name__icontains=term)
            | Q(actor__last_name__icontains=term)
            | Q(actor_label__icontains=term)
        )
    if action.strip():
        events = events.filter(action__icontains=action.strip())
    if object_ref.strip():
        kind, _sep, pk = object_ref.strip().rpartition(":")
        events = events.filter(object_type__icontains=kind, object_id=pk) if kind else events.filter(object_id=pk)
    if start:
        events = events.filter(occurred_at__date__gte=start)
    if end:
        events = events.filter(occurred_at__date__lte=end)
    return events


def record_ref(event: AuditEvent) -> str:
    """The reference of the record an event is about; some events keep a whole reference as the id."""
    if ":" in event.object_id:
        return event.object_id
    return f"{event.object_type}:{event.object_id}" if event.object_type else ""


def with_words(events) -> list[AuditEvent]:
    """The events, each with ``who`` and ``what`` in words a person reads: names, not ``fgdm.member:12``.

    One describer call per kind of record on the page (portal/audit/registry.py), not one query per row.
    """
    from portal.audit import registry

    events = list(events)
    refs = {record_ref(e) for e in events} | {e.actor_label for e in events if e.actor_id is None and e.actor_label}
    words = registry.describe(ref for ref in refs if ref)
    for event in events:
        event.what = words.get(record_ref(event), "")
        if event.actor is not None:
            event.who = str(event.actor)
        else:
            event.who = words.get(event.actor_label, "")
    return events
