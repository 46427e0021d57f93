"""What happened: who came to a meeting, the child's living situation at each review and at closure,
and holds that keep a case's records past the retention period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.cases import Case, Child
from fgdm.models.decisions import Decision
from fgdm.models.meetings import Meeting
from fgdm.models.replies import Invitation


class LivingSituation(models.TextChoices):
    AT_HOME = "at_home", _("Living at home")
    WITH_NETWORK = "with_network", _("Living with the family network (kinship care)")
    IN_CARE = "in_care", _("Entered care")
    RETURNED_HOME = "returned_home", _("Returned home")


class Outcome(Decision):
    """The child's living situation, recorded by the coordinator at a review or when the case closes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="outcomes")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="outcomes")
    at_closure = models.BooleanField(default=False)
    living_situation = models.CharField(_("where the child is living"), max_length=16, choices=LivingSituation.choices)
    proceedings_issued = models.BooleanField(_("care proceedings were issued"), default=False)


class Attendance(models.Model):
    """Whether an invited member came to the meeting, recorded by the coordinator afterwards."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="attendance")
    attended = models.BooleanField()
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"attendance {self.pk}"


class LegalHold(models.Model):
    """While a hold is in place, retention leaves the case's records alone."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("reason"), max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self):
        return f"legal hold {self.pk}"
