"""What a client reads: each resource's rows within the client's cases, in a fixed number of queries.

"Changed since" means a row was created or a decision on it was recorded at or after the time:
a case referred, closed or given a duty-to-offer decision; a meeting created or its attendance
recorded; a plan sent or decided; an outcome recorded; a support request sent, withdrawn, decided
or one of its payments made.
"""

from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from api.models import ApiClient
from api.selectors.access import cases_for_client
from fgdm.models import Invitation, Meeting, Outcome, PlanAgreement, PlanVersion
from network_support.models import SupportDecision, SupportRequest


def _by_case(rows: QuerySet, field: str, client: ApiClient, case_reference: str | None) -> QuerySet:
    rows = rows.filter(**{f"{field}__in": cases_for_client(client)})
    if case_reference:
        rows = rows.filter(**{field: int(case_reference.removeprefix("FG-"))})
    return rows


def cases(client: ApiClient, *, updated_since: datetime | None = None, case_reference: str | None = None):
    rows = cases_for_client(client).select_related("lead_practitioner", "coordinator").prefetch_related("children")
    if case_reference:
        rows = rows.filter(pk=int(case_reference.removeprefix("FG-")))
    if updated_since:
        rows = rows.filter(
            Q(referred_at__gte=updated_since)
            | Q(closed_at__gte=updated_since)
            | Q(duty_to_offer_decisions__decided_at__gte=updated_since)
        ).distinct()
    return rows


def meetings(client: ApiClient, *, updated_since: datetime | None = None, case_reference: str | None = None):
    invitations = Invitation.objects.select_related("member", "attendance").prefetch_related("member__relationships")
    rows = _by_case(Meeting.objects.all(), "case", client, case_reference).prefetch_related(
        "parts", Prefetch("invitations", queryset=invitations), "for_members__relationships"
    )
    if updated_since:
        rows = rows.filter(
            Q(created_at__gte=updated_since) | Q(invitations__attendance__recorded_at__gte=updated_since)
        ).distinct()
    return rows


def plans(
    client: ApiClient,
    *,
    updated_since: datetime | None = None,
    case_reference: str | None = None,
    decision: str | None = None,
):
    """Every version the family sent to the professionals. Drafts are still being written and stay private."""
    rows = (
        _by_case(
            PlanVersion.objects.filter(status=PlanVersion.Status.SUBMITTED), "meeting__case", client, case_reference
        )
        .select_related("meeting")
        .prefetch_related(
            "actions", Prefetch("agreements", queryset=PlanAgreement.objects.select_related("decided_by"))
        )
    )
    if updated_since:
        rows = rows.filter(Q(created_at__gte=updated_since) | Q(agreements__decided_at__gte=updated_since)).distinct()
    if decision == "agreed":
        rows = rows.filter(agreements__superseded_by__isnull=True, agreements__agreed=True)
    elif decision == "not_agreed":
        rows = rows.filter(agreements__superseded_by__isnull=True, agreements__agreed=False)
    elif decision == "waiting":
        rows = rows.exclude(agreements__isnull=False)
    return rows


def outcomes(client: ApiClient, *, updated_since: datetime | None = None, case_reference: str | None = None):
    rows = _by_case(Outcome.objects.all(), "case", client, case_reference)
    if updated_since:
        rows = rows.filter(decided_at__gte=updated_since)
    return rows


def support_requests(client: ApiClient, *, updated_since: datetime | None = None, case_reference: str | None = None):
    """Requests the family sent. One still being put together is theirs until they send it."""
    decisions = SupportDecision.objects.select_related("decided_by", "ending").prefetch_related(
        "item_decisions__payments__item_decision"
    )
    rows = _by_case(
        SupportRequest.objects.exclude(status=SupportRequest.Status.DRAFT), "case", client, case_reference
    ).prefetch_related("items", Prefetch("decisions", queryset=decisions))
    if updated_since:
        rows = rows.filter(
            Q(submitted_at__gte=updated_since)
            | Q(withdrawn_at__gte=updated_since)
            | Q(decisions__decided_at__gte=updated_since)
            | Q(decisions__item_decisions__payments__paid_on__gte=updated_since.date())
        ).distinct()
    return rows
