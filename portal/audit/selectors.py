from portal.audit.models import AuditEvent


def events_for(*, object_type: str, object_id) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor"))
