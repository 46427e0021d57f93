"""Reads for the family's own pages: their meeting, their reply, the times on offer, the plan.

Every read starts from the signed-in member and goes through the audience rule; nothing here
returns an exclusion reason or anything about a part the member may not know of.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from fgdm.models import (
    Case,
    ChildVoice,
    Contribution,
    ExclusionDecision,
    Invitation,
    Meeting,
    NetworkMember,
    Participation,
    PlanAgreement,
    PlanVersion,
    Reply,
    SlotAnswer,
    TimeSlot,
    VoiceAudience,
)
from fgdm.models.meetings import MeetingKind, MeetingStatus
from fgdm.selectors.audience import current_exclusion
from fgdm.selectors.page_reads import remembered


def current_meeting(case: Case) -> Meeting | None:
    """The meeting being arranged or held for a case: the latest one not cancelled (separate meetings aside)."""
    main = case.meetings.exclude(status=MeetingStatus.CANCELLED).exclude(kind=MeetingKind.SEPARATE)
    return main.select_related("plan_writer").order_by("-created_at", "-pk").first()


def meeting_for(member: NetworkMember) -> Meeting | None:
    """The meeting a family member's pages are about: the case's meeting or, for someone given a
    separate meeting, the separate meeting arranged for them (linked to the case's current meeting).

    Which one it is says nothing by itself: what they may know of it is the audience rule's answer.
    """
    main = current_meeting(member.case)
    if main is None:
        return None
    decision = current_exclusion(member)
    if decision is None or decision.participation != Participation.SEPARATE_MEETING:
        return main
    separate = (
        main.separate_meetings.filter(for_members=member)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-created_at", "-pk")
        .first()
    )
    return separate or main


def live_invitation(member: NetworkMember, meeting: Meeting | None) -> Invitation | None:
    if meeting is None:
        return None
    return Invitation.objects.filter(member=member, meeting=meeting, cancelled_at__isnull=True).first()


@dataclass(frozen=True)
class CalendarHistory:
    """What a member's calendar may already hold of a meeting: the parts an invitation told them of,
    and the ``SEQUENCE`` their calendar file carries now.

    The sequence rises with every change of the meeting's time or venue (the meeting's version) and
    with every safeguarding decision about the member, since each can change what they may know:
    so an exclusion after the invitation gives a cancellation a calendar app accepts, and lifting
    it gives events newer than the cancellation.
    """

    sequence: int
    told: frozenset[str]


def calendar_history(member: NetworkMember, meeting: Meeting) -> CalendarHistory:
    invitation = live_invitation(member, meeting)
    decisions = ExclusionDecision.objects.filter(member=member).count()
    return CalendarHistory(
        sequence=meeting.version - 1 + decisions,
        told=frozenset(invitation.parts) if invitation else frozenset(),
    )


def latest_reply(invitation: Invitation | None) -> Reply | None:
    return invitation.replies.order_by("-received_at", "-pk").first() if invitation else None


def open_slots(meeting: Meeting):
    return meeting.slots.filter(withdrawn_at__isnull=True)


def answers_of(member: NetworkMember, meeting: Meeting) -> dict[int, str]:
    return dict(SlotAnswer.objects.filter(member=member, slot__meeting=meeting).values_list("slot_id", "suits"))


@dataclass(frozen=True)
class SlotSummary:
    slot: TimeSlot
    yes: int
    maybe: int
    no: int

    @property
    def score(self) -> tuple[int, int, int]:
        return (self.yes, self.maybe, -self.no)


def best_slots(meeting: Meeting) -> list[SlotSummary]:
    """The offered times, best first: most people it suits, then most who could make it work."""
    counted = open_slots(meeting).annotate(
        yes=Count("answers", filter=Q(answers__suits="yes")),
        maybe=Count("answers", filter=Q(answers__suits="maybe")),
        no=Count("answers", filter=Q(answers__suits="no")),
    )
    summaries = [SlotSummary(slot=s, yes=s.yes, maybe=s.maybe, no=s.no) for s in counted]
    return sorted(summaries, key=lambda s: (s.score, -s.slot.starts_at.timestamp()), reverse=True)


def latest_plan(meeting: Meeting | None) -> PlanVersion | None:
    if meeting is None:
        return None
    return remembered(
        ("latest_plan", meeting.pk),
        lambda: meeting.plan_versions.select_related("written_by").prefetch_related("actions").first(),
    )


def latest_submitted_plan(meeting: Meeting | None) -> PlanVersion | None:
    if meeting is None:
        return None
    return (
        meeting.plan_versions.filter(status=PlanVersion.Status.SUBMITTED)
        .select_related("written_by")
        .prefetch_related("actions")
        .first()
    )


def agreed_plan(case: Case) -> PlanVersion | None:
    """The plan in force: the newest version, at any meeting of the case, whose current decision agrees it.

    It stays in force (and visible to whoever may read the plan) until a newer one is agreed.
    """
    agreement = (
        PlanAgreement.objects.current()
        .filter(version__meeting__case=case, agreed=True)
        .order_by("-version__meeting__created_at", "-version__meeting_id", "-version__number")
        .select_related("version__written_by")
        .first()
    )
    return agreement.version if agreement else None


def plan_to_start_from(meeting: Meeting | None) -> PlanVersion | None:
    """Where the plan writer starts: this meeting's latest version, else (at a review) the agreed plan."""
    if meeting is None:
        return None
    return latest_plan(meeting) or agreed_plan(meeting.case)


def plan_history(case: Case) -> list[tuple[PlanVersion, PlanAgreement | None]]:
    """Every version the family sent, at every meeting of the case, newest first, each with its current decision."""
    versions = list(
        PlanVersion.objects.filter(meeting__case=case, status=PlanVersion.Status.SUBMITTED)
        .select_related("written_by", "meeting")
        .order_by("-meeting__created_at", "-meeting_id", "-number")
    )
    decisions = {
        d.version_id: d
        for d in PlanAgreement.objects.current().filter(version__in=versions).select_related("decided_by")
    }
    return [(v, decisions.get(v.pk)) for v in versions]


def bottom_lines(case: Case) -> list[str]:
    """The referrer's bottom lines, one per line, which the family's plan must answer."""
    return [line.strip(" -•\t") for line in case.bottom_lines.splitlines() if line.strip(" -•\t")]


def plan_decision(version: PlanVersion | None) -> PlanAgreement | None:
    if version is None:
        return None
    return remembered(
        ("plan_decision", version.pk),
        lambda: PlanAgreement.objects.current().filter(version=version).select_related("decided_by").first(),
    )


def worries(case: Case) -> list[str]:
    """The referrer's worries, one per line or paragraph, as the headings of the family's plan."""
    return [line.strip(" -•\t") for line in case.worries.splitlines() if line.strip(" -•\t")]


def voices_for_staff(case: Case, *, every_voice: bool):
    """The latest views of each child: all of them when ``every_voice`` (``access.may_see_every_child_voice``),
    else only what the child shared with the meeting."""
    latest = {}
    for voice in ChildVoice.objects.filter(case=case).select_related("child", "given_by").order_by("created_at", "pk"):
        latest[voice.child_id] = voice
    return [v for v in latest.values() if every_voice or v.audience == VoiceAudience.MEETING]


def latest_voice(member: NetworkMember) -> ChildVoice | None:
    if member.voice_of_id is None:
        return None
    return ChildVoice.objects.filter(child_id=member.voice_of_id, given_by=member).first()


@dataclass(frozen=True)
class SharedViews:
    """What one person not at the meeting said, holding only the parts the coordinator shared."""

    name: str
    parts: tuple[tuple[str, str], ...]  # (what the part is, what they said)


def shared_contributions(case: Case) -> list[SharedViews]:
    """Views from people not at the meeting that the coordinator chose to share with it; a part not
    chosen is not in the result at all, so no page can show it."""
    found = []
    shared = case.contributions.filter(shared_at__isnull=False).select_related("member").order_by("created_at", "pk")
    for contribution in shared:
        parts = tuple(
            (Contribution._meta.get_field(part).verbose_name, getattr(contribution, part))
            for part in Contribution.PARTS
            if part in contribution.shared_parts and getattr(contribution, part)
        )
        if parts:
            found.append(SharedViews(name=contribution.member.name, parts=parts))
    return found
