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
