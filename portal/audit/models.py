from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.records import FinalRecordError


class AuditEventIsAppendOnly(FinalRecordError):
    """Raised on any attempt to change or remove an audit event (a ``FinalRecordError``, like every final record)."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditEventIsAppendOnly("Audit events cannot be changed.")

    def delete(self):
        raise AuditEventIsAppendOnly("Audit events cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditEventIsAppendOnly("Audit events cannot be changed.")

    def bulk_create(self, objs, *args, **kwargs):
        # Each event must be numbered and hashed after the one before: one at a time, through save().
        raise AuditEventIsAppendOnly("Audit events are written one at a time, with audit.services.record().")


class AuditEvent(models.Model):
    """One thing that happened: who did or read what, when. Rows are only ever added."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A family member acting through their personal link has no user account; this names them.
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    request_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # The hash chain (portal/audit/chain.py): events are numbered 1, 2, 3… with no gaps, and each
    # carries the hash of the one before, so a changed, removed or inserted row shows.
    sequence = models.PositiveBigIntegerField(unique=True, null=True, editable=False)
    previous_hash = models.CharField(max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditEventIsAppendOnly("Audit events cannot be changed.")
        from portal.audit import chain

        with transaction.atomic(using=kwargs.get("using")):
            chain.link(self)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEventIsAppendOnly("Audit events cannot be deleted.")
