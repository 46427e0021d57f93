"""After the meeting: who came, interpreters booked, the child's living situation, closing a case."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import (
    Attendance,
    Case,
    InterpreterBooking,
    Invitation,
    LegalHold,
    Meeting,
    MeetingPart,
    NetworkMember,
    Outcome,
    PartKind,
)
from fgdm.models.meetings import MeetingStatus
from portal.audit.services import record
from portal.records import supersede


@transaction.atomic
def record_attendance(*, meeting: Meeting, attended: set[int], actor) -> Meeting:
    """Mark the meeting held and who of those invited came. Only a meeting that has started can be held."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    first = meeting.parts.order_by("starts_at").first()
    if first is None or first.starts_at > timezone.now():
        raise ValidationError(_("You can record who came once the meeting has started."))
    for invitation in meeting.invitations.filter(cancelled_at__isnull=True):
        Attendance.objects.update_or_create(
            invitation=invitation, defaults={"attended": invitation.member_id in attended}
        )
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    record(actor=actor, action="meeting.held", target=meeting, detail={"attended": len(attended)})
    return meeting


@transaction.atomic
def record_past_meeting(
    *,
    case: Case,
    kind: str,
    starts_at,
    ends_at,
    venue_name: str,
    attended: set[int],
    confirmed: bool,
    actor,
) -> Meeting:
    """Record a meeting that has already taken place, and who came. Nobody is sent anything about it.

    Only someone the audience rule lets know of the meeting can be recorded as there, and only for
    the parts they may know of; the coordinator confirms the meeting really has happened.
    """
    from fgdm.selectors.audience import disclosures

    errors = {}
    if not confirmed:
        errors["confirm"] = _("Confirm that this meeting has already taken place.")
    if starts_at >= timezone.now():
        errors["start"] = _("The meeting must have started already. To plan a meeting, arrange it instead.")
    elif ends_at <= starts_at:
        errors["end"] = _("The end time must be after the start time.")
    if not venue_name.strip():
        errors["venue_name"] = _("Enter where the meeting was held.")
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(case=case, kind=kind, status=MeetingStatus.HELD)
    MeetingPart.objects.create(
        meeting=meeting,
        kind=PartKind.INFORMATION_SHARING,
        starts_at=starts_at,
        ends_at=ends_at,
        venue_name=venue_name.strip(),
    )
    seen = disclosures(meeting)
    if attended - {pk for pk, d in seen.items() if d.invited}:
        raise ValidationError({"attended": _("Only people who may take part in the meeting can be recorded as there.")})
    for pk in attended:
        invitation = Invitation.objects.create(meeting=meeting, member_id=pk, parts=[p.kind for p in seen[pk].parts])
        Attendance.objects.create(invitation=invitation, attended=True)
    record(
        actor=actor,
        action="meeting.recorded_after",
        target=meeting,
        detail={"case": case.pk, "attended": len(attended)},
    )
    return meeting


@transaction.atomic
def book_interpreter(
    *, meeting: Meeting, language: str, members: list[NetworkMember], actor, notes: str = ""
) -> InterpreterBooking:
    """A professional interpreter is booked for these members; family members never interpret."""
    if not language.strip():
        raise ValidationError({"language": _("Enter the language, or British Sign Language.")})
    booking = InterpreterBooking.objects.create(
        meeting=meeting, language=language.strip(), status=InterpreterBooking.Status.BOOKED, notes=notes
    )
    booking.for_members.set(members)
    record(actor=actor, action="meeting.interpreter_booked", target=booking, detail={"meeting": meeting.pk})
    return booking


@transaction.atomic
def record_outcome(
    *, case: Case, child, living_situation: str, proceedings_issued: bool, actor, meeting=None, at_closure=False
) -> Outcome:
    """The child's living situation now. A correction supersedes the last record for the same review."""
    if child.case_id != case.pk:
        raise ValidationError(_("This child is not part of this case."))
    previous = Outcome.objects.current().filter(case=case, child=child, meeting=meeting, at_closure=at_closure).first()
    outcome = Outcome.objects.create(
        case=case,
        child=child,
        meeting=meeting,
        at_closure=at_closure,
        living_situation=living_situation,
        proceedings_issued=proceedings_issued,
        decided_by=actor,
    )
    supersede(previous, outcome)
    record(
        actor=actor,
        action="case.outcome_recorded",
        target=outcome,
        detail={"case": case.pk, "at_closure": at_closure, "living_situation": living_situation},
    )
    return outcome


@transaction.atomic
def close_case(*, case: Case, outcomes: dict[int, tuple[str, bool]], actor) -> Case:
    """Close a case with each child's living situation at closure. The retention period starts now."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.closed_at:
        raise ValidationError(_("This case is already closed."))
    children = list(case.children.all())
    if {c.pk for c in children} - set(outcomes):
        raise ValidationError(_("Record where each child is living before closing the case."))
    for child in children:
        living_situation, proceedings_issued = outcomes[child.pk]
        record_outcome(
            case=case,
            child=child,
            living_situation=living_situation,
            proceedings_issued=proceedings_issued,
            actor=actor,
            at_closure=True,
        )
    case.closed_at = timezone.now()
    case.save(update_fields=["closed_at"])
    record(actor=actor, action="case.closed", target=case, detail={})
    return case


@transaction.atomic
def place_hold(*, case: Case, reason: str, actor) -> LegalHold:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the records must be kept.")})
    hold = LegalHold.objects.create(case=case, reason=reason.strip(), placed_by=actor)
    record(actor=actor, action="case.legal_hold_placed", target=hold, detail={"case": case.pk})
    return hold


@transaction.atomic
def lift_hold(*, hold: LegalHold, actor) -> LegalHold:
    hold.lifted_by, hold.lifted_at = actor, timezone.now()
    hold.save(update_fields=["lifted_by", "lifted_at"])
    record(actor=actor, action="case.legal_hold_lifted", target=hold, detail={"case": hold.case_id})
    return hold
