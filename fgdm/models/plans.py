"""The family's plan: the family's own words, kept as versions that are never edited."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.decisions import Decision
from fgdm.models.meetings import Meeting
from fgdm.models.network import NetworkMember
from portal.records import Final


class WrittenOnce(Final):
    """A row that is written once and never changed or deleted: the family's words stay theirs."""

    final_words = "is the family's words"

    class Meta:
        abstract = True


class PlanVersion(WrittenOnce):
    """One saved state of the plan written in private family time. The latest version is the plan."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being written")
        SUBMITTED = "submitted", _("Sent to the professionals")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    written_by = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="plan_versions")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    contingency = models.TextField(_("If the plan is not working, we will"), blank=True)
    how_checked = models.TextField(_("How we will check the plan is working"), blank=True)
    childs_words = models.TextField(_("What the child said"), blank=True)
    # How the plan meets each of the referrer's bottom lines: [[bottom line, the family's answer], ...]
    bottom_line_answers = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="one_plan_version_number")]

    def __str__(self):
        return f"plan version {self.number}"

    @property
    def submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def answered_bottom_lines(self) -> list[tuple[str, str]]:
        return [(line, answer) for line, answer in self.bottom_line_answers]


class PlanAction(WrittenOnce):
    """What the family will do about one worry the referrer raised: what, who, by when, and the help needed."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField()
    worry = models.TextField()
    what = models.TextField(_("What we will do"), blank=True)
    who = models.CharField(_("Who will do it"), max_length=300, blank=True)
    by_when = models.CharField(_("By when"), max_length=200, blank=True)
    help_needed = models.TextField(_("What help we need"), blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="one_action_per_position")]

    def __str__(self):
        return f"action {self.position}"


class PlanAgreement(Decision):
    """The lead practitioner agrees the plan, or does not and says why in plain words for the family."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="agreements")
    agreed = models.BooleanField()
    reason = models.TextField(blank=True)  # written for the family
    review_on = models.DateField(null=True, blank=True)

    class Meta(Decision.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agreed=True, review_on__isnull=False)
                | (models.Q(agreed=False) & ~models.Q(reason="")),
                name="plan_agreement_has_review_date_or_reason",
            )
        ]
