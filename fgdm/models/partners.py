"""Partner agencies' input to the safety check: a request for information about named people, sent
to one contact at an agency, and the agency's answer about each person.

A partner has no account. The request carries a single-use, expiring link (only a hash of its token
is kept) and a code sent to the contact's work email; the answers are for professionals only and
never reach the family through any channel.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fgdm.models.cases import Case
from fgdm.models.network import NetworkMember
from portal.references import make_ref


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health")
    SCHOOL = "school", _("School")
    PROBATION = "probation", _("Probation")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse service")
    ADULT_SOCIAL_CARE = "adult_social_care", _("Adult social care")
    OTHER = "other", _("Other")


class Risk(models.TextChoices):
    """The questions the 2026 consultation names for the safety check."""

    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    COERCIVE_CONTROL = "coercive_control", _("Coercive control")
    SERIOUS_CONVICTION = "serious_conviction", _("Serious criminal convictions")
    CHILD_ABUSE_ALLEGATION = "child_abuse_allegation", _("Previous allegations of child abuse")
    CONTACT_RESTRICTION = (
        "contact_restriction",
        _("Restrictions on contact with children (court orders, bail or licence conditions)"),
    )
    CHILD_PROTECTION = "child_protection", _("Involvement with child protection or care proceedings")


class Known(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_KNOWN = "not_known", _("Not known")


class PartnerRequest(models.Model):
    """A question to one contact at a partner agency about one or more people in the network."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="partner_requests")
    agency_kind = models.CharField(_("kind of agency"), max_length=32, choices=AgencyKind.choices)
    agency_name = models.CharField(_("agency"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact's name"), max_length=200)
    contact_email = models.EmailField(_("contact's work email"))
    members = models.ManyToManyField(NetworkMember, related_name="partner_requests", verbose_name=_("people"))
    reply_by = models.DateField(_("reply by"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    # The link: only a hash of its token; a reminder replaces it (the old link stops working).
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    # The latest code sent to the contact's work email, as an HMAC; wrong codes count for the request.
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    wrong_codes = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    holds_nothing = models.BooleanField(default=False)

    class Meta:
        ordering = ["reply_by", "pk"]

    def __str__(self):
        return f"{self.get_agency_kind_display()}: {self.contact_name}"

    @property
    def ref(self) -> str:
        return make_ref("fgdm.partner", self.pk)

    @property
    def agency(self) -> str:
        return self.agency_name or str(self.get_agency_kind_display())

    @property
    def waiting(self) -> bool:
        return self.answered_at is None

    @property
    def overdue(self) -> bool:
        return self.answered_at is None and self.reply_by < timezone.localdate()


class PartnerAnswer(models.Model):
    """What an agency said about one person: yes, no or not known for each risk, and in its own words."""

    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="answers")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="partner_answers")
    risks = models.JSONField(default=dict)  # Risk value -> Known value; empty when the agency holds nothing
    details = models.TextField(blank=True)
    holds_nothing = models.BooleanField(default=False)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "member"], name="one_answer_per_person_asked")]

    def __str__(self):
        return f"answer about {self.member_id}"

    @property
    def risk_rows(self) -> list[tuple[str, str]]:
        """(question, answer) in the order the questions are asked, in words."""
        known = dict(Known.choices)
        return [(label, str(known.get(self.risks.get(value), ""))) for value, label in Risk.choices]

    @property
    def says_yes(self) -> list[str]:
        return [str(label) for value, label in Risk.choices if self.risks.get(value) == Known.YES]
