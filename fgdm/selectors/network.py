"""The family network as staff see it: each person, how far they take part, their reply and needs.

The network page's table and the network map are both drawn from ``network_people``, so the two
always say the same thing. Staff only: it reads the current exclusion decisions.
"""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from fgdm.models import (
    Case,
    Child,
    ExclusionDecision,
    Invitation,
    NetworkMember,
    Participation,
    Relationship,
    Reply,
)
from fgdm.models.meetings import MeetingStatus
from fgdm.models.network import InterpreterNeed
from fgdm.selectors.audience import current_exclusions
from fgdm.selectors.family import current_meeting

REPLY_WORDS = {"yes": _("Coming"), "no": _("Not coming"), "maybe": _("Maybe coming")}
PARTICIPATION_WORDS = {
    Participation.ALL: _("Invited to all of the meeting"),
    Participation.INFORMATION_ONLY: _("Information sharing only"),
    Participation.WRITTEN_VIEWS: _("Written views only"),
    Participation.SEPARATE_MEETING: _("Separate meeting"),
    Participation.NO_CONTACT: _("Not contacted"),
}


@dataclass(frozen=True)
class PersonInNetwork:
    member: NetworkMember
    relationships: tuple[str, ...]  # "Grandmother (Amy)"
    decision: ExclusionDecision | None
    participation: str  # a Participation value
    invited: bool
    reply: Reply | None  # the latest reply to their invitation to the current meeting
    needs: tuple[str, ...]

    @property
    def participation_words(self) -> str:
        return str(PARTICIPATION_WORDS[self.participation])

    @property
    def reply_words(self) -> str:
        if self.reply is not None:
            return str(REPLY_WORDS[self.reply.answer])
        return str(_("No reply yet") if self.invited else _("Not invited"))


@dataclass(frozen=True)
class Household:
    name: str  # empty when the person's household is not recorded
    people: tuple[PersonInNetwork, ...]


def network_people(case: Case) -> list[PersonInNetwork]:
    """Everyone in the case's network, by name, in a fixed number of queries."""
    # Each person's relationships with their child in one query, not one for each.
    relationships = Prefetch("relationships", queryset=Relationship.objects.select_related("child"))
    members = list(case.members.prefetch_related(relationships))
    decisions = current_exclusions(case)
    meeting = current_meeting(case)
    invited: set[int] = set()
    latest: dict[int, Reply] = {}
    if meeting is not None:
        # Someone given a separate meeting is invited to that one, linked to the family's meeting.
        separate = Q(meeting__linked_to=meeting) & ~Q(meeting__status=MeetingStatus.CANCELLED)
        invitations = Invitation.objects.filter(Q(meeting=meeting) | separate, cancelled_at__isnull=True)
        invited = set(invitations.values_list("member_id", flat=True))
        for reply in Reply.objects.filter(invitation__in=invitations).select_related("invitation"):
            latest.setdefault(reply.invitation.member_id, reply)  # newest first
    people = []
    for member in members:
        decision = decisions.get(member.pk)
        reply = latest.get(member.pk)
        people.append(
            PersonInNetwork(
                member=member,
                relationships=tuple(f"{r.relationship} ({r.child.name})" for r in member.relationships.all()),
                decision=decision,
                participation=decision.participation if decision else Participation.ALL,
                invited=member.pk in invited,
                reply=reply,
                needs=_needs(member, reply),
            )
        )
    return people


def households(people: list[PersonInNetwork]) -> list[Household]:
    """People grouped by the household recorded for them; those with none come last, together."""

    def key(person):
        return person.member.household.strip().casefold()

    grouped = []
    recorded = sorted((p for p in people if key(p)), key=key)
    for _key, group in groupby(recorded, key=key):
        group = tuple(group)
        grouped.append(Household(name=group[0].member.household.strip(), people=group))
    unrecorded = tuple(p for p in people if not key(p))
    if unrecorded:
        grouped.append(Household(name="", people=unrecorded))
    return grouped


def children(case: Case) -> list[Child]:
    return list(case.children.all())


def _needs(member: NetworkMember, reply: Reply | None) -> tuple[str, ...]:
    """What the person needs to take part, from their record and their latest reply, in short words."""
    interpreter = (reply.interpreter if reply else "") or member.interpreter
    language = (reply.interpreter_language if reply else "") or member.interpreter_language
    needs = []
    if interpreter == InterpreterNeed.BSL:
        needs.append(str(_("BSL interpreter")))
    elif interpreter == InterpreterNeed.SPOKEN:
        needs.append(
            str(_("Interpreter (%(language)s)") % {"language": language}) if language else str(_("Interpreter"))
        )
    if member.access_needs.strip() or (reply and reply.access_needs.strip()):
        needs.append(str(_("Access")))
    if member.travel_needs.strip() or (reply and reply.travel_help):
        needs.append(str(_("Travel")))
    if member.childcare_needs.strip() or (reply and reply.childcare):
        needs.append(str(_("Childcare")))
    if reply and reply.supporter.strip():
        needs.append(str(_("A supporter")))
    return tuple(needs)
