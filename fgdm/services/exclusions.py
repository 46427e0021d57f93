from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fgdm.models import ExclusionDecision, ExclusionReason, Invitation, NetworkMember, Participation, PartnerAnswer
from fgdm.selectors import access, disclosure
from portal.audit.services import record
from portal.family_access.services import revoke_links
from portal.messaging.services import cancel_pending
from portal.records import supersede


@dataclass(frozen=True)
class ExclusionOutcome:
    decision: ExclusionDecision
    messages_cancelled: int
    may_already_know: list[Invitation]  # meetings whose details reached them before this decision


@transaction.atomic
def read_exclusion_history(*, member: NetworkMember, actor) -> list[ExclusionDecision]:
    """Every exclusion decision about a person, newest first, with its reasons: for professionals only,
    and each read of the reasons is audited."""
    history = list(ExclusionDecision.objects.filter(member=member).select_related("decided_by"))
    if history:
        record(actor=actor, action="exclusion.reasons_viewed", target=member, detail={"decisions": len(history)})
    return history


@transaction.atomic
def record_exclusion(
    *,
    member: NetworkMember,
    participation: str,
    reasons: list[str],
    review_on: date,
    actor,
    note: str = "",
    agencies_consulted: str = "",
    withhold_venue_address: bool = False,
    informed_by: list[PartnerAnswer] = (),
) -> ExclusionOutcome:
    """Decide how far someone takes part, with reasons, a decider and a review date.

    The decision supersedes the last one; it is never edited. If the person was already invited,
    their pending messages are cancelled and the coordinator is told they may already know the
    time and venue. ``informed_by`` names the partner agencies' answers about this person that
    informed it (``agencies_consulted``, free text, is kept only for decisions recorded before those).
    """
    if actor is None:
        raise ValidationError(_("Record who made the decision."))
    restricting = participation != Participation.ALL or withhold_venue_address
    if restricting and not reasons:
        raise ValidationError({"reasons": _("Choose at least one reason for the decision.")})
    if set(reasons) - set(ExclusionReason.values):
        raise ValidationError({"reasons": _("Choose reasons from the list.")})
    if ExclusionReason.OTHER in reasons and not note.strip():
        raise ValidationError({"note": _("Explain the other reason in the note.")})
    if any(answer.member_id != member.pk for answer in informed_by):
        raise ValidationError({"informed_by": _("Choose answers about this person.")})
    if review_on <= date.today():
        raise ValidationError({"review_on": _("The review date must be in the future.")})

    previous = ExclusionDecision.objects.select_for_update().current().filter(member=member).first()
    decision = ExclusionDecision.objects.create(
        member=member,
        participation=participation,
        reasons=sorted(reasons),
        note=note.strip(),
        agencies_consulted=agencies_consulted.strip(),
        review_on=review_on,
        withhold_venue_address=withhold_venue_address,
        decided_by=actor,
    )
    decision.informed_by.set(informed_by)
    supersede(previous, decision)

    cancelled = 0
    if restricting:
        cancelled = cancel_pending(recipient_ref=member.ref, reason="Participation changed by a safeguarding decision.")
        if participation == Participation.NO_CONTACT:
            revoke_links(subject_ref=member.ref)
    may_already_know = [
        invitation
        for invitation in member.invitations.filter(cancelled_at__isnull=True).select_related("meeting")
        if access.may_already_know(invitation, disclosure(member, invitation.meeting))
    ]
    record(
        actor=actor,
        action="exclusion.decided",
        target=decision,
        detail={
            "member": member.pk,
            "participation": participation,
            "informed_by": sorted(answer.pk for answer in informed_by),
            "messages_cancelled": cancelled,
            "may_already_know": [i.meeting_id for i in may_already_know],
        },
    )
    return ExclusionOutcome(decision=decision, messages_cancelled=cancelled, may_already_know=may_already_know)
