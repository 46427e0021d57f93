"""Number and hash-chain every audit event, and refuse TRUNCATE on PostgreSQL.

Events written before this migration are chained in the order they were written.
"""

from django.db import migrations, models
from django.utils import timezone

TRUNCATE_TRIGGER = """
CREATE OR REPLACE FUNCTION audit_event_refuses_truncate() RETURNS trigger AS $$
BEGIN
    -- A superuser can disable any trigger anyway; letting one through keeps the test suite's
    -- flush working. The runtime role is never a superuser (docs/deploy.md).
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: TRUNCATE refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuses_truncate();
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_auditevent FROM PUBLIC;
"""
DROP_TRUNCATE_TRIGGER = """
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_refuses_truncate();
"""


def chain_existing(apps, schema_editor):
    """Chain the events already written, oldest first (the model's own hashing, by its field values)."""
    from portal.audit import chain

    AuditEvent = apps.get_model("audit", "AuditEvent")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
    previous = ""
    for sequence, event in enumerate(AuditEvent.objects.order_by("occurred_at", "id").iterator(), start=1):
        event.sequence = sequence
        event.previous_hash = previous
        event.entry_hash = chain.entry_hash(event)
        # The historical model has none of the append-only guards: this is the one sanctioned update.
        models.QuerySet(AuditEvent).filter(pk=event.pk).update(
            sequence=sequence, previous_hash=previous, entry_hash=event.entry_hash
        )
        previous = event.entry_hash
    if postgres:
        schema_editor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
        schema_editor.execute(TRUNCATE_TRIGGER)


def unchain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRUNCATE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="occurred_at",
            field=models.DateTimeField(db_index=True, default=timezone.now),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="entry_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(chain_existing, unchain),
    ]
