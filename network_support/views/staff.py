"""Pages for lead practitioners, coordinators and managers about one case's support requests."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network_support import selectors
from network_support.forms import DecisionForm, EndSupportForm, StaffRequestForm
from network_support.models import Payment, SupportDecision, SupportRequest
from network_support.selectors.access import DECIDERS, SUPPORT_MANAGERS, may_manage_support, may_see_support
from network_support.services import decide_request, end_support, mark_paid, start_request, submit_request
from portal.audit.services import record
from portal.forms import show_service_errors
from portal.permissions import case_view, staff_may


@staff_may(may_see_support)
def support_home(request):
    """What waits for me: requests to decide (over-limit ones marked) and reviews falling due."""
    return render(
        request,
        "network_support/home.html",
        {
            "waiting": selectors.waiting(request.user),
            "may_manage_support": may_manage_support(request.user),
            "reviews": selectors.reviews_due(request.user),
            "today": date.today(),
        },
    )


@case_view()
def case_requests(request, case):
    rows = selectors.with_totals(selectors.requests_for(request.user).filter(case=case)).select_related("member")
    return render(request, "network_support/case_requests.html", {"case": case, "rows": rows})


@case_view()
def new_request(request, case):
    """A coordinator or practitioner types a request for a member of the network."""
    form = StaffRequestForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            support = start_request(
                member=form.cleaned_data["member"],
                barrier=form.cleaned_data["barrier"],
                items=[form.item()],
                entered_by=request.user,
            )
            submit_request(request=support, entered_by=request.user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Request %(ref)s sent for a decision.") % {"ref": support.reference})
            return redirect("network_support:request", case_id=case.pk, request_id=support.pk)
    return render(request, "network_support/new_request.html", {"form": form, "case": case})


def _request_of(user, case, request_id) -> SupportRequest:
    return get_object_or_404(
        selectors.requests_for(user).filter(case=case).select_related("member", "plan_action", "entered_by"),
        pk=request_id,
    )


@case_view()
def request_page(request, case, request_id):
    support = _request_of(request.user, case, request_id)
    decisions = list(
        SupportDecision.objects.filter(request=support)
        .select_related("decided_by", "ending", "ending__ended_by")
        .prefetch_related("item_decisions__item")
    )
    current = next((d for d in decisions if d.superseded_by_id is None), None)
    if any(d.internal_note for d in decisions):
        record(actor=request.user, action="support.internal_note_read", target=support, detail={"case": case.pk})
    payments = Payment.objects.filter(item_decision__decision__request=support).select_related("item_decision__item")
    return render(
        request,
        "network_support/request.html",
        {
            "case": case,
            "support": support,
            "items": list(support.items.all()),
            "decisions": decisions,
            "current": current,
            "payments": payments,
            "may_decide": selectors.may_decide(request.user, support),
            "may_mark_paid": may_manage_support(request.user),
            "today": date.today(),
        },
    )


@case_view(*DECIDERS)
def decide(request, case, request_id):
    """Decide, or (with ?replaces=<decision>) make a new decision that replaces the current one."""
    support = _request_of(request.user, case, request_id)
    current = selectors.current_decision(support)
    replacing = request.GET.get("replaces") or request.POST.get("replaces")
    replaces = current if current and replacing == str(current.pk) else None
    if replacing and replaces is None:
        messages.error(request, _("The decision has changed since you opened this page. Check the latest decision."))
        return redirect("network_support:request", case_id=case.pk, request_id=support.pk)
    form = DecisionForm(request.POST or None, items=support.items.all())
    if request.method == "POST" and form.is_valid():
        try:
            decide_request(
                request=support,
                outcomes=form.outcomes(),
                reason_for_family=form.cleaned_data["reason_for_family"],
                internal_note=form.cleaned_data["internal_note"],
                review_on=form.cleaned_data["review_on"],
                actor=request.user,
                replaces=replaces,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Decision recorded. The family will be told."))
            return redirect("network_support:request", case_id=case.pk, request_id=support.pk)
    return render(
        request,
        "network_support/decide.html",
        {
            "form": form,
            "case": case,
            "support": support,
            "replaces": replaces,
            "total": support.total_pence,
            "limit": selectors.limit_for(request.user),
        },
    )


@case_view(*DECIDERS)
def end(request, case, request_id):
    support = _request_of(request.user, case, request_id)
    current = selectors.current_decision(support)
    if current is None:
        raise Http404
    form = EndSupportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            end_support(decision=current, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Support ended. Later payments are stopped."))
            return redirect("network_support:request", case_id=case.pk, request_id=support.pk)
    return render(request, "network_support/end.html", {"form": form, "case": case, "support": support})


@case_view(*SUPPORT_MANAGERS)
@require_POST
def paid(request, case, request_id, payment_id):
    support = _request_of(request.user, case, request_id)
    payment = get_object_or_404(Payment, pk=payment_id, item_decision__decision__request=support)
    try:
        mark_paid(payment=payment, paid_on=date.today(), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Payment marked as paid."))
    return redirect("network_support:request", case_id=case.pk, request_id=support.pk)
