"""Clients of the read API, the webhook addresses they subscribe, and every delivery made to them.

A client's key is shown once and only its SHA-256 is kept. A webhook secret must be kept as it is,
since it signs every delivery; it is shown once too and never again on a page.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a client may read. Every scope is read-only: the API changes nothing."""

    CASES = "cases", _("Cases")
    MEETINGS = "meetings", _("Meetings")
    PLANS = "plans", _("Family plans and agreement decisions")
    OUTCOMES = "outcomes", _("Outcomes")
    SUPPORT = "support", _("Support packages")
    FIGURES = "figures", _("Statutory figures")


READ_SCOPES = [value for value, _label in Scope.choices]


class Event(models.TextChoices):
    PLAN_AGREED = "plan.agreed", _("A plan was agreed")
    PLAN_NOT_AGREED = "plan.not_agreed", _("A plan was not agreed")
    OUTCOME_RECORDED = "outcome.recorded", _("An outcome was recorded")
    SUPPORT_DECIDED = "support.decided", _("A support request was decided")
    CASE_CLOSED = "case.closed", _("A case was closed")


class ApiClient(models.Model):
    """A case system allowed to read the API. It sees what the manager who created it may see."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    key_prefix = models.CharField(max_length=16)  # the first characters, to tell keys apart on screen
    key_hash = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole key
    scopes = models.JSONField(default=list)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    requests_per_minute = models.PositiveIntegerField(default=600)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def status(self) -> str:
        if self.revoked_at:
            return str(_("Revoked"))
        if self.expires_at and self.expires_at <= timezone.now():
            return str(_("Expired"))
        return str(_("Active"))

    # DRF asks these of request.user; a client is never a member of staff.
    is_authenticated = True
    is_anonymous = False


class WebhookEndpoint(models.Model):
    """An address of a client's that hears of the events it chose."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(default=list)
    secret = models.CharField(max_length=100)  # "whsec_" + base64, as Standard Webhooks has it
    created_at = models.DateTimeField(auto_now_add=True)
    disabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one address. One row per (address, event), so an event is never sent twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to send")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=64, unique=True)  # the webhook-id header, the same on every retry
    event_type = models.CharField(max_length=32, choices=Event.choices)
    event_key = models.CharField(max_length=100)  # e.g. "plan.agreed:fgdm.planagreement:12"
    payload = models.JSONField()  # ids only: the receiver reads the API for the rest
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event_key"], name="one_delivery_per_event")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event_type} to {self.endpoint_id}"
