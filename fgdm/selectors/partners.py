"""Reads about partner agencies' requests for the coordinator: what is waiting, what is late.

What partners said is read only through ``fgdm.services.partners.read_partner_answers`` (audited).
"""

from dataclasses import dataclass

from fgdm.models import Case, PartnerRequest


@dataclass(frozen=True)
class PartnerRequests:
    late: list[PartnerRequest]  # past their reply-by date, not answered
    waiting: list[PartnerRequest]  # not answered, still in time
    answered: list[PartnerRequest]


def partner_requests(case: Case) -> PartnerRequests:
    """The case's requests to partner agencies, in three groups, with the people each names (2 queries)."""
    rows = list(case.partner_requests.prefetch_related("members").order_by("reply_by", "pk"))
    return PartnerRequests(
        late=[r for r in rows if r.overdue],
        waiting=[r for r in rows if r.waiting and not r.overdue],
        answered=sorted((r for r in rows if not r.waiting), key=lambda r: r.answered_at, reverse=True),
    )


def late_partner_requests(cases) -> int:
    """How many requests on these cases are past their reply-by date without an answer."""
    from django.utils import timezone

    return PartnerRequest.objects.filter(
        case__in=cases, answered_at__isnull=True, reply_by__lt=timezone.localdate()
    ).count()
