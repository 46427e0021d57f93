"""Views from people who take part without coming to the meeting: in writing, or at a separate meeting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.cases import Case
from fgdm.models.network import NetworkMember


class Contribution(models.Model):
    """What one person said (what is going well, their worries, what they can offer). The coordinator
    chooses whether it is shared with the meeting; it never carries the meeting's time, venue or attendees."""

    class Source(models.TextChoices):
        WRITTEN = "written", _("In writing")
        SEPARATE_MEETING = "separate_meeting", _("At a separate meeting")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contributions")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="contributions")
    source = models.CharField(max_length=20, choices=Source.choices)
    going_well = models.TextField(_("What is going well"), blank=True)
    worries = models.TextField(_("Worries"), blank=True)
    can_offer = models.TextField(_("What they can offer"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    # Which of the three texts the coordinator shared: a worry said at a separate meeting may stay
    # with the coordinator while the offer of help reaches the meeting.
    shared_parts = models.JSONField(default=list, blank=True)

    PARTS = ("going_well", "worries", "can_offer")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"contribution {self.pk}"
