from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fgdm.models import Case, Child, DutyToOfferDecision, Stage
from fgdm.selectors.access import may_coordinate, may_hold_cases
from portal.audit.services import record
from portal.records import supersede


@transaction.atomic
def create_referral(
    *,
    lead_practitioner,
    stage: str,
    worries: str,
    strengths: str = "",
    bottom_lines: str = "",
    children: list[dict],
    actor,
) -> Case:
    """Open a case for one or more children, referred by the lead practitioner who holds it."""
    if not may_hold_cases(lead_practitioner):
        raise ValidationError({"lead_practitioner": _("Choose a lead practitioner.")})
    if not children:
        raise ValidationError({"child_name": _("Enter the child's name.")})
    for child in children:
        if child["date_of_birth"] > date.today():
            raise ValidationError({"child_date_of_birth": _("Date of birth must be today or in the past.")})
    case = Case.objects.create(
        stage=stage,
        lead_practitioner=lead_practitioner,
        worries=worries,
        strengths=strengths,
        bottom_lines=bottom_lines,
    )
    Child.objects.bulk_create(Child(case=case, **child) for child in children)
    record(actor=actor, action="case.referred", target=case, detail={"stage": stage, "children": len(children)})
    return case


@transaction.atomic
def assign_coordinator(*, case: Case, coordinator, actor) -> Case:
    """An independent coordinator has no case responsibility: never the case's lead practitioner."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if coordinator.pk == case.lead_practitioner_id:
        raise ValidationError(
            {"coordinator": _("The coordinator must be independent: choose someone other than the lead practitioner.")}
        )
    if not may_coordinate(coordinator):
        raise ValidationError({"coordinator": _("Choose someone with the coordinator role.")})
    previous = case.coordinator_id
    case.coordinator = coordinator
    case.save(update_fields=["coordinator"])
    record(
        actor=actor,
        action="case.coordinator_assigned",
        target=case,
        detail={"coordinator": coordinator.pk, "previous": previous},
    )
    return case


@transaction.atomic
def record_duty_to_offer(
    *, case: Case, offered: bool, offered_on: date | None = None, reason_not_offered: str = "", actor
) -> DutyToOfferDecision:
    """At pre-proceedings a meeting must be offered unless that is not in the child's best interests — then say why."""
    if case.stage != Stage.PRE_PROCEEDINGS:
        raise ValidationError(_("The duty to offer is recorded for cases at pre-proceedings."))
    if offered and offered_on is None:
        raise ValidationError({"offered_on": _("Enter the date the meeting was offered.")})
    if offered and offered_on > date.today():
        raise ValidationError({"offered_on": _("The date offered must be today or in the past.")})
    if not offered and not reason_not_offered.strip():
        raise ValidationError({"reason_not_offered": _("Explain why a meeting is not in the child's best interests.")})
    previous = DutyToOfferDecision.objects.select_for_update().current().filter(case=case).first()
    decision = DutyToOfferDecision.objects.create(
        case=case,
        offered=offered,
        offered_on=offered_on if offered else None,
        reason_not_offered="" if offered else reason_not_offered.strip(),
        decided_by=actor,
    )
    supersede(previous, decision)
    record(actor=actor, action="case.duty_to_offer_recorded", target=decision, detail={"offered": offered})
    return decision
