from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fgdm.models import Case, ConsentDecision, NetworkMember
from fgdm.models.consent import ConsentStatus
from portal.audit.services import record
from portal.family_access.services import revoke_links
from portal.messaging.services import cancel_pending
from portal.records import supersede


@transaction.atomic
def record_consent(
    *, case: Case, member: NetworkMember, status: str, method: str, may_share: list[str], note: str = "", actor
) -> ConsentDecision:
    """Only parents and PR holders consent. Refusal or withdrawal stops all contact with the network at once."""
    if member.case_id != case.pk:
        raise ValidationError({"member": _("Choose someone from this child's family network.")})
    if not member.has_parental_responsibility:
        raise ValidationError({"member": _("Only a parent or someone with parental responsibility can give consent.")})
    previous = ConsentDecision.objects.select_for_update().current().filter(case=case, member=member).first()
    decision = ConsentDecision.objects.create(
        case=case,
        member=member,
        status=status,
        method=method,
        may_share=sorted(may_share) if status == ConsentStatus.GIVEN else [],
        note=note,
        decided_by=actor,
    )
    supersede(previous, decision)
    cancelled = 0
    if status != ConsentStatus.GIVEN:
        cancelled = cancel_pending(case_ref=case.ref, reason="Consent to contact the family network was withdrawn.")
        revoke_links(case_ref=case.ref)
    record(
        actor=actor,
        action=f"consent.{status}",
        target=decision,
        detail={"case": case.pk, "member": member.pk, "messages_cancelled": cancelled},
    )
    return decision
