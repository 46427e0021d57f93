"""The audit log holds against its own database: a hash chain shows any change, and on PostgreSQL
the runtime role can only add and read events — no UPDATE, DELETE, TRUNCATE, trigger or replica tricks."""

import secrets

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from portal.audit.database import grant_runtime_role
from portal.audit.models import AuditEvent
from portal.audit.services import record

pytestmark = pytest.mark.django_db


def _events(n=4):
    return [record(action="case.viewed", object_type="fgdm.case", object_id=i, detail={"n": i}) for i in range(n)]


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out, stderr=StringIO())
    return out.getvalue()


def _forge(sql, params):
    """What the table's owner (or a superuser) could do: switch the trigger off and rewrite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own inserts leave deferred foreign-key checks pending; settle them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def test_events_are_numbered_and_each_carries_the_hash_of_the_one_before():
    first, second, third, _fourth = _events()
    assert [first.sequence + 1, first.sequence + 2] == [second.sequence, third.sequence]
    assert second.previous_hash == first.entry_hash and third.previous_hash == second.entry_hash
    assert len(first.entry_hash) == 64
    assert _verify().startswith(f"{AuditEvent.objects.count()} audit events, chain intact. Last hash: ")


def test_verify_audit_finds_a_changed_event():
    events = _events()
    _forge("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["999", events[1].pk])
    with pytest.raises(CommandError, match=r"tampered with: 1 problem\(s\)"):
        _verify()


def test_verify_audit_finds_a_removed_event():
    events = _events()
    _forge("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    with pytest.raises(CommandError, match="tampered with"):
        _verify()


def test_verify_audit_finds_a_forged_event_even_with_a_recomputed_plain_hash():
    import hashlib

    events = _events()
    fake = hashlib.sha256(b"forged").hexdigest()
    _forge(
        "UPDATE audit_auditevent SET action = %s, entry_hash = %s WHERE id = %s", ["case.nothing", fake, events[3].pk]
    )
    with pytest.raises(CommandError, match="tampered with"):
        _verify()


def test_events_cannot_be_written_in_bulk_around_the_chain():
    from portal.audit.models import AuditEventIsAppendOnly

    with pytest.raises(AuditEventIsAppendOnly):
        AuditEvent.objects.bulk_create([AuditEvent(action="x")])


@pytest.fixture
def runtime_role():
    """A role like the portal's runtime one, made inside the test's transaction (so it goes with it)."""
    role = f"portal_runtime_test_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN NOSUPERUSER")
    grant_runtime_role(role)
    return role


def _as(role, sql, params=()):
    """Run ``sql`` as ``role``, in a savepoint so a refusal does not end the test's transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {role}")
        cursor.execute(sql, params)
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("TRUNCATE audit_auditevent", "permission denied"),
        ("UPDATE audit_auditevent SET action = 'rewritten'", "permission denied"),
        ("DELETE FROM audit_auditevent", "permission denied"),
        ("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only", "must be owner"),
        ("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL", "must be owner"),
        ("SET session_replication_role = replica", "permission denied"),
        ("DROP TABLE audit_auditevent", "must be owner"),
    ],
)
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and triggers are PostgreSQL's")
def test_the_runtime_role_cannot_rewrite_the_audit_log(runtime_role, sql, refusal):
    events = _events(2)
    with pytest.raises(DatabaseError, match=refusal):
        _as(runtime_role, sql)
    assert list(AuditEvent.objects.order_by("sequence").values_list("pk", "action")) == [
        (e.pk, "case.viewed") for e in events
    ]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and triggers are PostgreSQL's")
def test_the_runtime_role_adds_and_reads_events_and_works_on_other_tables(runtime_role):
    _events(1)
    _as(runtime_role, "INSERT INTO django_session (session_key, session_data, expire_date) VALUES ('k', 'd', now())")
    _as(runtime_role, "DELETE FROM django_session WHERE session_key = 'k'")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {runtime_role}")
        event = record(action="case.viewed", object_type="fgdm.case", object_id=7)
        assert AuditEvent.objects.filter(pk=event.pk).exists()
        cursor.execute("RESET ROLE")
    assert _verify().endswith(f"Last hash: {event.entry_hash}\n")


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and triggers are PostgreSQL's")
def test_a_truncate_trigger_refuses_even_a_role_that_was_granted_truncate(runtime_role):
    _events(1)
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT TRUNCATE ON audit_auditevent TO {runtime_role}")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="audit events are append-only: TRUNCATE refused"):
        _as(runtime_role, "TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 1
