from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import Meeting, NetworkMember, SlotAnswer, Suits, TimeSlot
from fgdm.models.meetings import MeetingStatus
from fgdm.selectors import disclosure
from fgdm.services.invitations import InvitationRun, send_invitations
from fgdm.services.meetings import PartPlan, change_meeting
from portal.audit.services import record


@transaction.atomic
def offer_slot(*, meeting: Meeting, starts_at: datetime, actor) -> TimeSlot:
    """Offer a time for the meeting to start. Times must be in the future and offered once."""
    if starts_at <= timezone.now():
        raise ValidationError({"day": _("The time must be in the future.")})
    if meeting.slots.filter(starts_at=starts_at, withdrawn_at__isnull=True).exists():
        raise ValidationError({"day": _("This time is already offered.")})
    slot, _created = TimeSlot.objects.update_or_create(
        meeting=meeting, starts_at=starts_at, defaults={"withdrawn_at": None}
    )
    record(actor=actor, action="meeting.slot_offered", target=slot, detail={"meeting": meeting.pk})
    return slot


@transaction.atomic
def answer_slots(*, member: NetworkMember, meeting: Meeting, answers: dict[int, str]) -> None:
    """A member says which offered times suit them. Only someone who may know of the meeting can answer."""
    if not disclosure(member, meeting).parts:
        raise ValidationError(_("You are not invited to this meeting."))
    open_ids = set(meeting.slots.filter(withdrawn_at__isnull=True).values_list("pk", flat=True))
    for slot_id, suits in answers.items():
        if slot_id not in open_ids or suits not in Suits.values:
            continue
        SlotAnswer.objects.update_or_create(slot_id=slot_id, member=member, defaults={"suits": suits})
    record(actor_label=member.ref, action="meeting.times_answered", target=meeting, detail={"answers": len(answers)})


@transaction.atomic
def confirm_slot(*, slot: TimeSlot, actor) -> InvitationRun:
    """Fix the meeting at this time: every part moves with it, other times are withdrawn, and each
    member is invited at the new time, as far as the audience rule allows (the run says who was)."""
    meeting = slot.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    parts = list(meeting.parts.order_by("starts_at"))
    if not parts:
        raise ValidationError(_("Plan the meeting's parts before confirming a time."))
    shift = slot.starts_at - parts[0].starts_at
    meeting = change_meeting(
        meeting=meeting,
        tell_members=False,  # the invitations below carry the new time to everyone
        parts=[
            PartPlan(
                kind=p.kind,
                starts_at=p.starts_at + shift,
                ends_at=p.ends_at + shift,
                venue_name=p.venue_name,
                venue_address=p.venue_address,
                remote_link=p.remote_link,
            )
            for p in parts
        ],
        actor=actor,
    ).meeting
    meeting.status = MeetingStatus.CONFIRMED
    meeting.save(update_fields=["status"])
    meeting.slots.exclude(pk=slot.pk).update(withdrawn_at=timezone.now())
    record(actor=actor, action="meeting.time_confirmed", target=meeting, detail={"slot": slot.pk})
    return send_invitations(meeting=meeting, actor=actor)
