from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.forms import MeetingForm, SeparateMeetingForm
from fgdm.models import PartKind
from fgdm.models.meetings import MeetingKind, MeetingStatus
from fgdm.selectors import disclosures
from fgdm.selectors.access import ARRANGERS, may_have_views_recorded_from_separate_meeting
from fgdm.selectors.audience import consent_state
from fgdm.selectors.family import current_meeting
from fgdm.selectors.replies import reply_board
from fgdm.selectors.reviews import review_of
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import (
    SAFETY_FIELDS,
    PartPlan,
    arrange_meeting,
    arrange_separate_meeting,
    cancel_meeting,
    change_meeting,
)
from portal.forms import show_service_errors, submitted
from portal.permissions import case_view


def _parts_from(form) -> list[PartPlan]:
    data = form.cleaned_data
    parts = []
    for kind in PartKind.values:
        day, start, end = data.get(f"{kind}_date"), data.get(f"{kind}_start"), data.get(f"{kind}_end")
        if not (day and start and end):
            continue
        parts.append(
            PartPlan(
                kind=kind,
                starts_at=timezone.make_aware(datetime.combine(day, start)),
                ends_at=timezone.make_aware(datetime.combine(day, end)),
                venue_name=data[f"{kind}_venue_name"],
                venue_address=data[f"{kind}_venue_address"],
                remote_link=data[f"{kind}_remote_link"],
            )
        )
    return parts


def _initial(meeting) -> dict:
    if meeting is None:
        return {}
    initial = {"kind": meeting.kind, **{f: getattr(meeting, f) for f in SAFETY_FIELDS}}
    for part in meeting.parts.all():
        start, end = timezone.localtime(part.starts_at), timezone.localtime(part.ends_at)
        initial.update(
            {
                f"{part.kind}_date": start.date(),
                f"{part.kind}_start": start.time(),
                f"{part.kind}_end": end.time(),
                f"{part.kind}_venue_name": part.venue_name,
                f"{part.kind}_venue_address": part.venue_address,
                f"{part.kind}_remote_link": part.remote_link,
            }
        )
    return initial


@case_view(*ARRANGERS)
def meeting(request, case):
    current = current_meeting(case)
    if current is not None and current.status == MeetingStatus.HELD:
        current = None  # the meeting took place: what is planned now is a review meeting
    form = MeetingForm(submitted(request), initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        safety = {f: form.cleaned_data[f] for f in SAFETY_FIELDS}
        try:
            if current is None:
                arrange_meeting(
                    case=case, kind=form.cleaned_data["kind"], parts=_parts_from(form), actor=request.user, **safety
                )
            else:
                change = change_meeting(meeting=current, parts=_parts_from(form), actor=request.user, **safety)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            saved = [_("Meeting saved.")]
            if current is not None and (change.messages.queued or change.messages.blocked):
                saved += change.messages.summary()
            messages.success(request, " ".join(saved))
            return redirect("fgdm:case", case_id=case.pk)
    return render(request, "fgdm/meeting_form.html", {"form": form, "case": case, "meeting": current})


@case_view(*ARRANGERS)
def review_meeting(request, case):
    """Arrange the review of the agreed plan: a new meeting, never a change to the one the plan came from.

    The form starts from the review date, with the last meeting's times, venues and safety plan.
    """
    review = review_of(case)
    if review is None or review.meeting is not None:
        return redirect("fgdm:meeting" if review else "fgdm:case", case_id=case.pk)
    initial = _initial(review.agreement.version.meeting)
    initial.update({name: review.review_on for name in initial if name.endswith("_date")})
    initial.setdefault(f"{PartKind.INFORMATION_SHARING}_date", review.review_on)
    form = MeetingForm(submitted(request), initial=initial)
    del form.fields["kind"]
    if request.method == "POST" and form.is_valid():
        safety = {f: form.cleaned_data[f] for f in SAFETY_FIELDS}
        try:
            arrange_meeting(case=case, kind=MeetingKind.REVIEW, parts=_parts_from(form), actor=request.user, **safety)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Review meeting saved."))
            return redirect("fgdm:case", case_id=case.pk)
    return render(request, "fgdm/meeting_form.html", {"form": form, "case": case, "meeting": None, "review": review})


@case_view(*ARRANGERS)
def separate_meeting(request, case):
    """The separate meeting linked to the case's meeting, for people given that decision: arrange it
    with its own parts, then invite them. The audience rule keeps it and the main meeting apart."""
    main = current_meeting(case)
    if main is None:
        return redirect("fgdm:meeting", case_id=case.pk)
    existing = _separate_of(main)
    if existing is not None:
        if request.method == "POST" and "invite" in request.POST:
            try:
                run = send_invitations(meeting=existing, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, " ".join(run.messages.summary()))
            return redirect("fgdm:separate_meeting", case_id=case.pk)
        return render(
            request,
            "fgdm/separate_meeting.html",
            {"case": case, "meeting": existing, "parts": existing.parts.all(), "form": None},
        )
    people = [m for m in case.members.order_by("name") if may_have_views_recorded_from_separate_meeting(m)]
    form = SeparateMeetingForm(submitted(request), members=people) if people else None
    if request.method == "POST" and form is not None and form.is_valid():
        safety = {f: form.cleaned_data[f] for f in SAFETY_FIELDS}
        try:
            arrange_separate_meeting(
                main=main,
                members=list(form.cleaned_data["members"]),
                parts=_parts_from(form),
                actor=request.user,
                **safety,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Separate meeting saved."))
            return redirect("fgdm:separate_meeting", case_id=case.pk)
    return render(request, "fgdm/separate_meeting.html", {"case": case, "meeting": None, "form": form})


def _separate_of(main):
    """The separate meeting linked to ``main`` and not cancelled, if there is one."""
    if main is None:
        return None
    return main.separate_meetings.exclude(status=MeetingStatus.CANCELLED).prefetch_related("for_members").first()


@case_view(*ARRANGERS)
def change_separate_meeting(request, case):
    """New times or venues for the separate meeting, through the same service as the family's meeting:
    its people, and only they, are told "the meeting has changed"."""
    separate = _separate_of(current_meeting(case))
    if separate is None or separate.status == MeetingStatus.HELD:
        return redirect("fgdm:separate_meeting", case_id=case.pk)
    form = MeetingForm(submitted(request), initial=_initial(separate))
    del form.fields["kind"]
    if request.method == "POST" and form.is_valid():
        safety = {f: form.cleaned_data[f] for f in SAFETY_FIELDS}
        try:
            change = change_meeting(meeting=separate, parts=_parts_from(form), actor=request.user, **safety)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, " ".join([_("Separate meeting saved."), *change.messages.summary()]))
            return redirect("fgdm:separate_meeting", case_id=case.pk)
    return render(request, "fgdm/separate_meeting_change.html", {"case": case, "meeting": separate, "form": form})


@case_view(*ARRANGERS)
def cancel_separate_meeting(request, case):
    """Cancel the separate meeting after a confirmation; messages waiting about it are not sent."""
    separate = _separate_of(current_meeting(case))
    if separate is None or separate.status == MeetingStatus.HELD:
        return redirect("fgdm:separate_meeting", case_id=case.pk)
    if request.method == "POST":
        cancel_meeting(meeting=separate, actor=request.user)
        messages.success(request, _("Separate meeting cancelled."))
        return redirect("fgdm:separate_meeting", case_id=case.pk)
    return render(request, "fgdm/separate_meeting_cancel.html", {"case": case, "meeting": separate})


@case_view(*ARRANGERS)
def invite(request, case):
    current = current_meeting(case)
    if current is None:
        messages.warning(request, _("Arrange the meeting before sending invitations."))
        return redirect("fgdm:case", case_id=case.pk)
    error = ""
    if request.method == "POST":
        try:
            # Off unless ticked: a new invitation ends the links sent before, so only the newest works.
            keep = request.POST.get("keep_older_links") == "yes"
            run = send_invitations(meeting=current, actor=request.user, keep_older_links=keep)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, " ".join(run.messages.summary()))
            return redirect("fgdm:replies", case_id=case.pk)
    preview = sorted(disclosures(current).values(), key=lambda d: d.member.name)
    return render(
        request,
        "fgdm/invite.html",
        {"case": case, "meeting": current, "preview": preview, "error": error, "consent": consent_state(case)},
    )


@case_view()
def replies(request, case):
    """The reply board: who is invited to which parts, who replied, who needs an interpreter, who is blocked and why."""
    current = current_meeting(case)
    separate = current.separate_meetings.exclude(status=MeetingStatus.CANCELLED).first() if current else None
    # How many it is for, never its time, venue or who: those stay with the separate meeting's own page.
    separate_for = separate.for_members.count() if separate else 0
    return render(
        request,
        "fgdm/replies.html",
        {"case": case, "meeting": current, "rows": reply_board(current), "separate_for": separate_for},
    )
