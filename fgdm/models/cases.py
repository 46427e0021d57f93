from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.decisions import Decision
from portal.references import make_ref


class Stage(models.TextChoices):
    FAMILY_HELP = "family_help", _("Family Help (section 17)")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    PRE_PROCEEDINGS = "pre_proceedings", _("Pre-proceedings")
    LOOKED_AFTER = "looked_after", _("Child looked after")
    REUNIFICATION = "reunification", _("Reunification")


class Case(models.Model):
    """A referral for family group decision making about one or more children."""

    stage = models.CharField(_("stage"), max_length=32, choices=Stage.choices)
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("lead practitioner"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_cases",
        verbose_name=_("independent coordinator"),
    )
    worries = models.TextField(_("what we are worried about"))
    strengths = models.TextField(_("what is going well"), blank=True)
    bottom_lines = models.TextField(_("bottom lines"), blank=True, help_text=_("What the family's plan must address."))
    referred_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set when retention removed the personal details; the case's dates, stage and outcomes stay for the figures.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-referred_at"]

    def __str__(self):
        return f"Case {self.reference}"

    @property
    def reference(self) -> str:
        return f"FG-{self.pk:05d}"

    @property
    def ref(self) -> str:
        """How messaging and audit name this case: an id, never a name."""
        return make_ref("fgdm.case", self.pk)


class Child(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(_("child's name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    first_language = models.CharField(_("first language"), max_length=16, default="en")
    advocate = models.CharField(_("advocate"), max_length=200, blank=True)

    class Meta:
        ordering = ["date_of_birth", "pk"]
        verbose_name_plural = "children"

    def __str__(self):
        return self.name


class DutyToOfferDecision(Decision):
    """At pre-proceedings the authority must offer a meeting unless it is not in the child's best interests."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="duty_to_offer_decisions")
    offered = models.BooleanField()
    offered_on = models.DateField(null=True, blank=True)
    reason_not_offered = models.TextField(blank=True)

    class Meta(Decision.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offered=True, offered_on__isnull=False)
                | (models.Q(offered=False) & ~models.Q(reason_not_offered="")),
                name="duty_to_offer_has_date_or_reason",
            )
        ]
