from django.db import models
from django.utils.translation import gettext_lazy as _

from fgdm.models.cases import Case
from fgdm.models.network import NetworkMember
from portal.references import make_ref


class MeetingKind(models.TextChoices):
    FIRST = "first", _("Family group meeting")
    REVIEW = "review", _("Review meeting")
    # For people given the "separate meeting" decision: linked to the main meeting, told nothing of it.
    SEPARATE = "separate", _("Separate meeting")


class MeetingStatus(models.TextChoices):
    ARRANGING = "arranging", _("Being arranged")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class PartKind(models.TextChoices):
    INFORMATION_SHARING = "information_sharing", _("Information sharing")
    PRIVATE_FAMILY_TIME = "private_family_time", _("Private family time")
    PLAN_AGREEMENT = "plan_agreement", _("Agreeing the plan")


class Meeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.FIRST)
    status = models.CharField(max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.ARRANGING)
    # The safety plan (professionals only).
    separate_arrivals = models.TextField(_("separate arrival and leaving times"), blank=True)
    separate_waiting_rooms = models.TextField(_("separate waiting rooms"), blank=True)
    who_to_call = models.CharField(_("who to call if there is a problem"), max_length=300, blank=True)
    if_threatening = models.TextField(_("what happens if someone becomes threatening"), blank=True)
    plan_writer = models.ForeignKey(
        NetworkMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plan writer"),
        help_text=_("The person the family chose to write their plan in private family time."),
    )
    # A separate meeting: the main meeting it feeds into, and the people it is for.
    linked_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="separate_meetings"
    )
    for_members = models.ManyToManyField(NetworkMember, blank=True, related_name="separate_meetings")
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised each time a time or venue changes, so messages about an older version can be told apart.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="separate", linked_to__isnull=False)
                | (~models.Q(kind="separate") & models.Q(linked_to__isnull=True)),
                name="separate_meeting_is_linked",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def is_separate(self) -> bool:
        return self.kind == MeetingKind.SEPARATE

    @property
    def topic(self) -> str:
        return make_ref("fgdm.meeting", self.pk)


class MeetingPart(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(max_length=32, choices=PartKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue name"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), blank=True)
    remote_link = models.URLField(_("link to join online"), blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="one_part_of_each_kind"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="part_ends_after_start"),
        ]

    def __str__(self):
        return self.get_kind_display()


class InterpreterBooking(models.Model):
    class Status(models.TextChoices):
        NEEDED = "needed", _("Needed")
        REQUESTED = "requested", _("Requested")
        BOOKED = "booked", _("Booked")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="interpreter_bookings")
    language = models.CharField(_("language"), max_length=100)
    for_members = models.ManyToManyField(NetworkMember, related_name="interpreter_bookings", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEEDED)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["language"]

    def __str__(self):
        return f"{self.language} interpreter"
