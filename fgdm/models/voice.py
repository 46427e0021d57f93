from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.cases import Case, Child
from fgdm.models.network import NetworkMember


def private_storage():
    return storages["private"]


class VoiceAudience(models.TextChoices):
    MEETING = "meeting", _("Everyone at the meeting")
    COORDINATOR = "coordinator", _("Only the coordinator")


class ChildVoice(models.Model):
    """What a child or young person wants said: in their words, or an advocate's, and who may see it.

    Each time they change it a new row is added; the latest one counts.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="child_voices")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="voices")
    given_by = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="voices_given")
    going_well = models.TextField(_("What is going well"), blank=True)
    worries = models.TextField(_("What worries you"), blank=True)
    wishes = models.TextField(_("What you want to happen"), blank=True)
    who_there = models.TextField(_("Who you want at the meeting"), blank=True)
    picture = models.FileField(upload_to="child-voice/%Y/%m/", blank=True, storage=private_storage)
    picture_type = models.CharField(max_length=32, blank=True)
    audience = models.CharField(max_length=16, choices=VoiceAudience.choices, default=VoiceAudience.MEETING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"views of child {self.child_id}"
