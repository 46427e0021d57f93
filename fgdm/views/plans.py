"""Staff pages for finding a time, the plan writer, the family's plan and its agreement, and feedback."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fgdm.forms import PlanDecisionForm, PlanWriterForm, SeparateMeetingViewsForm, SlotForm
from fgdm.models import ChildVoice, Contribution, FeedbackResponse, PlanVersion
from fgdm.selectors import disclosures
from fgdm.selectors.access import (
    ARRANGERS,
    may_decide_plan,
    may_have_views_recorded_from_separate_meeting,
    may_read_service_feedback,
    may_see_every_child_voice,
)
from fgdm.selectors.family import (
    agreed_plan,
    best_slots,
    current_meeting,
    latest_plan,
    latest_submitted_plan,
    plan_decision,
    plan_history,
    shared_contributions,
    voices_for_staff,
)
from fgdm.services.availability import confirm_slot, offer_slot
from fgdm.services.contributions import record_separate_meeting_views, share_with_meeting
from fgdm.services.plans import choose_plan_writer, decide_plan
from portal.forms import show_service_errors, submitted
from portal.permissions import case_view, staff_may


def _meeting_or_back(request, case):
    meeting = current_meeting(case)
    if meeting is None:
        messages.warning(request, _("Arrange the meeting first."))
    return meeting


@case_view(*ARRANGERS)
def times(request, case):
    """Offer times; see at a glance which suit most people; confirm one."""
    meeting = _meeting_or_back(request, case)
    if meeting is None:
        return redirect("fgdm:case", case_id=case.pk)
    form = SlotForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        starts_at = timezone.make_aware(datetime.combine(form.cleaned_data["day"], form.cleaned_data["start"]))
        try:
            offer_slot(meeting=meeting, starts_at=starts_at, actor=request.user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Time offered. The family can say if it suits them."))
            return redirect("fgdm:times", case_id=case.pk)
    invited = sum(1 for d in disclosures(meeting).values() if d.parts)
    return render(
        request,
        "fgdm/times.html",
        {"case": case, "meeting": meeting, "form": form, "slots": best_slots(meeting), "invited": invited},
    )


@case_view(*ARRANGERS)
@require_POST
def confirm_time(request, case, slot_id):
    meeting = current_meeting(case)
    if meeting is None:
        raise Http404
    slot = get_object_or_404(meeting.slots.filter(withdrawn_at__isnull=True), pk=slot_id)
    try:
        run = confirm_slot(slot=slot, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("fgdm:times", case_id=case.pk)
    messages.success(request, " ".join([_("Time confirmed."), *run.messages.summary()]))
    return redirect("fgdm:replies", case_id=case.pk)


@case_view(*ARRANGERS)
def plan_writer(request, case):
    meeting = _meeting_or_back(request, case)
    if meeting is None:
        return redirect("fgdm:case", case_id=case.pk)
    candidates = [d.member for d in disclosures(meeting).values() if d.may_see_plan]
    form = PlanWriterForm(submitted(request), candidates=candidates, initial={"plan_writer": meeting.plan_writer_id})
    if request.method == "POST" and form.is_valid():
        try:
            choose_plan_writer(meeting=meeting, member=form.cleaned_data["plan_writer"], actor=request.user)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Plan writer saved."))
            return redirect("fgdm:case", case_id=case.pk)
    return render(
        request,
        "fgdm/form_page.html",
        {
            "form": form,
            "title": _("Plan writer"),
            "caption": case.reference,
            "intro": _("In private family time, this person writes the family's plan on a phone or tablet."),
            "submit": _("Save"),
            "back": f"/cases/{case.pk}/",
        },
    )


@case_view()
def plan(request, case):
    """The family's plan as they wrote it, each bottom line beside the family's answer, the child's views,
    the agreement, and every earlier version with its decision.

    At a review meeting the agreed plan stays in view until the family sends the revised one.
    """
    meeting = current_meeting(case)
    latest = latest_plan(meeting)
    # The latest version, when it was sent, is the latest sent: no second read for the usual case.
    sent = latest if latest is None or latest.status == PlanVersion.Status.SUBMITTED else latest_submitted_plan(meeting)
    carried_forward = sent is None and meeting is not None
    if carried_forward:
        sent = agreed_plan(case)
    decision = plan_decision(sent)
    may_decide = not carried_forward and may_decide_plan(request.user, case, sent, latest)
    form = PlanDecisionForm(submitted(request)) if may_decide else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                decide_plan(version=sent, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Decision recorded. The family has been told."))
                return redirect("fgdm:plan", case_id=case.pk)
    context = {
        "case": case,
        "meeting": meeting,
        "version": sent,
        "draft_newer": latest is not None and sent is not None and latest.pk != sent.pk,
        "carried_forward": carried_forward and sent is not None,
        "decision": decision,
        "history": [(v, d) for v, d in plan_history(case) if sent is None or v.pk != sent.pk],
        "form": form,
        "voices": voices_for_staff(case, every_voice=may_see_every_child_voice(request.user, case)),
        "contributions": shared_contributions(case),
    }
    return render(request, "fgdm/plan.html", context)


@case_view(*ARRANGERS)
def contributions(request, case):
    """Views from people not at the meeting: read them, record what a separate meeting said, and share
    with the meeting the parts the coordinator chooses."""
    share_error = None
    if request.method == "POST" and "share" in request.POST:
        shared = request.POST["share"]
        contribution = get_object_or_404(case.contributions, pk=shared if shared.isdigit() else 0)
        try:
            share_with_meeting(contribution=contribution, actor=request.user, parts=request.POST.getlist("parts"))
        except ValidationError as error:
            share_error = (contribution.pk, error.message_dict["parts"][0], _shareable(contribution)[0][0])
        else:
            messages.success(request, _("Shared with the meeting. Those who may read the plan can see these views."))
            return redirect("fgdm:contributions", case_id=case.pk)
    separate = [m for m in case.members.order_by("name") if may_have_views_recorded_from_separate_meeting(m)]
    data = submitted(request) if share_error is None else None  # a failed share is not a views form sent empty
    form = SeparateMeetingViewsForm(data, members=separate) if separate else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            record_separate_meeting_views(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Views from the separate meeting recorded."))
            return redirect("fgdm:contributions", case_id=case.pk)
    found = list(case.contributions.select_related("member", "shared_by"))
    for contribution in found:
        contribution.shareable = _shareable(contribution)
        shared = contribution.shared_parts
        contribution.shared_labels = [label for part, label in contribution.shareable if part in shared]
    return render(
        request,
        "fgdm/contributions.html",
        {"case": case, "form": form, "contributions": found, "share_error": share_error},
    )


def _shareable(contribution) -> list[tuple[str, str]]:
    """The parts of these views that have something in them: (part, what it is called)."""
    return [
        (part, Contribution._meta.get_field(part).verbose_name)
        for part in Contribution.PARTS
        if getattr(contribution, part)
    ]


@case_view()
def voice_picture(request, case, voice_id):
    voices = voices_for_staff(case, every_voice=may_see_every_child_voice(request.user, case))
    voice = next((v for v in voices if v.pk == voice_id and v.picture), None)
    if voice is None:
        raise Http404
    return FileResponse(ChildVoice.objects.get(pk=voice.pk).picture.open("rb"), content_type=voice.picture_type)


@staff_may(may_read_service_feedback)
def feedback_report(request):
    """What families said after their meetings, counted; no answer can be traced to a person or a case."""
    questions = []
    for name in ("explained", "heard", "language_and_access"):
        field = FeedbackResponse._meta.get_field(name)
        counts = dict(FeedbackResponse.objects.values_list(name).annotate(n=Count("pk")).values_list(name, "n"))
        questions.append(
            {"label": field.verbose_name, "answers": [(label, counts.get(value, 0)) for value, label in field.choices]}
        )
    comments = FeedbackResponse.objects.exclude(comments="").values_list("comments", "month")[:50]
    return render(
        request,
        "fgdm/feedback_report.html",
        {"questions": questions, "total": FeedbackResponse.objects.count(), "comments": comments},
    )
