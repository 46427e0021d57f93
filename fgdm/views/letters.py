"""Letters for people reached by post: the coordinator sees which letters a person may be sent, and
prints or downloads each one. What a letter may say is decided by ``fgdm.services.letters``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from fgdm.models.meetings import MeetingKind, MeetingStatus
from fgdm.selectors.access import ARRANGERS
from fgdm.selectors.family import current_meeting
from fgdm.services.letters import KINDS, letters_possible, make_letter
from portal.permissions import case_view


def _meetings(case):
    """The meetings a letter may be about: the current meeting and its live separate meetings."""
    main = current_meeting(case)
    if main is None:
        return []
    separate = main.separate_meetings.filter(kind=MeetingKind.SEPARATE).exclude(status=MeetingStatus.CANCELLED)
    return [main, *separate]


@case_view(*ARRANGERS)
def member_letters(request, case, member_id):
    member = get_object_or_404(case.members, pk=member_id)
    rows = []
    for meeting in _meetings(case):
        kinds, why_not = letters_possible(member, meeting)
        rows.append({"meeting": meeting, "letters": [(kind, KINDS[kind]) for kind in kinds], "why_not": why_not})
    return render(request, "fgdm/letters.html", {"case": case, "member": member, "rows": rows})


@case_view(*ARRANGERS)
def letter(request, case, member_id, meeting_id, letter):
    """One letter as a PDF download (never kept by a browser or proxy: the site's private pages are no-store)."""
    member = get_object_or_404(case.members, pk=member_id)
    meeting = get_object_or_404(case.meetings, pk=meeting_id)
    try:
        made = make_letter(member=member, meeting=meeting, kind=letter, actor=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("fgdm:member_letters", case_id=case.pk, member_id=member.pk)
    response = HttpResponse(made.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    response["Content-Language"] = made.language
    return response
