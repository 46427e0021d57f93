"""The family member's own meeting: what it is, when and where (only what they may know), their reply and times."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fgdm.family_forms import ReplyForm, TimesForm
from fgdm.family_outputs import calendar_file
from fgdm.models.replies import Reply
from fgdm.selectors import disclosure
from fgdm.selectors.access import may_give_feedback, may_pick_times, may_read_plan, may_write_plan
from fgdm.selectors.family import (
    answers_of,
    calendar_history,
    latest_reply,
    live_invitation,
    meeting_for,
    open_slots,
)
from fgdm.services.availability import answer_slots
from fgdm.services.invitations import record_reply
from portal.forms import show_service_errors, submitted
from portal.permissions import member_view


def _invited(member):
    """The member's meeting and what they may know of it; 404 when there is nothing they may know."""
    meeting = meeting_for(member)
    seen = disclosure(member, meeting) if meeting else None
    if seen is None or not seen.parts:
        raise Http404
    return meeting, seen


@member_view
def my_meeting(request, member):
    meeting = meeting_for(member)
    seen = disclosure(member, meeting) if meeting else None
    invited = bool(seen and seen.parts)
    reply = latest_reply(live_invitation(member, meeting)) if invited else None
    context = {
        "member": member,
        "meeting": meeting,
        "disclosure": seen,
        "invited": invited,
        "reply": reply,
        "part_kinds": {p.kind for p in seen.parts} if invited else set(),
        "has_times": invited and may_pick_times(meeting),
        "may_read_plan": invited and may_read_plan(member, meeting),
        "may_write_plan": invited and may_write_plan(member, meeting),
        "may_give_feedback": invited and may_give_feedback(member, meeting),
        "coordinator": member.case.coordinator,
    }
    return render(request, "fgdm/family/my_meeting.html", context)


@member_view
def calendar(request, member):
    """The member's calendar file; for someone excluded after being told, the cancellation of what they were told."""
    meeting = meeting_for(member)
    if meeting is None:
        raise Http404
    seen, history = disclosure(member, meeting), calendar_history(member, meeting)
    if not seen.parts and not history.told:
        raise Http404
    response = HttpResponse(calendar_file(seen, history), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="family-meeting.ics"'
    return response


def _reply_initial(reply: Reply | None) -> dict:
    if reply is None:
        return {}
    return {
        "answer": reply.answer,
        "interpreter": reply.interpreter,
        "interpreter_language": reply.interpreter_language,
        "interpreter_preferences": reply.interpreter_preferences,
        "access_needs": reply.access_needs,
        "travel_help": reply.travel_help,
        "childcare": reply.childcare,
        "supporter": reply.supporter,
    }


@member_view
def reply(request, member):
    meeting, _seen = _invited(member)
    invitation = live_invitation(member, meeting)
    if invitation is None:
        raise Http404
    form = ReplyForm(submitted(request), initial=_reply_initial(latest_reply(invitation)))
    if request.method == "POST" and form.is_valid():
        record_reply(invitation=invitation, answer=form.cleaned_data["answer"], via=Reply.Via.LINK, **form.needs())
        messages.success(request, _("Thank you. We have told your coordinator."))
        return redirect("family:meeting")
    return render(request, "fgdm/family/reply.html", {"form": form})


@member_view
def times(request, member):
    meeting, _seen = _invited(member)
    slots = list(open_slots(meeting))
    if not slots:
        raise Http404
    initial = {f"slot_{pk}": suits for pk, suits in answers_of(member, meeting).items()}
    form = TimesForm(submitted(request), slots=slots, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            answer_slots(member=member, meeting=meeting, answers=form.answers())
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your coordinator will choose the time that suits most people."))
            return redirect("family:meeting")
    return render(request, "fgdm/family/times.html", {"form": form})
