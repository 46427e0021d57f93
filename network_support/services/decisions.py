"""Deciding a request: once, by someone allowed to, within their limit, with reasons; changed only by a new decision."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from fgdm.notices import tell
from network_support.messaging import DECIDED
from network_support.models import ItemDecision, Outcome, Payment, SupportDecision, SupportRequest
from network_support.money import due_dates, pounds
from network_support.selectors.access import limit_for, why_may_not_decide
from portal.audit.services import record
from portal.records import supersede


@dataclass(frozen=True)
class ItemOutcomeInput:
    item_id: int
    outcome: str
    amount_pence: int | None = None  # each payment, when partly approved
    payments: int | None = None  # how many payments, when partly approved (defaults to all asked for)


@transaction.atomic
def decide_request(
    *,
    request: SupportRequest,
    outcomes: list[ItemOutcomeInput],
    reason_for_family: str,
    actor,
    internal_note: str = "",
    review_on: date | None = None,
    replaces: SupportDecision | None = None,
    today: date | None = None,
) -> SupportDecision:
    """Decide a sent request, or replace its current decision with a new one.

    The request row is locked first, so of two people deciding at once the second finds it decided
    and is refused. Who may decide is ``network_support.selectors.access.why_may_not_decide``: the
    case's lead practitioner or a service manager, within their delegated limit. Recurring support needs a review date.
    """
    today = today or date.today()
    locked = SupportRequest.objects.select_for_update().select_related("case", "member").get(pk=request.pk)
    current = SupportDecision.objects.current().filter(request=locked).first()
    if locked.status == SupportRequest.Status.WITHDRAWN:
        raise ValidationError(_("The family took this request back, so it cannot be decided."))
    if locked.status == SupportRequest.Status.DRAFT:
        raise ValidationError(_("The family has not sent this request yet."))
    if replaces is None and current is not None:
        raise ValidationError(
            _("This request was decided by %(who)s on %(when)s. To change it, make a new decision that replaces it.")
            % {"who": current.decided_by, "when": current.decided_at.strftime("%d/%m/%Y")}
        )
    if replaces is not None and (current is None or current.pk != replaces.pk):
        raise ValidationError(_("The decision has changed since you opened this page. Check the latest decision."))
    refusal = why_may_not_decide(actor, locked)
    if refusal:
        raise ValidationError(refusal)

    items = {item.pk: item for item in locked.items.all()}
    decided = _clean_outcomes(items, outcomes)
    errors = {}
    if not reason_for_family.strip():
        errors["reason_for_family"] = _("Write the reason for the family, in plain words.")
    recurring_approved = any(items[o.item_id].recurring and o.outcome != Outcome.DECLINED for o in decided)
    if recurring_approved and review_on is None:
        errors["review_on"] = _("Recurring support needs a review date.")
    elif review_on is not None and review_on <= today:
        errors["review_on"] = _("The review date must be in the future.")
    if errors:
        raise ValidationError(errors)

    previous_number = locked.decisions.aggregate(last=Max("number"))["last"] or 0
    decision = SupportDecision.objects.create(
        request=locked,
        number=previous_number + 1,
        outcome=_overall(decided),
        reason_for_family=reason_for_family.strip(),
        internal_note=internal_note.strip(),
        review_on=review_on if recurring_approved else None,
        approved_pence=sum(o.approved_amount_pence * o.approved_payments for o in decided),
        decider_limit_pence=limit_for(actor),
        decided_by=actor,
    )
    supersede(current, decision)
    if current is not None:
        Payment.objects.filter(item_decision__decision=current, status=Payment.Status.DUE).update(
            status=Payment.Status.STOPPED, stopped_reason="Replaced by a new decision."
        )
    for outcome in decided:
        outcome.decision = decision
        outcome.save()
        _schedule(outcome, items[outcome.item_id])
    if locked.status != SupportRequest.Status.DECIDED:
        locked.status = SupportRequest.Status.DECIDED
        locked.save(update_fields=["status"])
    record(
        actor=actor,
        action="support.decision_changed" if current else "support.decided",
        target=decision,
        detail={
            "request": locked.pk,
            "outcome": decision.outcome,
            "approved_pence": decision.approved_pence,
            "supersedes": current.pk if current else None,
        },
    )
    _tell_family(decision, actor)
    return decision


def _clean_outcomes(items: dict, outcomes: list[ItemOutcomeInput]) -> list[ItemDecision]:
    given = {o.item_id: o for o in outcomes}
    if set(given) != set(items):
        raise ValidationError(_("Decide about every item in the request."))
    errors = {}
    decided = []
    for item_id, item in items.items():
        choice = given[item_id]
        field = f"amount_{item_id}"
        if choice.outcome == Outcome.APPROVED:
            amount, payments = item.amount_pence, item.payments
        elif choice.outcome == Outcome.DECLINED:
            amount, payments = 0, 0
        elif choice.outcome == Outcome.PARTLY_APPROVED:
            amount = choice.amount_pence
            payments = choice.payments or item.payments
            if amount is None or amount <= 0:
                errors[field] = _("Give the amount you agree to, more than £0.")
                continue
            if amount > item.amount_pence:
                errors[field] = _("The amount you agree to must not be more than the %(asked)s asked for.") % {
                    "asked": pounds(item.amount_pence)
                }
                continue
            if not 1 <= payments <= item.payments:
                errors[f"payments_{item_id}"] = _("The number of payments must be between 1 and %(most)s.") % {
                    "most": item.payments
                }
                continue
        else:
            errors[f"outcome_{item_id}"] = _("Choose yes, yes in part, or no.")
            continue
        outcome = choice.outcome
        if outcome == Outcome.PARTLY_APPROVED and (amount, payments) == (item.amount_pence, item.payments):
            outcome = Outcome.APPROVED  # "in part" with everything asked for is a full yes
        decided.append(
            ItemDecision(item=item, outcome=outcome, approved_amount_pence=amount, approved_payments=payments)
        )
    if errors:
        raise ValidationError(errors)
    return decided


def _overall(decided: list[ItemDecision]) -> str:
    kinds = {d.outcome for d in decided}
    if kinds == {Outcome.APPROVED}:
        return Outcome.APPROVED
    if kinds == {Outcome.DECLINED}:
        return Outcome.DECLINED
    return Outcome.PARTLY_APPROVED


def _schedule(outcome: ItemDecision, item) -> None:
    """The payments an approved item makes, less any already paid under an earlier decision."""
    if outcome.approved_payments == 0:
        return
    already_paid = set(
        Payment.objects.filter(item_decision__item=item, status=Payment.Status.PAID).values_list("due_on", flat=True)
    )
    Payment.objects.bulk_create(
        Payment(item_decision=outcome, due_on=day, amount_pence=outcome.approved_amount_pence)
        for day in due_dates(item.frequency, item.starts_on, outcome.approved_payments)
        if day not in already_paid
    )


def _tell_family(decision: SupportDecision, actor) -> None:
    request = decision.request
    key = f"{DECIDED}:{decision.pk}"
    tell(request.member, template=DECIDED, key=key, topic=f"support:{request.pk}", actor=actor)
