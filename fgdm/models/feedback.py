import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.meetings import Meeting
from fgdm.models.network import NetworkMember


class Rating(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class NeedsMet(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_NEEDED = "not_needed", _("I did not need any")


class FeedbackResponse(models.Model):
    """One person's answers after a meeting. Anonymous: nothing here says who gave it, or about which case."""

    # A random key, so the order rows were written in cannot be matched with FeedbackGiven.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    explained = models.CharField(_("Was the meeting explained to you?"), max_length=8, choices=Rating.choices)
    heard = models.CharField(_("Did you feel heard?"), max_length=8, choices=Rating.choices)
    language_and_access = models.CharField(
        _("Did you get what you needed for language and access?"), max_length=12, choices=NeedsMet.choices
    )
    comments = models.TextField(_("Anything else you want to tell us"), blank=True)
    language = models.CharField(max_length=16)
    month = models.DateField()  # the first day of the month it was given, so answers cannot be matched to a meeting

    class Meta:
        ordering = ["-month"]

    def __str__(self):
        return f"feedback {self.pk}"


class FeedbackGiven(models.Model):
    """That a member has answered, so they are not asked twice. Holds no answers."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="feedback_once_per_meeting")]

    def __str__(self):
        return f"feedback given {self.pk}"
