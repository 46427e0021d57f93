from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fgdm.forms import ConsentForm, CoordinatorForm, DutyToOfferForm, ReferralForm
from fgdm.models import ConsentDecision, DutyToOfferDecision, Stage
from fgdm.selectors import cases_for
from fgdm.selectors.access import ARRANGERS, links_for, may_refer, may_work_on_cases
from fgdm.selectors.progress import case_progress, next_steps
from fgdm.services.cases import assign_coordinator, create_referral, record_duty_to_offer
from fgdm.services.consent import record_consent
from portal.accounts import roles
from portal.forms import show_service_errors, submitted
from portal.permissions import case_view, staff_may

CASES_PER_PAGE = 25


def form_page(request, form, *, title, caption="", submit, intro="", back=""):
    """The one way a single-form page is drawn."""
    return render(
        request,
        "fgdm/form_page.html",
        {"form": form, "title": title, "caption": caption, "submit": submit, "intro": intro, "back": back},
    )


@staff_may(may_work_on_cases)
def case_list(request):
    """A page of cases at a time, so the work per page stays the same however many cases there are."""
    cases = cases_for(request.user).select_related("coordinator", "lead_practitioner").prefetch_related("children")
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    steps = next_steps(page.object_list)
    rows = [(case, steps[case.pk]) for case in page.object_list]
    return render(request, "fgdm/case_list.html", {"rows": rows, "page": page, "may_refer": may_refer(request.user)})


@staff_may(may_refer)
def new_referral(request):
    form = ReferralForm(submitted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = create_referral(
                lead_practitioner=data["lead_practitioner"],
                stage=data["stage"],
                worries=data["worries"],
                strengths=data["strengths"],
                bottom_lines=data["bottom_lines"],
                children=[
                    {
                        "name": data["child_name"],
                        "date_of_birth": data["child_date_of_birth"],
                        "first_language": data["child_first_language"],
                        "advocate": data["child_advocate"],
                    }
                ],
                actor=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Referral %(reference)s created.") % {"reference": case.reference})
            return redirect("fgdm:case", case_id=case.pk)
    return form_page(request, form, title=_("Refer a family"), submit=_("Create referral"), back="/cases/")


# The links a case page may draw; each is shown only to those whose role the view behind it admits.
CASE_PAGE_LINKS = (
    ("fgdm:replies", gettext_lazy("See the reply board")),
    ("fgdm:times", gettext_lazy("Finding a time")),
    ("fgdm:plan_writer", gettext_lazy("Plan writer")),
    ("fgdm:plan", gettext_lazy("Family plan")),
    ("fgdm:contributions", gettext_lazy("Views from people not at the meeting")),
    ("fgdm:interpreters", gettext_lazy("Interpreters")),
    ("fgdm:held", gettext_lazy("Record who came")),
    ("fgdm:record_past", gettext_lazy("Record a meeting that has already happened")),
    ("fgdm:outcome", gettext_lazy("Outcome")),
)


@case_view()
def case_page(request, case):
    progress = case_progress(case)
    names = {task.url_name for task in progress.tasks if task.url_name} | {name for name, _label in CASE_PAGE_LINKS}
    allowed = links_for(request.user, case, names)
    meeting_links = [(name, label) for name, label in CASE_PAGE_LINKS if name in allowed] if progress.meeting else []
    return render(
        request,
        "fgdm/case_page.html",
        {
            "case": case,
            "progress": progress,
            "children": case.children.all(),
            "allowed": allowed,
            "meeting_links": meeting_links,
        },
    )


@case_view(roles.SERVICE_MANAGER)
def coordinator(request, case):
    form = CoordinatorForm(submitted(request), initial={"coordinator": case.coordinator_id})
    if request.method == "POST" and form.is_valid():
        try:
            assign_coordinator(case=case, coordinator=form.cleaned_data["coordinator"], actor=request.user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Coordinator assigned."))
            return redirect("fgdm:case", case_id=case.pk)
    return form_page(
        request,
        form,
        title=_("Assign an independent coordinator"),
        caption=case.reference,
        submit=_("Assign"),
        back=f"/cases/{case.pk}/",
    )


@case_view()
def duty_to_offer(request, case):
    if case.stage != Stage.PRE_PROCEEDINGS:
        return redirect("fgdm:case", case_id=case.pk)
    form = DutyToOfferForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_duty_to_offer(
                case=case,
                offered=data["offered"],
                offered_on=data["offered_on"],
                reason_not_offered=data["reason_not_offered"],
                actor=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Duty to offer recorded."))
            return redirect("fgdm:case", case_id=case.pk)
    history = DutyToOfferDecision.objects.filter(case=case).select_related("decided_by")
    return render(
        request,
        "fgdm/duty_to_offer.html",
        {"form": form, "case": case, "history": history},
    )


@case_view(*ARRANGERS)
def consent(request, case):
    form = ConsentForm(submitted(request), case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_consent(
                case=case,
                member=data["member"],
                status=data["status"],
                method=data["method"],
                may_share=data["may_share"],
                note=data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Consent decision recorded."))
            return redirect("fgdm:case", case_id=case.pk)
    history = ConsentDecision.objects.filter(case=case).select_related("member", "decided_by")
    return render(request, "fgdm/consent.html", {"form": form, "case": case, "history": history})
