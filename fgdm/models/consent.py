from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.cases import Case
from fgdm.models.decisions import Decision
from fgdm.models.network import NetworkMember


class ConsentStatus(models.TextChoices):
    GIVEN = "given", _("Consent given")
    REFUSED = "refused", _("Consent refused")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    WRITING = "writing", _("In writing")


class SharingScope(models.TextChoices):
    WORRIES = "worries", _("What professionals are worried about")
    BOTTOM_LINES = "bottom_lines", _("The bottom lines the plan must address")
    HEALTH = "health", _("Health information")
    SCHOOL = "school", _("School information")


class ConsentDecision(Decision):
    """A parent's or PR holder's informed consent to the meeting and to what is shared with the network."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consent_decisions")
    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="consent_decisions")
    status = models.CharField(max_length=16, choices=ConsentStatus.choices)
    method = models.CharField(max_length=16, choices=ConsentMethod.choices)
    may_share = models.JSONField(default=list, blank=True)  # SharingScope values
    note = models.TextField(blank=True)
