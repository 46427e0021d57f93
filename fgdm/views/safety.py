"""The safety check: who partner agencies were asked about, what is late, and asking them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fgdm.partner_forms import PartnerRequestForm
from fgdm.selectors.access import EXCLUSION_DECIDERS, PARTNER_ASKERS, may_follow
from fgdm.selectors.partners import partner_requests
from fgdm.services.partners import ask_partner, remind_partner
from fgdm.views.cases import form_page
from portal.forms import show_service_errors, submitted
from portal.permissions import case_view


@case_view(*EXCLUSION_DECIDERS)
def safety_check(request, case):
    """Each person's safety decision, and the case's requests to partner agencies: late ones first."""
    context = {
        "case": case,
        "people": case.members.order_by("name", "pk"),
        "requests": partner_requests(case),
        "may_ask": may_follow(request.user, "fgdm:ask_partner", case),
        "may_remind": may_follow(request.user, "fgdm:remind_partner", case),
    }
    return render(request, "fgdm/safety_check.html", context)


@case_view(*PARTNER_ASKERS)
def ask(request, case):
    """Ask a partner agency's contact about named people; they get an email with a link."""
    chosen = request.GET.get("member", "")
    initial = {"members": [chosen]} if chosen.isdigit() else {}
    form = PartnerRequestForm(submitted(request), case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            partner_request = ask_partner(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Request sent to %(name)s at %(agency)s.")
                % {"name": partner_request.contact_name, "agency": partner_request.agency},
            )
            return redirect("fgdm:safety_check", case_id=case.pk)
    return form_page(
        request,
        form,
        title=_("Ask a partner agency"),
        caption=case.reference,
        intro=_(
            "We will email the contact a link. They confirm a code sent to the same address, then answer "
            "about each person: domestic abuse, coercive control, serious criminal convictions, previous "
            "allegations of child abuse, restrictions on contact with children, and involvement with child "
            "protection or care proceedings. They see nothing else about the family."
        ),
        submit=_("Send request"),
        back=f"/cases/{case.pk}/safety-check/",
    )


@case_view(*PARTNER_ASKERS)
@require_POST
def remind(request, case, partner_request_id):
    """Send a request again with a fresh link (the last one stops working)."""
    partner_request = get_object_or_404(case.partner_requests, pk=partner_request_id)
    try:
        remind_partner(partner_request=partner_request, actor=request.user)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("Reminder sent to %(name)s.") % {"name": partner_request.contact_name})
    return redirect("fgdm:safety_check", case_id=case.pk)
