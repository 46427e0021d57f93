from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.cases import Case, Child
from portal.references import make_ref


class InterpreterNeed(models.TextChoices):
    NONE = "", _("No interpreter needed")
    SPOKEN = "spoken", _("Spoken language interpreter")
    BSL = "bsl", _("British Sign Language interpreter")


class NetworkMember(models.Model):
    """Someone who matters to the child: a relative, a friend, a neighbour, a parent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    has_parental_responsibility = models.BooleanField(_("has parental responsibility"), default=False)
    phone = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    language = models.CharField(_("preferred language"), max_length=16, default="en")
    interpreter = models.CharField(_("interpreter"), max_length=8, choices=InterpreterNeed.choices, blank=True)
    interpreter_language = models.CharField(_("interpreter's language"), max_length=100, blank=True)
    interpreter_preferences = models.CharField(
        _("interpreter preferences"),
        max_length=300,
        blank=True,
        help_text=_("For example, a woman interpreter, or someone with no link to the family's community."),
    )
    access_needs = models.TextField(_("access needs"), blank=True)
    travel_needs = models.TextField(_("travel help needed"), blank=True)
    childcare_needs = models.TextField(_("childcare needed"), blank=True)
    # Safe contact: how this person may be reached without putting them at risk.
    allow_sms = models.BooleanField(_("text messages are safe"), default=True)
    allow_email = models.BooleanField(_("email is safe"), default=True)
    allow_post = models.BooleanField(_("post is safe"), default=True)
    discreet = models.BooleanField(
        _("use discreet wording"), default=False, help_text=_("Messages will not say what they are about.")
    )
    quiet_start = models.TimeField(_("do not contact from"), null=True, blank=True)
    quiet_end = models.TimeField(_("do not contact until"), null=True, blank=True)
    suggested_by = models.CharField(_("suggested by"), max_length=200, blank=True)
    household = models.CharField(_("household"), max_length=100, blank=True)
    voice_of = models.ForeignKey(
        Child,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="voiced_by",
        verbose_name=_("gives the views of"),
        help_text=_("The child themself, or their advocate. They can tell the meeting what matters to the child."),
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def ref(self) -> str:
        return make_ref("fgdm.member", self.pk)

    @property
    def language_name(self) -> str:
        from django.conf import settings

        return dict(settings.FAMILY_LANGUAGES).get(self.language, self.language)


class Relationship(models.Model):
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="relationships")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relationships")
    relationship = models.CharField(_("relationship to the child"), max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "child"], name="one_relationship_per_child")]

    def __str__(self):
        return self.relationship
