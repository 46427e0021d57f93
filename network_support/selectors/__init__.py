"""Reads that carry a rule: what waits for whom, what the family sees. Who may do what: ``access``."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F, Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fgdm.models import NetworkMember, PartKind, PlanAction, PlanVersion
from fgdm.selectors import cases_for, parts_allowed
from network_support.models import (
    Frequency,
    ItemDecision,
    Outcome,
    SupportDecision,
    SupportRequest,
)
from network_support.selectors.access import (
    DEFAULT_LIMIT_PENCE,
    limit_for,
    may_decide,
    may_manage_support,
    may_see_support,
    why_may_not_decide,
)

REVIEW_NOTICE = timedelta(days=14)


def with_totals(requests: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    return requests.annotate(asked_pence=Sum(F("items__amount_pence") * F("items__payments")))


def requests_for(user) -> QuerySet[SupportRequest]:
    """Support requests on the cases ``user`` may see (drafts stay with the family until sent)."""
    return SupportRequest.objects.filter(case__in=cases_for(user)).exclude(status=SupportRequest.Status.DRAFT)


__all__ = [
    "DEFAULT_LIMIT_PENCE",
    "limit_for",
    "may_decide",
    "may_manage_support",
    "may_see_support",
    "why_may_not_decide",
]


@dataclass(frozen=True)
class Waiting:
    request: SupportRequest
    total_pence: int
    over_limit: bool  # over the lead practitioner's limit: a service manager decides


def waiting(user) -> list[Waiting]:
    """Requests sent and not yet decided on ``user``'s cases, oldest first, each marked if over the limit."""
    rows = (
        with_totals(requests_for(user).filter(status=SupportRequest.Status.SUBMITTED))
        .select_related("case", "case__lead_practitioner", "member")
        .order_by("submitted_at", "pk")
    )
    limits: dict[int, int | None] = {}
    result = []
    for request in rows:
        lead = request.case.lead_practitioner
        if lead.pk not in limits:
            limits[lead.pk] = limit_for(lead)
        limit = limits[lead.pk]
        total = request.asked_pence or 0
        result.append(Waiting(request=request, total_pence=total, over_limit=limit is not None and total > limit))
    return result


def over_limit(user) -> list[Waiting]:
    """What waits for a service manager: requests worth more than their lead practitioner may decide."""
    return [row for row in waiting(user) if row.over_limit]


def reviews_due(user, *, today: date | None = None) -> QuerySet[SupportDecision]:
    """Current decisions with recurring support whose review date is within two weeks or past."""
    today = today or date.today()
    return (
        SupportDecision.objects.current()
        .filter(
            request__case__in=cases_for(user),
            review_on__lte=today + REVIEW_NOTICE,
            ending__isnull=True,
        )
        .select_related("request", "request__case", "request__member")
        .order_by("review_on", "pk")
    )


def current_decision(request: SupportRequest) -> SupportDecision | None:
    return (
        SupportDecision.objects.current()
        .filter(request=request)
        .select_related("decided_by")
        .prefetch_related("item_decisions")
        .first()
    )


def plan_actions_for(member: NetworkMember) -> list[PlanAction]:
    """The actions of the family's latest sent plan, if this member may know the plan at all.

    The plan is written in private family time; someone kept out of it learns nothing of the plan.
    """
    if PartKind.PRIVATE_FAMILY_TIME not in parts_allowed(member):
        return []
    version = (
        PlanVersion.objects.filter(meeting__case=member.case, status=PlanVersion.Status.SUBMITTED)
        .order_by("-created_at", "-pk")
        .first()
    )
    return list(version.actions.all()) if version else []


# --- what the family sees -------------------------------------------------------------------------


@dataclass(frozen=True)
class FamilyItem:
    pk: int
    category: str
    description: str
    amount_pence: int
    frequency: str
    recurring: bool
    starts_on: date
    ends_on: date
    payments: int
    total_pence: int
    outcome: str = ""  # plain words, once decided
    approved_amount_pence: int = 0
    approved_payments: int = 0


@dataclass(frozen=True)
class FamilyRequest:
    """A request as the family sees it: their words, the items and the decision's reason. No internal note."""

    pk: int
    reference: str
    status: str
    status_text: str
    barrier: str
    plan_action: str
    items: list[FamilyItem]
    total_pence: int
    decided: bool
    outcome: str = ""
    outcome_text: str = ""
    reason: str = ""
    decided_on: date | None = None
    review_on: date | None = None
    ended_on: date | None = None


def family_requests(member: NetworkMember) -> QuerySet[SupportRequest]:
    """Only the member's own requests, on their own case."""
    return SupportRequest.objects.filter(member=member, case_id=member.case_id)


def family_request(member: NetworkMember, pk: int) -> FamilyRequest | None:
    request = (
        family_requests(member)
        .select_related("plan_action")
        .prefetch_related(
            "items",
            Prefetch(
                "decisions",
                queryset=SupportDecision.objects.current().select_related("ending").prefetch_related("item_decisions"),
                to_attr="current_decisions",
            ),
        )
        .filter(pk=pk)
        .first()
    )
    return as_family_view(request) if request else None


OUTCOME_TEXT = {
    Outcome.APPROVED: _("Yes, we will pay for this"),
    Outcome.PARTLY_APPROVED: _("Yes, we will pay for part of this"),
    Outcome.DECLINED: _("No, we cannot pay for this"),
}
REQUEST_OUTCOME_TEXT = {
    Outcome.APPROVED: _("Yes: we agreed to all of it"),
    Outcome.PARTLY_APPROVED: _("Yes, in part: we agreed to some of it"),
    Outcome.DECLINED: _("No: we cannot help with this"),
}


def as_family_view(request: SupportRequest) -> FamilyRequest:
    decisions = getattr(request, "current_decisions", None)
    if decisions is None:
        decisions = list(SupportDecision.objects.current().filter(request=request).select_related("ending"))
    decision = decisions[0] if decisions else None
    by_item: dict[int, ItemDecision] = {d.item_id: d for d in decision.item_decisions.all()} if decision else {}
    items = []
    for item in request.items.all():
        outcome = by_item.get(item.pk)
        items.append(
            FamilyItem(
                pk=item.pk,
                category=str(item.get_category_display()),
                description=item.description,
                amount_pence=item.amount_pence,
                frequency=str(item.get_frequency_display()),
                recurring=item.frequency != Frequency.ONE_OFF,
                starts_on=item.starts_on,
                ends_on=item.ends_on,
                payments=item.payments,
                total_pence=item.total_pence,
                outcome=str(OUTCOME_TEXT[outcome.outcome]) if outcome else "",
                approved_amount_pence=outcome.approved_amount_pence if outcome else 0,
                approved_payments=outcome.approved_payments if outcome else 0,
            )
        )
    ending = getattr(decision, "ending", None) if decision else None
    return FamilyRequest(
        pk=request.pk,
        reference=request.reference,
        status=request.status,
        status_text=str(request.get_status_display()),
        barrier=request.barrier,
        plan_action=request.plan_action.what if request.plan_action else "",
        items=items,
        total_pence=sum(i.total_pence for i in items),
        decided=decision is not None,
        outcome=decision.outcome if decision else "",
        outcome_text=str(REQUEST_OUTCOME_TEXT[decision.outcome]) if decision else "",
        reason=decision.reason_for_family if decision else "",
        decided_on=timezone.localdate(decision.decided_at) if decision else None,
        review_on=decision.review_on if decision else None,
        ended_on=ending.ends_on if ending else None,
    )
