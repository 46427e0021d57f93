"""Family Network Support Packages: the help a family asks for, the decision on it, and what is paid.

Money is whole pence in integer columns, never float. A request's value is the sum over its items of
amount times the number of payments, so a weekly bus fare for three months counts as thirteen fares.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models import Case, NetworkMember, PlanAction
from fgdm.models.decisions import Decision
from portal.records import Final


class Category(models.TextChoices):
    FURNITURE = "furniture", _("Furniture and equipment")
    TRANSPORT = "transport", _("Transport")
    HOUSING_ADAPTATION = "housing_adaptation", _("Changes to a home")
    WAGE_SUBSIDY = "wage_subsidy", _("Help with lost wages")
    CHILDCARE = "childcare", _("Childcare")
    HOUSEHOLD_BILLS = "household_bills", _("Household bills")
    CHILD_ACTIVITIES = "child_activities", _("Activities for the child")
    OTHER = "other", _("Something else")


class Frequency(models.TextChoices):
    ONE_OFF = "one_off", _("Once")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")


class SupportRequest(models.Model):
    """What the family asks for to remove one barrier to the plan, in their own words."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SUBMITTED = "submitted", _("Waiting for a decision")
        WITHDRAWN = "withdrawn", _("You took this request back")
        DECIDED = "decided", _("Decided")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="support_requests")
    plan_action = models.ForeignKey(
        PlanAction, null=True, blank=True, on_delete=models.PROTECT, related_name="support_requests"
    )
    # The person the request is for and who hears the decision: they asked through their link, or
    # a member of staff typed it for them (``entered_by``).
    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="support_requests")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    barrier = models.TextField(_("What is stopping you from doing this?"))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "case"])]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"SR-{self.pk:05d}"

    @property
    def total_pence(self) -> int:
        return sum(item.total_pence for item in self.items.all())


class SupportItem(models.Model):
    """One thing asked for: what, how much each time, how often, and for how long."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(_("What kind of help"), max_length=32, choices=Category.choices)
    description = models.CharField(_("What exactly"), max_length=300)
    amount_pence = models.PositiveIntegerField()  # each payment
    frequency = models.CharField(_("How often"), max_length=16, choices=Frequency.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()  # the last payment's date; the start for a one-off
    payments = models.PositiveSmallIntegerField()  # how many payments from start to end

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_pence__gt=0), name="support_item_amount_positive"),
            models.CheckConstraint(condition=models.Q(payments__gt=0), name="support_item_has_payments"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="support_item_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def total_pence(self) -> int:
        return self.amount_pence * self.payments

    @property
    def recurring(self) -> bool:
        return self.frequency != Frequency.ONE_OFF

    # Support lasting up to about six months is short-term; longer is long-term (the 2026 guidance names
    # one-off, short-term and long-term support without fixing the line; six months is this service's).
    SHORT_TERM_DAYS = 183

    @property
    def support_length(self) -> str:
        """One-off, short-term or long-term, from how often it is paid and for how long."""
        if not self.recurring:
            return str(_("One-off"))
        if (self.ends_on - self.starts_on).days <= self.SHORT_TERM_DAYS:
            return str(_("Short-term"))
        return str(_("Long-term"))


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Yes")
    PARTLY_APPROVED = "partly_approved", _("Yes, in part")
    DECLINED = "declined", _("No")


class SupportDecision(Decision):
    """The decision on a request, with a reason written for the family and a note they never see.

    Decided once: a change is a new decision with the next ``number`` that supersedes the last. The
    unique (request, number) pair refuses a second first decision even if the lock were missed.
    """

    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reason_for_family = models.TextField()
    internal_note = models.TextField(blank=True)  # for professionals only, never shown to the family
    review_on = models.DateField(null=True, blank=True)
    approved_pence = models.PositiveIntegerField(default=0)
    decider_limit_pence = models.PositiveIntegerField(null=True, blank=True)  # the limit that applied; None: none

    class Meta(Decision.Meta):
        constraints = [
            models.UniqueConstraint(fields=["request", "number"], name="one_support_decision_per_number"),
            models.CheckConstraint(condition=~models.Q(reason_for_family=""), name="support_decision_has_reason"),
        ]

    def __str__(self):
        return f"{self.request.reference} decision {self.number}"


class ItemDecision(Final):
    """What a decision says about one item. Written with its decision and never changed."""

    final_words = "is part of a recorded decision"

    decision = models.ForeignKey(SupportDecision, on_delete=models.PROTECT, related_name="item_decisions")
    item = models.ForeignKey(SupportItem, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    approved_amount_pence = models.PositiveIntegerField(default=0)  # each payment
    approved_payments = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item_id"]
        constraints = [models.UniqueConstraint(fields=["decision", "item"], name="one_outcome_per_item")]

    def __str__(self):
        return f"{self.get_outcome_display()} for item {self.item_id}"

    @property
    def approved_total_pence(self) -> int:
        return self.approved_amount_pence * self.approved_payments


class SupportEnding(models.Model):
    """Support stopped before its planned end, and why. Payments due after ``ends_on`` are stopped."""

    decision = models.OneToOneField(SupportDecision, on_delete=models.PROTECT, related_name="ending")
    ends_on = models.DateField()
    reason = models.TextField()
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"ended {self.ends_on}"


class Payment(models.Model):
    """One payment in the schedule an approved item makes."""

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        PAID = "paid", _("Paid")
        STOPPED = "stopped", _("Stopped")

    item_decision = models.ForeignKey(ItemDecision, on_delete=models.PROTECT, related_name="payments")
    due_on = models.DateField()
    amount_pence = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DUE)
    paid_on = models.DateField(null=True, blank=True)
    stopped_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "status"])]

    def __str__(self):
        return f"payment {self.pk} due {self.due_on}"


class DelegatedLimit(models.Model):
    """The most a decider may decide on alone: the total value of a request. The latest row holds."""

    decider = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_limits")
    limit_pence = models.PositiveIntegerField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-set_at", "-pk"]

    def __str__(self):
        return f"limit {self.limit_pence}p for user {self.decider_id}"


class Budget(models.Model):
    """What the service may spend on support packages in one financial year (April to March)."""

    service = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()  # the year the financial year starts, e.g. 2026 for 2026-27
    amount_pence = models.PositiveBigIntegerField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["service", "year"], name="one_budget_per_service_year")]

    def __str__(self):
        return f"{self.service} {self.year}-{(self.year + 1) % 100:02d}"
