"""After the decision: payments made, support ended early, and the limits and budgets managers set."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from network_support.models import Budget, DelegatedLimit, Payment, SupportDecision, SupportEnding
from portal.audit.services import record

MAX_LIMIT_PENCE = 10_000_000  # £100,000: anything above is a typing slip
MAX_BUDGET_PENCE = 100_000_000_000  # £1bn


@transaction.atomic
def mark_paid(*, payment: Payment, paid_on: date, actor) -> Payment:
    """Finance has paid a payment that was due. A stopped payment is never paid."""
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status != Payment.Status.DUE:
        raise ValidationError(_("Only a payment that is due can be marked as paid."))
    locked.status, locked.paid_on = Payment.Status.PAID, paid_on
    locked.save(update_fields=["status", "paid_on"])
    record(actor=actor, action="support.payment_paid", target=locked, detail={"amount_pence": locked.amount_pence})
    return locked


@transaction.atomic
def end_support(*, decision: SupportDecision, ends_on: date, reason: str, actor) -> SupportEnding:
    """Stop support before its planned end, saying why. Payments due after ``ends_on`` are stopped."""
    locked = SupportDecision.objects.select_for_update().select_related("request").get(pk=decision.pk)
    if locked.superseded_by_id is not None:
        raise ValidationError(_("This decision has been replaced. End the support from the latest decision."))
    if SupportEnding.objects.filter(decision=locked).exists():
        raise ValidationError(_("This support has already been ended."))
    if not locked.approved_pence:
        raise ValidationError(_("Nothing was agreed, so there is no support to end."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the support is ending early.")})
    ending = SupportEnding.objects.create(decision=locked, ends_on=ends_on, reason=reason.strip(), ended_by=actor)
    stopped = Payment.objects.filter(
        item_decision__decision=locked, status=Payment.Status.DUE, due_on__gt=ends_on
    ).update(status=Payment.Status.STOPPED, stopped_reason="Support ended early.")
    record(
        actor=actor,
        action="support.ended_early",
        target=ending,
        detail={"decision": locked.pk, "request": locked.request_id, "payments_stopped": stopped},
    )
    return ending


@transaction.atomic
def set_limit(*, decider, limit_pence: int, actor) -> DelegatedLimit:
    """A service manager sets how much a decider may decide alone. Earlier limits are kept as history."""
    if limit_pence < 0 or limit_pence > MAX_LIMIT_PENCE:
        raise ValidationError({"limit": _("Enter a limit between £0 and £100,000.")})
    limit = DelegatedLimit.objects.create(decider=decider, limit_pence=limit_pence, set_by=actor)
    record(
        actor=actor,
        action="support.limit_set",
        target=limit,
        detail={"decider": decider.pk, "limit_pence": limit_pence},
    )
    return limit


@transaction.atomic
def set_budget(*, year: int, amount_pence: int, actor, service: str | None = None) -> Budget:
    """The service's budget for the financial year starting in April of ``year``."""
    if amount_pence <= 0 or amount_pence > MAX_BUDGET_PENCE:
        raise ValidationError({"amount": _("Enter a budget of more than £0.")})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year like 2026.")})
    budget, _created = Budget.objects.update_or_create(
        service=service or settings.SERVICE_NAME,
        year=year,
        defaults={"amount_pence": amount_pence, "set_by": actor},
    )
    record(actor=actor, action="support.budget_set", target=budget, detail={"year": year, "amount_pence": amount_pence})
    return budget
