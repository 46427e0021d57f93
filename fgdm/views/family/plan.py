"""Private family time: the plan (read by those in it, written by the member the family chose), the
child's views, and feedback after the meeting."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from fgdm.family_forms import FeedbackForm, PlanForm, ViewsForm, VoiceForm
from fgdm.selectors.access import (
    may_change_plan,
    may_give_feedback,
    may_give_written_views,
    may_read_plan,
    may_write_plan,
)
from fgdm.selectors.family import (
    bottom_lines,
    latest_plan,
    latest_voice,
    meeting_for,
    plan_decision,
    plan_to_start_from,
    shared_contributions,
    worries,
)
from fgdm.services.contributions import give_written_views
from fgdm.services.feedback import give_feedback
from fgdm.services.plans import save_plan
from fgdm.services.voice import record_voice
from portal.forms import show_service_errors, submitted, submitted_files
from portal.permissions import member_view


@member_view
def plan(request, member):
    meeting = meeting_for(member)
    if not may_read_plan(member, meeting):
        raise Http404
    # At a review, the agreed plan stays in view until the family starts the revised one.
    version = plan_to_start_from(meeting)
    decision = plan_decision(version)
    context = {
        "version": version,
        "decision": decision,
        "may_write": may_change_plan(member, meeting),
        "writer": meeting.plan_writer,
        "carried_forward": version is not None and version.meeting_id != meeting.pk,
        "contributions": shared_contributions(member.case),
    }
    return render(request, "fgdm/family/plan.html", context)


# The plan's text is kept on the phone while it is typed, and the page tells the phone once the
# server has it: then the phone forgets it.
DRAFT_ON_SERVER = "drafts-done"


def draft_key(meeting, member) -> str:
    """Where the phone keeps this writer's draft of this meeting's plan: the same after signing in
    again, and says nothing about who or which case to someone reading the phone's storage."""
    return salted_hmac("fgdm.plan-draft", f"{meeting.pk}:{member.pk}").hexdigest()[:32]


@member_view
def write_plan(request, member):
    meeting = meeting_for(member)
    if not may_write_plan(member, meeting):
        raise Http404
    version = latest_plan(meeting)
    page = {"version": version, "draft_key": draft_key(meeting, member)}
    add_to = request.POST.get("add", "") if request.method == "POST" else ""
    form = PlanForm(
        submitted(request),
        worries=worries(member.case),
        bottom_lines=bottom_lines(member.case),
        start_from=plan_to_start_from(meeting),
        add_to=int(add_to) if add_to.isdigit() else None,
    )
    if add_to:
        # "Add another": the same page again with one more empty action for that worry; nothing is saved.
        form.is_valid()
        return render(request, "fgdm/family/write_plan.html", {"form": form, "added": add_to, **page})
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            save_plan(
                meeting=meeting,
                member=member,
                actions=form.actions(),
                submit=submit,
                bottom_line_answers=form.bottom_line_answers(),
                **form.texts(),
            )
        except ValidationError as error:
            form.show_errors(error)
        else:
            if submit:
                messages.success(
                    request,
                    _("Your plan has been sent to the coordinator and the lead practitioner."),
                    extra_tags=DRAFT_ON_SERVER,
                )
                return redirect("family:plan")
            messages.success(
                request, _("Your plan is saved. Others in family time can read it."), extra_tags=DRAFT_ON_SERVER
            )
            return redirect("family:write_plan")
    return render(request, "fgdm/family/write_plan.html", {"form": form, **page})


@member_view
def voice(request, member):
    if member.voice_of_id is None:
        raise Http404
    previous = latest_voice(member)
    initial = {"audience": previous.audience} if previous else {}
    if previous:
        initial.update({name: getattr(previous, name) for name in ("going_well", "worries", "wishes", "who_there")})
    form = VoiceForm(submitted(request), submitted_files(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record_voice(member=member, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. What you said has been saved."))
            return redirect("family:meeting")
    return render(request, "fgdm/family/voice.html", {"form": form, "previous": previous, "child": member.voice_of})


@member_view
def voice_picture(request, member):
    previous = latest_voice(member)
    if previous is None or not previous.picture:
        raise Http404
    return FileResponse(previous.picture.open("rb"), content_type=previous.picture_type)


@member_view
def feedback(request, member):
    meeting = meeting_for(member)
    if not may_give_feedback(member, meeting):
        raise Http404
    form = FeedbackForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            give_feedback(member=member, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for telling us what you think."))
            return redirect("family:meeting")
    return render(request, "fgdm/family/feedback.html", {"form": form})


@member_view
def my_views(request, member):
    """For someone limited to written views: what they think, sent to the coordinator. Nothing of the
    meeting is on this page: not its time, venue or who is coming."""
    if not may_give_written_views(member):
        raise Http404
    form = ViewsForm(submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            give_written_views(member=member, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. The coordinator will read your views."))
            return redirect("family:views")
    return render(request, "fgdm/family/views.html", {"form": form})
