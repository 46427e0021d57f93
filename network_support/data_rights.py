"""network_support's part in data rights and in the service's figures.

Retention blanks the family's words (the barrier, item descriptions, reasons and notes) and keeps
amounts, categories, dates and outcomes, so spending figures do not change. Subject access shows a
member their own requests and the decisions as told to them; internal notes are for a manager to
review before release.
"""

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.selectors.figures import Figure, Filters, register_figures
from network_support.models import Category, Payment, SupportDecision, SupportEnding, SupportItem, SupportRequest
from network_support.money import pounds
from portal.data_rights import Section, register_case_eraser, register_subject_source
from portal.references import parse_ref, parse_refs

REMOVED = "Removed"


def erase_case(case_ref: str) -> int:
    case_id = parse_ref(case_ref, "fgdm.case")
    if case_id is None:
        return 0
    changed = SupportRequest.objects.filter(case_id=case_id).update(barrier="")
    changed += SupportItem.objects.filter(request__case_id=case_id).update(description=REMOVED)
    changed += SupportDecision.objects.filter(request__case_id=case_id).update(
        reason_for_family=REMOVED, internal_note=""
    )
    changed += SupportEnding.objects.filter(decision__request__case_id=case_id).update(reason=REMOVED)
    changed += Payment.objects.filter(item_decision__decision__request__case_id=case_id).update(stopped_reason="")
    return changed


def requests_of(refs: list[str]) -> list[Section]:
    ids = parse_refs(refs, "fgdm.member")
    requests = SupportRequest.objects.filter(member_id__in=ids).select_related("case").prefetch_related("items")
    rows = []
    for request in requests:
        decision = SupportDecision.objects.current().filter(request=request).first()
        rows.append(
            {
                _("Case"): request.case.reference,
                _("Asked"): timezone.localdate(request.created_at).isoformat(),
                _("What is stopping you"): request.barrier,
                _("Help asked for"): "; ".join(
                    f"{item.get_category_display()}: {item.description}, {pounds(item.amount_pence)} "
                    f"({item.get_frequency_display()})"
                    for item in request.items.all()
                ),
                _("Status"): request.get_status_display(),
                _("Decision"): decision.get_outcome_display() if decision else "",
                _("Why"): decision.reason_for_family if decision else "",
            }
        )
    if not rows:
        return []
    return [
        Section(
            title=_("Help you asked for"),
            rows=rows,
            note=_("Notes the professionals wrote for themselves are reviewed by a manager before they are shared."),
        )
    ]


def support_spend(cases, filters: Filters) -> list[Figure]:
    payments = Payment.objects.filter(item_decision__decision__request__case__in=cases).exclude(
        status=Payment.Status.STOPPED
    )
    if filters.start:
        payments = payments.filter(due_on__gte=filters.start)
    if filters.end:
        payments = payments.filter(due_on__lte=filters.end)
    totals = {
        row["item_decision__item__category"]: (row["committed"] or 0, row["paid"] or 0)
        for row in payments.values("item_decision__item__category")
        .annotate(committed=Sum("amount_pence"), paid=Sum("amount_pence", filter=Q(status=Payment.Status.PAID)))
        .order_by()
    }
    rows = [
        [str(label), totals[key][0] / 100, totals[key][1] / 100] for key, label in Category.choices if key in totals
    ]
    return [
        Figure(
            key="support_spend",
            title=_("Family Network Support Packages: spend by category (£)"),
            columns=[_("Category"), _("Committed (£)"), _("Paid (£)")],
            rows=rows,
        )
    ]


def register() -> None:
    register_case_eraser(erase_case)
    register_subject_source(requests_of)
    register_figures(support_spend)
