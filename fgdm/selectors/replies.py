"""The reply board's read model: who is invited to which parts, who replied, and who may already know too much."""

from dataclasses import dataclass

from fgdm.models import Invitation, Meeting, Reply
from fgdm.selectors.access import may_already_know
from fgdm.selectors.audience import Disclosure, disclosures


@dataclass(frozen=True)
class ReplyRow:
    disclosure: Disclosure
    invitation: Invitation | None
    reply: Reply | None  # the latest reply counts
    may_already_know: bool  # told more than they may know now: the coordinator should think again


def reply_board(meeting: Meeting | None) -> list[ReplyRow]:
    """One row per member of the case, by name, in a fixed number of queries."""
    if meeting is None:
        return []
    invitations = {i.member_id: i for i in meeting.invitations.filter(cancelled_at__isnull=True)}
    latest: dict[int, Reply] = {}
    for reply in Reply.objects.filter(invitation__meeting=meeting).order_by("received_at", "pk"):
        latest[reply.invitation_id] = reply
    rows = []
    for seen in sorted(disclosures(meeting).values(), key=lambda d: d.member.name):
        invitation = invitations.get(seen.member.pk)
        rows.append(
            ReplyRow(
                disclosure=seen,
                invitation=invitation,
                reply=latest.get(invitation.pk) if invitation else None,
                may_already_know=invitation is not None and may_already_know(invitation, seen),
            )
        )
    return rows
