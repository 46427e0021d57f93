from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.meetings import Meeting
from fgdm.models.network import NetworkMember


class TimeSlot(models.Model):
    """A time the coordinator offers for the meeting to start; confirming one moves every part with it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    offered_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "starts_at"], name="one_slot_per_start")]

    def __str__(self):
        return f"slot {self.pk}"


class Suits(models.TextChoices):
    YES = "yes", _("This time suits me")
    MAYBE = "maybe", _("I could make this time work")
    NO = "no", _("I cannot come at this time")


class SlotAnswer(models.Model):
    """Whether a slot suits a member. Not a decision: the member may change their mind until one is confirmed."""

    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="answers")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="slot_answers")
    suits = models.CharField(max_length=8, choices=Suits.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slot", "member"], name="one_answer_per_slot")]

    def __str__(self):
        return self.suits
