import pytest
from django.db import DatabaseError, connection, transaction

from portal.audit.models import AuditEvent
from portal.audit.services import record
from portal.records import FinalRecordError

pytestmark = pytest.mark.django_db


def test_record_keeps_who_did_what_to_which_record(staff_factory):
    user = staff_factory()

    event = record(actor=user, action="case.viewed", object_type="fgdm.case", object_id=42, detail={"part": "summary"})

    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.action, stored.object_type, stored.object_id) == (
        user,
        "case.viewed",
        "fgdm.case",
        "42",
    )
    assert stored.detail == {"part": "summary"}
    assert stored.occurred_at is not None


def test_record_takes_the_type_and_id_of_a_target(staff_factory):
    user = staff_factory()

    event = record(actor=user, action="staff.viewed", target=user)

    assert (event.object_type, event.object_id) == ("accounts.user", str(user.pk))


def test_record_carries_the_request_id(client, staff_factory):
    user = staff_factory()
    client.force_login(user)
    response = client.get("/staff/", HTTP_X_REQUEST_ID="req-12345678")
    assert response["X-Request-ID"] == "req-12345678"

    from portal.middleware import request_id_var

    token = request_id_var.set("req-12345678")
    try:
        event = record(actor=user, action="case.viewed", object_type="fgdm.case", object_id=1)
    finally:
        request_id_var.reset(token)
    assert event.request_id == "req-12345678"


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


def test_an_event_cannot_be_changed_by_saving_it_again(staff_factory):
    event = record(actor=staff_factory(), action="plan.agreed", object_type="fgdm.plan", object_id=1)
    event.action = "plan.not_agreed"

    with pytest.raises(FinalRecordError):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).action == "plan.agreed"


def test_an_event_cannot_be_deleted(staff_factory):
    event = record(actor=staff_factory(), action="plan.agreed", object_type="fgdm.plan", object_id=1)

    with pytest.raises(FinalRecordError):
        event.delete()
    with pytest.raises(FinalRecordError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(FinalRecordError):
        AuditEvent.objects.filter(pk=event.pk).update(action="something.else")

    assert AuditEvent.objects.filter(pk=event.pk, action="plan.agreed").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL")
def test_postgresql_refuses_to_change_an_event_even_with_raw_sql(staff_factory):
    event = record(actor=staff_factory(), action="plan.agreed", object_type="fgdm.plan", object_id=1)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'rewritten' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == "plan.agreed"


def test_detail_is_kept_small(staff_factory):
    with pytest.raises(ValueError):
        record(actor=staff_factory(), action="x", detail={str(i): i for i in range(50)})
