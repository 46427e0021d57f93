from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import Case, ExclusionDecision, Meeting, MeetingPart, NetworkMember, Participation, PartKind
from fgdm.models.meetings import MeetingKind, MeetingStatus
from fgdm.selectors import disclosures
from fgdm.services.invitations import tell_of_meeting
from portal.audit.services import record
from portal.messaging.notify import Tally
from portal.messaging.services import cancel_pending

# What a change of time or place makes wrong: the words about the meeting's old time and place.
MEETING_MESSAGES = ("fgdm.invitation", "fgdm.reminder", "fgdm.meeting_changed")

SAFETY_FIELDS = ("separate_arrivals", "separate_waiting_rooms", "who_to_call", "if_threatening")


@dataclass(frozen=True)
class PartPlan:
    kind: str
    starts_at: datetime
    ends_at: datetime
    venue_name: str = ""
    venue_address: str = ""
    remote_link: str = ""


def _check_parts(parts: list[PartPlan]) -> None:
    errors = {}
    now = timezone.now()
    for part in parts:
        prefix = part.kind
        if part.starts_at <= now:
            errors[f"{prefix}_start"] = _("The start time must be in the future.")
        elif part.ends_at <= part.starts_at:
            errors[f"{prefix}_end"] = _("The end time must be after the start time.")
        if not (part.venue_name.strip() or part.remote_link.strip()):
            errors[f"{prefix}_venue_name"] = _("Enter a venue or a link to join online.")
    kinds = [p.kind for p in parts]
    if PartKind.INFORMATION_SHARING not in kinds:
        errors["information_sharing_start"] = _("Every meeting starts with information sharing.")
    if len(set(kinds)) != len(kinds):
        raise ValidationError(_("Each part of the meeting can only be planned once."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def arrange_meeting(*, case: Case, kind: str, parts: list[PartPlan], actor, **safety) -> Meeting:
    """Plan a meeting's parts (times in the future, each with a venue or a link) and its safety plan."""
    _check_parts(parts)
    meeting = Meeting.objects.create(case=case, kind=kind, **{k: safety.get(k, "") for k in SAFETY_FIELDS})
    MeetingPart.objects.bulk_create(MeetingPart(meeting=meeting, **vars(part)) for part in parts)
    record(actor=actor, action="meeting.arranged", target=meeting, detail={"case": case.pk, "parts": len(parts)})
    return meeting


@transaction.atomic
def arrange_separate_meeting(
    *, main: Meeting, members: list[NetworkMember], parts: list[PartPlan], actor, **safety
) -> Meeting:
    """A separate meeting for people given that decision, linked to the main meeting it feeds into.

    It has its own parts, times and venues, and the audience rule keeps it and the main meeting
    apart: only the people it is for learn of it, and they learn nothing of the main meeting.
    Everyone it is for must belong to the case and hold a current "separate meeting" decision.
    """
    if main.kind == MeetingKind.SEPARATE or main.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A separate meeting is linked to the family's own meeting."))
    if not members:
        raise ValidationError({"members": _("Choose who the separate meeting is for.")})
    decided = set(
        ExclusionDecision.objects.current()
        .filter(member__in=members, member__case_id=main.case_id, participation=Participation.SEPARATE_MEETING)
        .values_list("member_id", flat=True)
    )
    if any(member.pk not in decided for member in members):
        raise ValidationError({"members": _("A separate meeting is only for people given that decision.")})
    _check_parts(parts)
    meeting = Meeting.objects.create(
        case_id=main.case_id,
        kind=MeetingKind.SEPARATE,
        linked_to=main,
        **{k: safety.get(k, "") for k in SAFETY_FIELDS},
    )
    meeting.for_members.set(members)
    MeetingPart.objects.bulk_create(MeetingPart(meeting=meeting, **vars(part)) for part in parts)
    record(
        actor=actor,
        action="meeting.separate_arranged",
        target=meeting,
        detail={"case": main.case_id, "linked_to": main.pk, "members": [m.pk for m in members]},
    )
    return meeting


@dataclass
class MeetingChange:
    meeting: Meeting
    cancelled: int = 0  # messages about the old time or place that were still waiting
    messages: Tally = field(default_factory=Tally)  # "the meeting has changed", to each person told of a part


def _where_and_when(part: MeetingPart) -> tuple:
    return (part.starts_at, part.ends_at, part.venue_name, part.venue_address, part.remote_link)


@transaction.atomic
def change_meeting(
    *, meeting: Meeting, parts: list[PartPlan], actor, tell_members: bool = True, **safety
) -> MeetingChange:
    """New times or venues: the meeting's version moves on; waiting messages about the old time or
    place are cancelled (and nothing else: a "plan decided" message still goes); and each member
    told of a part that changed is told "the meeting has changed", within the audience rule, in
    their language and channel, with their reminder made again for the new time."""
    _check_parts(parts)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = {p.kind: _where_and_when(p) for p in meeting.parts.all()}
    meeting.parts.all().delete()
    MeetingPart.objects.bulk_create(MeetingPart(meeting=meeting, **vars(part)) for part in parts)
    for name in SAFETY_FIELDS:
        if name in safety:
            setattr(meeting, name, safety[name])
    meeting.version += 1
    meeting.save()
    change = MeetingChange(meeting=meeting)
    change.cancelled = cancel_pending(
        topic=meeting.topic, templates=MEETING_MESSAGES, reason="The meeting's time or venue changed."
    )
    changed = {p.kind for p in meeting.parts.all() if before.get(p.kind) != _where_and_when(p)}
    if tell_members and changed:
        _tell_of_change(change, changed, actor)
    record(
        actor=actor,
        action="meeting.changed",
        target=meeting,
        detail={
            "version": meeting.version,
            "cancelled": change.cancelled,
            "told": len(change.messages.queued),
            "blocked": len(change.messages.blocked),
        },
    )
    return change


def _tell_of_change(change: MeetingChange, changed: set[str], actor) -> None:
    meeting = change.meeting
    told_before = set(meeting.invitations.filter(cancelled_at__isnull=True).values_list("member_id", flat=True))
    for seen in disclosures(meeting).values():
        kinds = [p.kind for p in seen.parts]
        if seen.member.pk not in told_before or not changed & set(kinds):
            continue
        meeting.invitations.filter(member=seen.member).update(parts=kinds)
        notice = tell_of_meeting(seen.member, meeting, kinds, template="fgdm.meeting_changed", actor=actor)
        change.messages.add(notice)


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    cancelled = cancel_pending(topic=meeting.topic, templates=MEETING_MESSAGES, reason="The meeting was cancelled.")
    record(actor=actor, action="meeting.cancelled", target=meeting, detail={"cancelled": cancelled})
    return meeting
