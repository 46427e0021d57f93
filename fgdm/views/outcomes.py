"""After the meeting: who came, interpreters booked, the child's living situation, closing, legal holds."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.forms import AttendanceForm, HoldForm, InterpreterBookingForm, OutcomeForm, PastMeetingForm
from fgdm.models import LegalHold, NetworkMember, Outcome
from fgdm.models.meetings import MeetingStatus
from fgdm.selectors.access import ARRANGERS
from fgdm.selectors.audience import parts_allowed
from fgdm.selectors.family import current_meeting
from fgdm.services.outcomes import (
    book_interpreter,
    close_case,
    lift_hold,
    place_hold,
    record_attendance,
    record_outcome,
    record_past_meeting,
)
from portal.accounts import roles
from portal.forms import show_service_errors, submitted
from portal.permissions import case_view


def _invited(meeting) -> list[NetworkMember]:
    return [i.member for i in meeting.invitations.filter(cancelled_at__isnull=True).select_related("member")]


def _form_page(request, form, case, title, intro, submit):
    return render(
        request,
        "fgdm/form_page.html",
        {
            "form": form,
            "title": title,
            "caption": case.reference,
            "intro": intro,
            "submit": submit,
            "back": f"/cases/{case.pk}/",
        },
    )


@case_view(*ARRANGERS)
def held(request, case):
    meeting = current_meeting(case)
    if meeting is None:
        messages.warning(request, _("Arrange the meeting first."))
        return redirect("fgdm:case", case_id=case.pk)
    form = AttendanceForm(submitted(request), invited=_invited(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            record_attendance(
                meeting=meeting, attended={int(pk) for pk in form.cleaned_data["attended"]}, actor=request.user
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is recorded as held."))
            return redirect("fgdm:case", case_id=case.pk)
    return _form_page(request, form, case, _("Record who came"), _("This marks the meeting as held."), _("Save"))


@case_view(*ARRANGERS)
def record_past(request, case):
    """A meeting that has already happened (a review held at short notice, say): when, where, who came."""
    may_attend = [m for m in case.members.order_by("name") if parts_allowed(m)]
    form = PastMeetingForm(submitted(request), may_attend=may_attend)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_past_meeting(
                case=case,
                kind=data["kind"],
                starts_at=timezone.make_aware(datetime.combine(data["day"], data["start"])),
                ends_at=timezone.make_aware(datetime.combine(data["day"], data["end"])),
                venue_name=data["venue_name"],
                attended={int(pk) for pk in data["attended"]},
                confirmed=data["confirm"],
                actor=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is recorded as held."))
            return redirect("fgdm:case", case_id=case.pk)
    return _form_page(
        request,
        form,
        case,
        _("Record a meeting that has already happened"),
        _("Use this only for a meeting that has taken place. To plan a meeting, arrange it instead."),
        _("Record the meeting"),
    )


@case_view(*ARRANGERS)
def interpreters(request, case):
    meeting = current_meeting(case)
    if meeting is None:
        messages.warning(request, _("Arrange the meeting first."))
        return redirect("fgdm:case", case_id=case.pk)
    invited = _invited(meeting)
    form = InterpreterBookingForm(submitted(request), invited=invited)
    if request.method == "POST" and form.is_valid():
        chosen = [m for m in invited if str(m.pk) in form.cleaned_data["members"]]
        try:
            book_interpreter(
                meeting=meeting,
                language=form.cleaned_data["language"],
                members=chosen,
                notes=form.cleaned_data["notes"],
                actor=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Interpreter booking recorded."))
            return redirect("fgdm:interpreters", case_id=case.pk)
    bookings = meeting.interpreter_bookings.prefetch_related("for_members")
    return render(
        request, "fgdm/interpreters.html", {"case": case, "meeting": meeting, "form": form, "bookings": bookings}
    )


@case_view(*ARRANGERS)
def outcome(request, case):
    """At a review or at closure: where each child is living, and whether proceedings were issued."""
    children = list(case.children.all())
    form = OutcomeForm(submitted(request), children=children)
    if request.method == "POST" and form.is_valid():
        meeting = current_meeting(case)
        review = meeting if meeting and meeting.status == MeetingStatus.HELD else None
        try:
            if form.cleaned_data["close_case"]:
                close_case(case=case, outcomes=form.outcomes(), actor=request.user)
            else:
                for child in children:
                    living, proceedings = form.outcomes()[child.pk]
                    record_outcome(
                        case=case,
                        child=child,
                        living_situation=living,
                        proceedings_issued=proceedings,
                        meeting=review,
                        actor=request.user,
                    )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect("fgdm:case", case_id=case.pk)
    recorded = Outcome.objects.current().filter(case=case).select_related("child", "decided_by")
    return render(request, "fgdm/outcome.html", {"case": case, "form": form, "recorded": recorded})


@case_view(roles.SERVICE_MANAGER)
def hold(request, case):
    form = HoldForm(submitted(request))
    if request.method == "POST" and "lift" in request.POST:
        hold_id = request.POST["lift"]
        live = get_object_or_404(LegalHold, pk=hold_id if hold_id.isdigit() else 0, case=case, lifted_at__isnull=True)
        lift_hold(hold=live, actor=request.user)
        messages.success(request, _("Legal hold lifted."))
        return redirect("fgdm:hold", case_id=case.pk)
    if request.method == "POST" and form.is_valid():
        place_hold(case=case, reason=form.cleaned_data["reason"], actor=request.user)
        messages.success(request, _("Legal hold placed. Retention will not touch this case."))
        return redirect("fgdm:hold", case_id=case.pk)
    holds = case.legal_holds.select_related("placed_by", "lifted_by")
    return render(request, "fgdm/hold.html", {"case": case, "form": form, "holds": holds})
