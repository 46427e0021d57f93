from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    BLOCKED = "blocked", _("Blocked")
    CANCELLED = "cancelled", _("Cancelled")


class OutboundMessage(models.Model):
    """One message to one person on one channel. The unique idempotency key means it is sent once."""

    recipient_ref = models.CharField(max_length=64, db_index=True)
    recipient_name = models.CharField(max_length=200)
    address = models.CharField(max_length=254, blank=True, db_index=True)
    channel = models.CharField(max_length=8)
    template = models.CharField(max_length=64)
    language = models.CharField(max_length=16)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    blocked_reason = models.CharField(max_length=300, blank=True)
    provider_id = models.CharField(max_length=64, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    case_ref = models.CharField(max_length=64, blank=True, db_index=True)
    topic = models.CharField(max_length=64, blank=True, db_index=True)
    about = models.JSONField(default=dict, blank=True)
    send_after = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.template} to {self.recipient_ref} ({self.status})"


class OptOut(models.Model):
    """A phone number that replied STOP: nothing more is sent to it."""

    phone = models.CharField(max_length=20, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return "opted-out number"
