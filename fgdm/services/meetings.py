from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import Case, Meeting, MeetingPart, PartKind
from fgdm.models.meetings import MeetingStatus
from portal.audit.services import record
from portal.messaging.services import cancel_pending

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
def change_meeting(*, meeting: Meeting, parts: list[PartPlan], actor, **safety) -> Meeting:
    """New times or venues: pending reminders about the old ones are cancelled, and the version moves on."""
    _check_parts(parts)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.parts.all().delete()
    MeetingPart.objects.bulk_create(MeetingPart(meeting=meeting, **vars(part)) for part in parts)
    for field in SAFETY_FIELDS:
        if field in safety:
            setattr(meeting, field, safety[field])
    meeting.version += 1
    meeting.save()
    cancelled = cancel_pending(topic=meeting.topic, reason="The meeting's time or venue changed.")
    record(
        actor=actor,
        action="meeting.changed",
        target=meeting,
        detail={"version": meeting.version, "cancelled": cancelled},
    )
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status"])
    cancelled = cancel_pending(topic=meeting.topic, reason="The meeting was cancelled.")
    record(actor=actor, action="meeting.cancelled", target=meeting, detail={"cancelled": cancelled})
    return meeting
