"""The service manager's pages: requests over a practitioner's limit, the budget, figures, limits, export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from network_support import selectors
from network_support.figures import CSV_COLUMNS, figures, payment_rows, this_financial_year
from network_support.forms import BudgetForm, LimitForm
from network_support.models import DelegatedLimit
from network_support.selectors.access import may_manage_support
from network_support.services import set_budget, set_limit
from portal.audit.services import record
from portal.downloads import csv_download
from portal.forms import show_service_errors
from portal.permissions import staff_may


def _year(request) -> int:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else this_financial_year()


@staff_may(may_manage_support)
def overview(request):
    year = _year(request)
    return render(
        request,
        "network_support/manager.html",
        {"over_limit": selectors.over_limit(request.user), "figures": figures(year), "year": year},
    )


@staff_may(may_manage_support)
def budget(request):
    form = BudgetForm(request.POST or None, initial={"year": this_financial_year()})
    if request.method == "POST" and form.is_valid():
        try:
            set_budget(year=form.cleaned_data["year"], amount_pence=form.cleaned_data["amount"], actor=request.user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Budget saved."))
            return redirect("network_support:manager")
    return render(
        request,
        "fgdm/form_page.html",
        {"form": form, "title": _("Set the yearly budget"), "submit": _("Save budget"), "back": "/support/manager/"},
    )


@staff_may(may_manage_support)
def limits(request):
    form = LimitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            set_limit(decider=form.cleaned_data["decider"], limit_pence=form.cleaned_data["limit"], actor=request.user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Limit saved."))
            return redirect("network_support:limits")
    history = DelegatedLimit.objects.select_related("decider", "set_by")[:50]
    return render(
        request,
        "network_support/limits.html",
        {"form": form, "history": history, "default_limit": selectors.DEFAULT_LIMIT_PENCE},
    )


@staff_may(may_manage_support)
def export(request):
    year = _year(request)
    record(actor=request.user, action="support.payments_exported", detail={"year": year})
    return csv_download(f"support-payments-{year}.csv", CSV_COLUMNS, payment_rows(year))
