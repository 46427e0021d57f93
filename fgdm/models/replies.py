from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.meetings import Meeting
from fgdm.models.network import InterpreterNeed, NetworkMember


class Invitation(models.Model):
    """That a member was invited to a meeting: which parts, and when. One per member and meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="invitations")
    parts = models.JSONField(default=list)  # PartKind values the member was told about
    sent_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_invitation_per_member")]

    def __str__(self):
        return f"invitation {self.pk}"


class Answer(models.TextChoices):
    YES = "yes", _("Yes, I can come")
    NO = "no", _("No, I cannot come")
    MAYBE = "maybe", _("Maybe")


class Reply(models.Model):
    """A member's answer to an invitation. Replies are added, never changed; the latest one counts."""

    class Via(models.TextChoices):
        LINK = "link", _("Personal link")
        SMS = "sms", _("Text message")
        COORDINATOR = "coordinator", _("Coordinator, on their behalf")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="replies")
    answer = models.CharField(max_length=8, choices=Answer.choices)
    interpreter = models.CharField(max_length=8, choices=InterpreterNeed.choices, blank=True)
    interpreter_language = models.CharField(max_length=100, blank=True)  # for a spoken language interpreter
    interpreter_preferences = models.CharField(max_length=300, blank=True)
    access_needs = models.TextField(blank=True)
    travel_help = models.BooleanField(default=False)
    childcare = models.BooleanField(default=False)
    supporter = models.CharField(max_length=200, blank=True)
    via = models.CharField(max_length=16, choices=Via.choices)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return self.answer

    @property
    def needs_interpreter(self) -> bool:
        return bool(self.interpreter)
