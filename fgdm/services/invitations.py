from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fgdm.models import Invitation, Meeting, NetworkMember, Reply
from fgdm.models.meetings import MeetingStatus
from fgdm.notices import tell
from fgdm.selectors import contact_allowed, disclosures
from fgdm.selectors.page_reads import read_once
from portal.audit.services import record
from portal.messaging.notify import Notice, Tally

REMINDER_BEFORE = timedelta(days=2)


@dataclass
class InvitationRun:
    invited: list[NetworkMember] = field(default_factory=list)
    not_invited: list[tuple[NetworkMember, str]] = field(default_factory=list)  # with the staff-facing reason
    messages: Tally = field(default_factory=Tally)  # what the outbox really did with the invitations


def tell_of_meeting(
    member: NetworkMember, meeting: Meeting, kinds: list[str], *, template: str, actor, keep_older_links: bool = False
) -> Notice:
    """Tell ``member`` of the ``kinds`` of part they may know of, once per meeting version, and make
    their reminder for this version; the audience rule is asked again when each is sent."""
    about = {"meeting": meeting.pk, "parts": kinds, "version": meeting.version}
    key = f"{meeting.pk}:v{meeting.version}:{member.pk}"
    told = {"topic": meeting.topic, "about": about, "actor": actor, "keep_older_links": keep_older_links}
    first_part = meeting.parts.order_by("starts_at").first()
    reminder_at = first_part.starts_at - REMINDER_BEFORE if first_part else None
    notice = tell(member, template=template, key=f"{template}:{key}", **told)
    # Made after the message it follows, so its link, when it goes, ends that message's link.
    if reminder_at and reminder_at > timezone.now():
        tell(member, template="fgdm.reminder", key=f"fgdm.reminder:{key}", send_after=reminder_at, **told)
    return notice


@transaction.atomic
def send_invitations(*, meeting: Meeting, actor, keep_older_links: bool = False) -> InvitationRun:
    """Invite each member to the parts the audience rule lets them know of, in their language.

    Nobody is invited before consent is recorded. Each invitation is one outbox message per
    meeting version, so sending twice never sends twice. A reminder is scheduled before the meeting.
    Once an invitation is sent, the member's older links stop working unless ``keep_older_links``.
    """
    if not contact_allowed(meeting.case):
        raise ValidationError(_("Record a parent's consent before inviting the family network."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."))
    run = InvitationRun()
    # The audience rule is read once for the run (nothing here changes it); each text asks it
    # again, fresh, when it is sent.
    with read_once():
        for disclosure in disclosures(meeting).values():
            member = disclosure.member
            if not disclosure.parts:
                run.not_invited.append((member, disclosure.held_back_because))
                continue
            kinds = [p.kind for p in disclosure.parts]
            Invitation.objects.update_or_create(
                meeting=meeting, member=member, defaults={"parts": kinds, "cancelled_at": None}
            )
            run.messages.add(
                tell_of_meeting(
                    member, meeting, kinds, template="fgdm.invitation", actor=actor, keep_older_links=keep_older_links
                )
            )
            run.invited.append(member)
    record(
        actor=actor,
        action="meeting.invitations_sent",
        target=meeting,
        detail={
            "invited": len(run.invited),
            "not_invited": len(run.not_invited),
            "queued": len(run.messages.queued),
            "blocked": len(run.messages.blocked),
            "sent_before": len(run.messages.earlier),
            "version": meeting.version,
        },
    )
    return run


@transaction.atomic
def record_reply(*, invitation: Invitation, answer: str, via: str, actor=None, **needs) -> Reply:
    """A reply is added, never changed; the latest counts."""
    reply = Reply.objects.create(invitation=invitation, answer=answer, via=via, **needs)
    record(
        actor=actor,
        actor_label="" if actor else invitation.member.ref,
        action="invitation.replied",
        target=reply,
        detail={"meeting": invitation.meeting_id, "answer": answer, "via": via},
    )
    return reply
