from django.db.models import Q

from portal.accounts import roles
from portal.accounts.roles import has_role
from portal.audit import registry
from portal.audit.models import AuditEvent


def may_read_audit_log(user) -> bool:
    """The audit log, its export and its navigation entry: service managers only."""
    return has_role(user, roles.SERVICE_MANAGER)


def events_for(*, object_type: str, object_id) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor"))


# Reads and changes an inspector will ask about first; they stand out in the audit view.
SENSITIVE_ACTIONS = (
    "exclusion.reasons_viewed",
    "partner.answers_read",
    "subject_access.produced",
    "case.anonymised",
)


def search(*, person: str = "", action: str = "", object_ref: str = "", start=None, end=None):
    """Audit events filtered by who (staff email or name, or a family member's ref), what, which record and when."""
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
        term = action.strip()
        events = events.filter(Q(action__icontains=term) | Q(action__in=registry.actions_called(term)))
    if object_ref.strip():
        events = events.filter(_about(object_ref.strip()))
    if start:
        events = events.filter(occurred_at__date__gte=start)
    if end:
        events = events.filter(occurred_at__date__lte=end)
    return events


def _about(text: str) -> Q:
    """Events about the record ``text`` names: a reference staff know ("FG-00003": the case and its
    people, meetings and decisions) or the stored form ("fgdm.case:12")."""
    found = registry.find_records(text)
    if found is not None:
        about = Q(pk__in=[])
        for object_type, ids in found.items():
            about |= Q(object_type=object_type, object_id__in=ids)
            about |= Q(object_id__in=[f"{object_type}:{pk}" for pk in ids])
        return about
    kind, _sep, pk = text.rpartition(":")
    return Q(object_type__icontains=kind, object_id=pk) if kind else Q(object_id=pk)


def record_ref(event: AuditEvent) -> str:
    """The reference of the record an event is about; some events keep a whole reference as the id."""
    if ":" in event.object_id:
        return event.object_id
    return f"{event.object_type}:{event.object_id}" if event.object_type else ""


def with_words(events) -> list[AuditEvent]:
    """The events, each with ``who`` and ``what`` in words a person reads: names, not ``fgdm.member:12``.

    One describer call per kind of record on the page (portal/audit/registry.py), not one query per row.
    """
    events = list(events)
    refs = {record_ref(e) for e in events} | {e.actor_label for e in events if e.actor_id is None and e.actor_label}
    words = registry.describe(ref for ref in refs if ref)
    for event in events:
        event.what = words.get(record_ref(event), "")
        event.action_words = registry.action_words(event.action)
        if event.actor is not None:
            event.who = str(event.actor)
        else:
            event.who = words.get(event.actor_label, "")
    return events
