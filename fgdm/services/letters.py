"""Letters for people reached by post: an invitation, a change of time or venue, the plan decided.

A letter says what a text would lead to, on paper, in the member's own language. It is made at the
moment the coordinator asks for it, under the audience rule read fresh then (as a text is checked
when it is sent): a letter to an address shared with someone who must not know tells nothing they
may not know, and nobody who may not be contacted gets one. Every letter made is audited.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fgdm.models import Meeting, NetworkMember, PartKind
from fgdm.models.meetings import MeetingStatus
from fgdm.selectors.audience import Disclosure, letter_disclosure
from fgdm.selectors.family import latest_plan, plan_decision
from portal.audit.services import record
from portal.context_processors import service_name
from portal.pdf import fonts_for, render_pdf

INVITATION = "invitation"
MEETING_CHANGED = "meeting-changed"
PLAN_DECIDED = "plan-decided"
# Each letter's heading: the words its email has as a subject line.
KINDS = {
    INVITATION: gettext_lazy("You are invited to a family meeting"),
    MEETING_CHANGED: gettext_lazy("Your family meeting has changed"),
    PLAN_DECIDED: gettext_lazy("News about your family's plan"),
}


@dataclass(frozen=True)
class Letter:
    filename: str  # ids only: a file name says nothing about the person
    pdf: bytes
    language: str


def letters_possible(member: NetworkMember, meeting: Meeting) -> tuple[list[str], str]:
    """The kinds of letter ``member`` may be sent about ``meeting`` now, and (for staff) why no more."""
    seen = letter_disclosure(member, meeting)
    kinds = [kind for kind in KINDS if _refusal(seen, kind) is None]
    return kinds, "" if kinds else (_refusal(seen, INVITATION) or "")


def _refusal(seen: Disclosure, kind: str) -> str | None:
    meeting = seen.meeting
    if kind not in KINDS:
        return _("There is no such letter.")
    if not seen.may_be_contacted:
        return seen.held_back_because or _("Contact is not allowed: consent, or a safeguarding decision.")
    if meeting.status == MeetingStatus.CANCELLED:
        return _("This meeting was cancelled.")
    if not seen.parts:
        return seen.held_back_because or _("The audience rule does not let this person know about this meeting.")
    if kind == MEETING_CHANGED and meeting.version < 2:
        return _("The meeting's time and venue have not changed.")
    if kind == PLAN_DECIDED:
        if not seen.may_see_plan:
            return seen.held_back_because or _("This person may not know about the family's plan.")
        if plan_decision(latest_plan(meeting)) is None:
            return _("The lead practitioner has not decided about the plan yet.")
    return None


def make_letter(*, member: NetworkMember, meeting: Meeting, kind: str, actor) -> Letter:
    """A PDF letter of ``kind`` to ``member`` about ``meeting``, in their language, telling only what
    the audience rule lets everyone at their postal address know now; refused (ValidationError) when
    it lets them know nothing, or they may not be contacted. Recorded in the audit log."""
    if member.case_id != meeting.case_id:
        raise ValidationError(_("There is no such letter."))
    seen = letter_disclosure(member, meeting)
    refusal = _refusal(seen, kind)
    if refusal:
        raise ValidationError(refusal)
    decision = plan_decision(latest_plan(meeting)) if kind == PLAN_DECIDED else None
    language = member.language if member.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "kind": kind,
            "heading": str(KINDS[kind]),
            "member": member,
            "address_lines": member.postal_address.splitlines(),
            "disclosure": seen,
            "parts": seen.parts if kind != PLAN_DECIDED else (),
            "decision": decision,
            "service": service_name(),
            "phone_isolated": format_html('<span class="ltr">{}</span>', settings.SERVICE_CONTACT_PHONE),
            "council": settings.COUNCIL_NAME,
            "today": timezone.localdate(),
            "language": language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "fonts": fonts_for(language),
        }
        pdf = render_pdf("fgdm/letters/letter.html", context)
    record(
        actor=actor,
        action="letter.made",
        target=member,
        detail={
            "meeting": meeting.pk,
            "letter": kind,
            "version": meeting.version,
            "parts": [p.kind for p in seen.parts] if kind != PLAN_DECIDED else [PartKind.PRIVATE_FAMILY_TIME],
            "language": language,
        },
    )
    return Letter(filename=f"letter-{kind}-{meeting.pk}-{member.pk}.pdf", pdf=pdf, language=language)
