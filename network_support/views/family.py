"""A family member's pages: ask for help (from a part of the plan or not), keep a draft, see the decision.

Templates here receive ``FamilyRequest`` views from the selectors, never the decision row, so the
internal note cannot reach a family page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network_support import selectors
from network_support.forms import ItemForm, RequestForm
from network_support.services import add_item, remove_item, start_request, submit_request, withdraw_request
from portal.forms import show_service_errors
from portal.permissions import member_view


@member_view
def my_requests(request, member):
    rows = [selectors.as_family_view(r) for r in selectors.family_requests(member).prefetch_related("items")]
    actions = selectors.plan_actions_for(member)
    return render(request, "network_support/family/requests.html", {"rows": rows, "actions": actions})


@member_view
def ask(request, member):
    actions = {str(a.pk): a for a in selectors.plan_actions_for(member)}
    action = actions.get(request.GET.get("action") or request.POST.get("action", ""))
    initial = {"barrier": action.help_needed} if action else {}
    form = RequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            support = start_request(
                member=member, barrier=form.cleaned_data["barrier"], items=[form.item()], plan_action=action
            )
            if "send" in request.POST:
                submit_request(request=support)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            if "send" in request.POST:
                messages.success(request, _("Your request has been sent. We will tell you what we decide."))
            else:
                messages.success(request, _("Your request is saved. It has not been sent yet."))
            return redirect("network_support:family_request", request_id=support.pk)
    return render(request, "network_support/family/ask.html", {"form": form, "action": action})


def _own(member, request_id):
    support = selectors.family_requests(member).filter(pk=request_id).first()
    if support is None:
        raise Http404
    return support


@member_view
def request_page(request, member, request_id):
    view = selectors.family_request(member, request_id)
    if view is None:
        raise Http404
    return render(request, "network_support/family/request.html", {"support": view})


@member_view
def add_thing(request, member, request_id):
    support = _own(member, request_id)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_item(request=support, item=form.item())
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return redirect("network_support:family_request", request_id=support.pk)
    return render(request, "network_support/family/add_thing.html", {"form": form, "support": support})


@member_view
@require_POST
def remove_thing(request, member, request_id, item_id):
    try:
        remove_item(request=_own(member, request_id), item_id=item_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("network_support:family_request", request_id=request_id)


@member_view
@require_POST
def send(request, member, request_id):
    try:
        submit_request(request=_own(member, request_id))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request has been sent. We will tell you what we decide."))
    return redirect("network_support:family_request", request_id=request_id)


@member_view
@require_POST
def withdraw(request, member, request_id):
    try:
        withdraw_request(request=_own(member, request_id))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have taken back your request."))
    return redirect("network_support:family_request", request_id=request_id)
