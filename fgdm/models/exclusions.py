from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.decisions import Decision
from fgdm.models.network import NetworkMember


class Participation(models.TextChoices):
    ALL = "all", _("Invited to all of the meeting")
    INFORMATION_ONLY = "information_only", _("Information sharing part only (not private family time)")
    WRITTEN_VIEWS = "written_views", _("Gives views in writing only")
    SEPARATE_MEETING = "separate_meeting", _("A separate meeting")
    NO_CONTACT = "no_contact", _("Not contacted at all")


class ExclusionReason(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    COERCIVE_CONTROL = "coercive_control", _("Coercive control")
    SERIOUS_CONVICTION = "serious_conviction", _("Serious criminal conviction")
    CONTACT_RESTRICTION = "contact_restriction", _("Court order or contact restriction")
    ALLEGATION = "allegation", _("Allegation of harm to a child")
    VIOLENCE = "violence", _("Violent behaviour")
    CHILDS_WISHES = "childs_wishes", _("The child's wishes")
    OTHER = "other", _("Other")


class ExclusionDecision(Decision):
    """How far a member takes part, and why. The reasons are for professionals only."""

    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="exclusion_decisions")
    participation = models.CharField(max_length=32, choices=Participation.choices)
    # The venue's name may be shared while its address is not, e.g. when meeting at a safe point.
    withhold_venue_address = models.BooleanField(default=False)
    reasons = models.JSONField(default=list)  # ExclusionReason values
    note = models.TextField(blank=True)
    # Before partners answered through the portal, the coordinator typed who they had asked: kept for those
    # old decisions, no longer asked for. New decisions name the partner answers that informed them.
    agencies_consulted = models.TextField(blank=True)
    informed_by = models.ManyToManyField("fgdm.PartnerAnswer", blank=True, related_name="informed_decisions")
    review_on = models.DateField()

    @property
    def review_due(self) -> bool:
        return self.review_on <= date.today()
