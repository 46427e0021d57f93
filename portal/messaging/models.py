"""The outbox, the replies that come back, and the numbers that said STOP."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    BLOCKED = "blocked", _("Blocked")
    CANCELLED = "cancelled", _("Cancelled")


class OutboundMessage(models.Model):
    """One message to one person, from queueing to the provider's last word about it.

    The unique ``idempotency_key`` is what makes a message go once: queueing the same key again
    returns this row, and the send task only acts on a row that is still ``queued``.
    """

    recipient_ref = models.CharField(max_length=100, db_index=True)
    recipient_name = models.CharField(max_length=200, blank=True)
    # Phone (E.164) or email as last used; indexed to match a text reply to the message it answers.
    address = models.CharField(max_length=254, blank=True, db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    template = models.CharField(max_length=100)
    language = models.CharField(max_length=10, default="en")
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)  # as staff may read it: a code or personal link shows as "(hidden)"
    # The words as sent, encrypted (portal/messaging/sealing.py); wiped once the provider has them.
    sealed_body = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    blocked_reason = models.CharField(max_length=300, blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    # Why a queued message waits past the time it was asked for, e.g. the person's quiet hours.
    held_reason = models.CharField(max_length=300, blank=True)
    provider_message_id = models.CharField(max_length=64, blank=True, db_index=True)
    provider_status = models.CharField(max_length=20, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    case_ref = models.CharField(max_length=100, blank=True, db_index=True)
    topic = models.CharField(max_length=100, blank=True, db_index=True)
    about = models.JSONField(default=dict, blank=True)
    send_after = models.DateTimeField(null=True, blank=True)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resent_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="resends")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outbound message")

    def __str__(self):
        # No name or address: this string can end up in logs.
        return f"message {self.pk} ({self.template}, {self.status})"

    @property
    def reason(self) -> str:
        """What staff read next to the status: why it was blocked, cancelled, failed or held."""
        if self.status == Status.BLOCKED:
            return self.blocked_reason
        if self.status == Status.CANCELLED:
            return self.cancelled_reason
        if self.status == Status.FAILED:
            return self.last_error
        if self.status == Status.QUEUED:
            return self.held_reason
        return ""


class InboundMessage(models.Model):
    """A text message someone sent us. ``message_sid`` is unique so a webhook retried is acted on once."""

    message_sid = models.CharField(max_length=64, unique=True)
    from_number = models.CharField(max_length=32, db_index=True)
    recipient_ref = models.CharField(max_length=100, blank=True, db_index=True)
    case_ref = models.CharField(max_length=100, blank=True, db_index=True)
    body = models.TextField(blank=True)
    meaning = models.CharField(max_length=10, blank=True)  # yes, no, maybe, help, stop, start or ""
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("inbound message")

    def __str__(self):
        return f"reply {self.pk} ({self.meaning or 'not understood'})"


class OptOut(models.Model):
    """A phone number that texted STOP: no text message goes to it until it texts START."""

    phone = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    message_sid = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("opt-out")

    def __str__(self):
        return f"opt-out {self.pk}"
