"""Asking for help: a draft the family can come back to, then a request sent for a decision."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import NetworkMember, PlanAction
from fgdm.selectors import contact_allowed
from network_support.models import Category, Frequency, SupportItem, SupportRequest
from network_support.money import add_months, payments_between, pounds
from portal.audit.services import record

# Limits that catch a slip of the finger (£15000 for £150.00), not the authority's spending rules.
MAX_PAYMENT_PENCE = 1_000_000  # £10,000 each time
MAX_ITEM_TOTAL_PENCE = 5_000_000  # £50,000 over the whole period
MAX_PAYMENTS = 104  # two years of weekly payments
MAX_ITEMS = 10


@dataclass(frozen=True)
class ItemInput:
    category: str
    description: str
    amount_pence: int
    frequency: str
    starts_on: date
    ends_on: date | None = None
    payments: int | None = None


def clean_item(item: ItemInput) -> dict:
    """The item's fields, with its end date and number of payments worked out, or the plain errors."""
    errors = {}
    if item.category not in Category.values:
        errors["category"] = _("Choose what kind of help you need.")
    if not item.description.strip():
        errors["description"] = _("Say what exactly you need.")
    if item.frequency not in Frequency.values:
        errors["frequency"] = _("Choose how often you need it.")
    if item.amount_pence is None or item.amount_pence <= 0:
        errors["amount"] = _("The amount must be more than £0.")
    elif item.amount_pence > MAX_PAYMENT_PENCE:
        errors["amount"] = _("The amount must be %(most)s or less each time. Check it is right.") % {
            "most": pounds(MAX_PAYMENT_PENCE)
        }
    if errors or item.frequency == Frequency.ONE_OFF:
        if errors:
            raise ValidationError(errors)
        return _fields(item, ends_on=item.starts_on, payments=1)

    ends_on, payments = item.ends_on, item.payments
    if ends_on is None and not payments:
        raise ValidationError({"ends_on": _("Give the last date you need it, or how many payments you need.")})
    if ends_on is not None and ends_on < item.starts_on:
        raise ValidationError({"ends_on": _("The last date must be the same as or after the first date.")})
    if payments is not None and payments < 1:
        raise ValidationError({"payments": _("The number of payments must be 1 or more.")})
    if ends_on is None:
        payments = min(payments, MAX_PAYMENTS + 1)
        ends_on = _last_due(item.frequency, item.starts_on, payments)
    else:
        payments = payments_between(item.frequency, item.starts_on, ends_on)
    if payments > MAX_PAYMENTS:
        raise ValidationError(
            {"payments": _("Ask for %(most)s payments or fewer. You can ask again later.") % {"most": MAX_PAYMENTS}}
        )
    if item.amount_pence * payments > MAX_ITEM_TOTAL_PENCE:
        raise ValidationError(
            {
                "amount": _("This comes to more than %(most)s in all. Check the amount.")
                % {"most": pounds(MAX_ITEM_TOTAL_PENCE)}
            }
        )
    return _fields(item, ends_on=ends_on, payments=payments)


def _last_due(frequency: str, starts_on: date, payments: int) -> date:
    if frequency == Frequency.WEEKLY:
        return starts_on + timedelta(weeks=payments - 1)
    return add_months(starts_on, payments - 1)


def _fields(item: ItemInput, *, ends_on: date, payments: int) -> dict:
    return {
        "category": item.category,
        "description": item.description.strip(),
        "amount_pence": item.amount_pence,
        "frequency": item.frequency,
        "starts_on": item.starts_on,
        "ends_on": ends_on,
        "payments": payments,
    }


def _check_may_ask(case) -> None:
    if not contact_allowed(case):
        raise ValidationError(
            _("Consent for this family meeting has been withdrawn or not given, so help cannot be asked for now.")
        )


def _actor(member: NetworkMember, entered_by) -> dict:
    return {"actor": entered_by} if entered_by is not None else {"actor_label": member.ref}


@transaction.atomic
def start_request(
    *,
    member: NetworkMember,
    barrier: str,
    items: list[ItemInput],
    plan_action: PlanAction | None = None,
    entered_by=None,
) -> SupportRequest:
    """Save a draft request for ``member``: the barrier in their words and what would remove it.

    Refused on a case whose consent is not in place, and for a plan action of another case.
    """
    _check_may_ask(member.case)
    if plan_action is not None and plan_action.version.meeting.case_id != member.case_id:
        raise ValidationError(_("That part of the plan is not part of this family's plan."))
    errors = {}
    if not barrier.strip():
        errors["barrier"] = _("Say what is stopping you.")
    if not items:
        errors["category"] = _("Say what help you need.")
    cleaned = []
    for item in items:
        try:
            cleaned.append(clean_item(item))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)
    request = SupportRequest.objects.create(
        case=member.case, member=member, plan_action=plan_action, barrier=barrier.strip(), entered_by=entered_by
    )
    for fields in cleaned:
        SupportItem.objects.create(request=request, **fields)
    record(
        action="support.request_started", target=request, detail={"case": member.case_id}, **_actor(member, entered_by)
    )
    return request


def _locked_draft(request: SupportRequest) -> SupportRequest:
    locked = SupportRequest.objects.select_for_update().select_related("case", "member").get(pk=request.pk)
    if locked.status != SupportRequest.Status.DRAFT:
        raise ValidationError(_("This request has been sent, so it cannot be changed. You can ask for something else."))
    return locked


@transaction.atomic
def add_item(*, request: SupportRequest, item: ItemInput) -> SupportItem:
    """Add one more thing to a draft."""
    locked = _locked_draft(request)
    if locked.items.count() >= MAX_ITEMS:
        raise ValidationError(
            _("A request can have up to %(most)s things. Send this one and ask again.") % {"most": MAX_ITEMS}
        )
    return SupportItem.objects.create(request=locked, **clean_item(item))


@transaction.atomic
def remove_item(*, request: SupportRequest, item_id: int) -> None:
    locked = _locked_draft(request)
    locked.items.filter(pk=item_id).delete()


@transaction.atomic
def submit_request(*, request: SupportRequest, entered_by=None) -> SupportRequest:
    """Send a draft for a decision. It needs at least one thing asked for, and consent in place."""
    locked = _locked_draft(request)
    _check_may_ask(locked.case)
    if not locked.items.exists():
        raise ValidationError(_("Add at least one thing you need before you send the request."))
    locked.status = SupportRequest.Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at"])
    record(
        action="support.request_submitted",
        target=locked,
        detail={"case": locked.case_id, "total_pence": locked.total_pence},
        **_actor(locked.member, entered_by),
    )
    return locked


@transaction.atomic
def withdraw_request(*, request: SupportRequest, entered_by=None) -> SupportRequest:
    """The family takes back a request that has not been decided."""
    locked = SupportRequest.objects.select_for_update().select_related("member").get(pk=request.pk)
    if locked.status not in (SupportRequest.Status.DRAFT, SupportRequest.Status.SUBMITTED):
        raise ValidationError(_("This request has been decided, so it cannot be taken back."))
    locked.status = SupportRequest.Status.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["status", "withdrawn_at"])
    record(action="support.request_withdrawn", target=locked, **_actor(locked.member, entered_by))
    return locked
