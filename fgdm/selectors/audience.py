"""The audience rule: what each member of the family network may be told about a meeting.

Every channel — invitation, reminder, calendar file, meeting page, plan, export — asks this module
at the moment it produces output, and never keeps the answer. A member learns about a part of a
meeting only when all of these hold:

1. a parent or PR holder's consent allows the network to be contacted (and none has refused or
   withdrawn it);
2. the member's current participation decision includes that part;
3. nobody who shares a phone number or email address with the member is kept from that part —
   a message to a shared phone is read by both. For a letter, the same holds of everyone at the
   same postal address: a letter on the doormat is read by whoever lives there.

A separate meeting (kind "separate", linked to the main meeting) has its own audience: a member
learns of its parts only when consent is in place, the meeting is for them, their current decision
is "separate meeting", and everyone sharing a phone or email with them may know of it too. Since a
"separate meeting" decision gives no part of the main meeting, nobody at either meeting learns the
other's time, venue or attendees.

What is told about a part is its time, its venue (name, and address unless withheld from this
member), how to join online, and who else may know of that part. The plan is for those who may
know of private family time. Reasons for exclusion are never part of a disclosure.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from fgdm.models import Case, ExclusionDecision, Meeting, NetworkMember, Participation, PartKind
from fgdm.models.consent import ConsentDecision, ConsentStatus
from fgdm.models.meetings import MeetingKind, MeetingPart, MeetingStatus
from fgdm.selectors.page_reads import already_read, remembered
from portal.messaging.phone import same_number
from portal.prepared import Prepared

ALL_PARTS = frozenset(PartKind.values)
PARTS_BY_PARTICIPATION = {
    Participation.ALL: ALL_PARTS,
    Participation.INFORMATION_ONLY: frozenset({PartKind.INFORMATION_SHARING}),
    Participation.WRITTEN_VIEWS: frozenset(),
    Participation.SEPARATE_MEETING: frozenset(),
    Participation.NO_CONTACT: frozenset(),
}


@dataclass(frozen=True)
class PartView:
    kind: str
    label: str
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    venue_address: str  # empty when withheld from this member
    remote_link: str
    attendees: tuple[str, ...]  # names of the others who may know of this part


@dataclass(frozen=True)
class Disclosure:
    """What one member may be told about one meeting, and (for staff) why not more."""

    member: NetworkMember
    meeting: Meeting
    parts: tuple[PartView, ...]
    may_see_plan: bool
    may_be_contacted: bool
    held_back_because: str  # for staff: consent, participation, or a shared contact detail
    allowed: frozenset[str] = frozenset()  # every part kind they may know of, held in this meeting or not
    # When the venue's address began to be withheld from them (their own decision or a sharer's); None: it is not.
    address_withheld_since: datetime | None = None

    @property
    def invited(self) -> bool:
        return bool(self.parts)


def consent_state(case: Case) -> str:
    """ "given", "none" (not yet recorded) or "stopped" (a parent refused or withdrew), from the latest decisions."""
    return consent_states([case.pk])[case.pk]


def _consent_decisions(ids):
    decisions = ConsentDecision.objects.filter(case_id__in=ids).current().order_by("decided_at", "pk")
    return decisions.values_list("case_id", "member_id", "status")


_CONSENT_DECISIONS = Prepared(_consent_decisions)  # built once per process (and per number of cases)


def consent_states(case_ids) -> dict[int, str]:
    """``consent_state`` for many cases in one query."""
    latest: dict[int, dict[int, str]] = {pk: {} for pk in case_ids}
    for case_id, member_id, status in _CONSENT_DECISIONS.rows(ids=list(latest)):
        latest[case_id][member_id] = status
    states = {}
    for case_id, by_member in latest.items():
        statuses = set(by_member.values())
        if statuses & {ConsentStatus.REFUSED, ConsentStatus.WITHDRAWN}:
            states[case_id] = "stopped"
        else:
            states[case_id] = "given" if ConsentStatus.GIVEN in statuses else "none"
    return states


def contact_allowed(case: Case) -> bool:
    """Rule 2: nobody is contacted before consent is recorded, or after it is withdrawn."""
    return consent_state(case) == "given"


def current_exclusion(member: NetworkMember) -> ExclusionDecision | None:
    standing = already_read(("standing", member.case_id))
    if standing is not None:  # the case's standing, already read, holds it
        return standing.exclusions.get(member.pk)
    return ExclusionDecision.objects.current().filter(member=member).first()


def current_exclusions(case: Case) -> dict[int, ExclusionDecision]:
    """Each member's current participation decision, by member id (staff pages only: it holds the reasons)."""
    return _current_exclusions(case)


def _current_exclusions(case: Case) -> dict[int, ExclusionDecision]:
    decisions = ExclusionDecision.objects.current().filter(member__case=case)
    return {d.member_id: d for d in decisions}


def _postal_key(address: str) -> str:
    """A postal address compared in a plain form: "1 Mill Lane, NT1 1AA" and "1 mill lane\nnt1 1aa" are one home."""
    return "".join(ch for ch in address.lower() if ch.isalnum())


def _addresses(member: NetworkMember) -> set[str]:
    """Contact details compared in their normal form: "07400 123456" and "+447400123456" are one phone."""
    found = set()
    if member.phone.strip():
        found.add("phone:" + same_number(member.phone.strip()))
    if member.email.strip():
        found.add("email:" + member.email.strip().lower())
    return found


@dataclass(frozen=True)
class _Standing:
    """Per member of a case: the parts they may know of, whether they may be contacted at all, and why not."""

    allowed: dict[int, frozenset[str]]
    contactable: dict[int, bool]
    withhold_address: dict[int, bool]
    withheld_since: dict[int, datetime | None]
    why: dict[int, str]
    members: tuple[NetworkMember, ...]  # the case's members, as read for this standing
    exclusions: dict[int, ExclusionDecision]
    consent: bool  # contact with the network is allowed (rule 1)
    sharers: dict[int, frozenset[int]]  # the others sharing a phone or email with each member
    post_sharers: dict[int, frozenset[int]]  # the others at the same postal address


def _standing(case: Case) -> _Standing:
    """The case's standing, read once inside ``read_once`` (fgdm/selectors/page_reads.py)."""
    return remembered(("standing", case.pk), lambda: _read_standing(case))


def _read_standing(case: Case) -> _Standing:
    members = list(case.members.all())
    exclusions = _current_exclusions(case)
    consent = contact_allowed(case)
    own: dict[int, frozenset[str]] = {}
    reachable: dict[int, bool] = {}
    why: dict[int, str] = {}
    for member in members:
        decision = exclusions.get(member.pk)
        participation = decision.participation if decision else Participation.ALL
        own[member.pk] = PARTS_BY_PARTICIPATION[participation] if consent else frozenset()
        reachable[member.pk] = consent and participation != Participation.NO_CONTACT
        if not consent:
            why[member.pk] = str(_("Consent to contact the family network is not in place."))
        elif participation != Participation.ALL:
            why[member.pk] = str(Participation(participation).label)

    addresses = {member.pk: _addresses(member) for member in members}
    sharers: dict[str, list[int]] = defaultdict(list)
    for member in members:
        for address in addresses[member.pk]:
            sharers[address].append(member.pk)
    allowed = dict(own)
    contactable = dict(reachable)
    # A venue address withheld from someone is withheld from whoever shares a phone or email with them.
    withheld = {m.pk: bool(exclusions.get(m.pk) and exclusions[m.pk].withhold_venue_address) for m in members}
    withhold_address = dict(withheld)
    since = {pk: exclusions[pk].decided_at if on else None for pk, on in withheld.items()}
    withheld_since = dict(since)
    for member in members:
        for address in addresses[member.pk]:
            for other in sharers[address]:
                if other == member.pk:
                    continue
                withhold_address[member.pk] = withhold_address[member.pk] or withheld[other]
                if since[other] is not None:
                    mine = withheld_since[member.pk]
                    withheld_since[member.pk] = since[other] if mine is None else min(mine, since[other])
                if not own[other] >= allowed[member.pk] or not reachable[other]:
                    allowed[member.pk] = allowed[member.pk] & own[other]
                    contactable[member.pk] = contactable[member.pk] and reachable[other]
                    why.setdefault(
                        member.pk,
                        str(_("Shares a phone number or email address with someone who must not know the details.")),
                    )
    return _Standing(
        allowed=allowed,
        contactable=contactable,
        withhold_address=withhold_address,
        withheld_since=withheld_since,
        why=why,
        members=tuple(members),
        exclusions=exclusions,
        consent=consent,
        sharers={m.pk: frozenset(o for a in _addresses(m) for o in sharers[a] if o != m.pk) for m in members},
        post_sharers=_post_sharers(members),
    )


def _post_sharers(members: list[NetworkMember]) -> dict[int, frozenset[int]]:
    """The others at each member's postal address: whoever lives there may read a letter sent there."""
    homes: dict[str, set[int]] = defaultdict(set)
    for member in members:
        key = _postal_key(member.postal_address)
        if key:
            homes[key].add(member.pk)
    # No address gives no key, and shares nothing.
    return {m.pk: frozenset(homes.get(_postal_key(m.postal_address), set()) - {m.pk}) for m in members}


def _allowed_at(meeting: Meeting, standing: _Standing) -> dict[int, frozenset[str]]:
    """The parts of this meeting each member may know of: the standing rule, or a separate meeting's own."""
    if meeting.kind != MeetingKind.SEPARATE:
        return standing.allowed
    invited = set(meeting.for_members.values_list("pk", flat=True))
    own = {
        pk: ALL_PARTS
        if standing.consent
        and pk in invited
        and pk in standing.exclusions
        and standing.exclusions[pk].participation == Participation.SEPARATE_MEETING
        else frozenset()
        for pk in standing.allowed
    }
    allowed = dict(own)
    for pk, others in standing.sharers.items():
        for other in others:
            allowed[pk] = allowed[pk] & own[other]
    return allowed


def parts_allowed(member: NetworkMember) -> frozenset[str]:
    return _standing(member.case).allowed.get(member.pk, frozenset())


def may_be_contacted(member: NetworkMember) -> bool:
    """May this member be sent anything at all?

    Consent is in place, they are not "no contact", and they share no address with someone who is.
    """
    return _standing(member.case).contactable.get(member.pk, False)


def reach(pairs: list[tuple[NetworkMember, Meeting | None]]) -> list[tuple[bool, frozenset[str]]]:
    """For each (member, meeting): whether they may be contacted at all (``may_be_contacted``) and the
    kinds of the meeting's parts they may know of (those of ``disclosure(member, meeting).parts``).

    The same rule, for a batch of messages at once: one reading of the rule per case (three
    queries), however many members and meetings. Members come with their case
    (``select_related("case")``) and meetings with their parts (``prefetch_related("parts")``).
    """
    standing: dict[int, _Standing] = {}
    for member, _meeting in pairs:
        if member.case_id not in standing:
            standing[member.case_id] = _standing(member.case)
    at_meeting: dict[int, dict[int, frozenset[str]]] = {}  # a separate meeting has an audience of its own
    answers = []
    for member, meeting in pairs:
        case = standing[member.case_id]
        told = frozenset()
        if meeting is not None and meeting.status != MeetingStatus.CANCELLED:
            if meeting.pk not in at_meeting:
                at_meeting[meeting.pk] = _allowed_at(meeting, case)
            allowed = at_meeting[meeting.pk].get(member.pk, frozenset())
            told = frozenset(part.kind for part in meeting.parts.all() if part.kind in allowed)
        answers.append((case.contactable.get(member.pk, False), told))
    return answers


def disclosures(meeting: Meeting) -> dict[int, Disclosure]:
    """The disclosure for every member of the meeting's case, in a fixed number of queries (read
    once for a family page: ``fgdm.selectors.page_reads``)."""
    return remembered(("disclosures", meeting.pk), lambda: _disclosures(meeting))


def meeting_parts(meeting: Meeting) -> list[MeetingPart]:
    """The meeting's parts, first first (read once for a family page)."""
    return remembered(("parts", meeting.pk), lambda: list(meeting.parts.all()))


def _disclosures(meeting: Meeting) -> dict[int, Disclosure]:
    case = meeting.case
    standing = _standing(case)
    allowed = _allowed_at(meeting, standing)
    members = {m.pk: m for m in standing.members}
    parts = meeting_parts(meeting) if meeting.status != MeetingStatus.CANCELLED else []
    # Per part, once (not once per member): its label, and who may know of it, as (id, name).
    labels = {part.pk: str(part.get_kind_display()) for part in parts}
    audiences = {part.kind: [(pk, m.name) for pk, m in members.items() if part.kind in allowed[pk]] for part in parts}
    result = {}
    for pk, member in members.items():
        views = tuple(
            PartView(
                kind=part.kind,
                label=labels[part.pk],
                starts_at=part.starts_at,
                ends_at=part.ends_at,
                venue_name=part.venue_name,
                venue_address="" if standing.withhold_address[pk] else part.venue_address,
                remote_link=part.remote_link,
                attendees=tuple(name for other, name in audiences[part.kind] if other != pk),
            )
            for part in parts
            if part.kind in allowed[pk]
        )
        result[pk] = Disclosure(
            member=member,
            meeting=meeting,
            parts=views,
            # The plan belongs to the main meeting's private family time, never to a separate meeting.
            may_see_plan=PartKind.PRIVATE_FAMILY_TIME in allowed[pk] and meeting.kind != MeetingKind.SEPARATE,
            may_be_contacted=standing.contactable[pk],
            held_back_because=standing.why.get(pk, ""),
            allowed=allowed[pk],
            address_withheld_since=standing.withheld_since[pk],
        )
    return result


def disclosure(member: NetworkMember, meeting: Meeting) -> Disclosure:
    return disclosures(meeting)[member.pk]


def audience(meeting: Meeting, part_kind: str) -> list[NetworkMember]:
    """Members who may be told about one part of a meeting."""
    return [d.member for d in disclosures(meeting).values() if any(p.kind == part_kind for p in d.parts)]


SHARED_POST = _("Shares a postal address with someone who must not know the details.")
NO_POST = _("Has no postal address that is safe to use.")


def letter_disclosure(member: NetworkMember, meeting: Meeting) -> Disclosure:
    """What a letter posted to ``member`` may say about ``meeting``: their disclosure, narrowed as a
    shared phone narrows a text. Everyone at the same postal address may read the letter, so it
    tells only the parts each of them may know of, leaves out the venue's address if it is withheld
    from any of them, and is not sent at all if one of them may not be contacted. A member with no
    postal address that is safe to use gets no letter.
    """
    standing = _standing(member.case)
    seen = disclosures(meeting)
    mine = seen[member.pk]
    if not (member.postal_address.strip() and member.allow_post):
        return replace(mine, parts=(), may_see_plan=False, may_be_contacted=False, held_back_because=str(NO_POST))
    housemates = [seen[pk] for pk in standing.post_sharers.get(member.pk, ()) if pk in seen]
    allowed = mine.allowed
    contactable = mine.may_be_contacted
    for other in housemates:
        allowed = allowed & other.allowed
        contactable = contactable and other.may_be_contacted
    address_withheld = any(standing.withhold_address[o.member.pk] for o in housemates)
    parts = tuple(
        replace(part, venue_address="" if address_withheld else part.venue_address)
        for part in mine.parts
        if part.kind in allowed
    )
    narrowed = parts != mine.parts or contactable != mine.may_be_contacted
    return replace(
        mine,
        parts=parts if contactable else (),
        allowed=allowed,
        may_see_plan=mine.may_see_plan and PartKind.PRIVATE_FAMILY_TIME in allowed and contactable,
        may_be_contacted=contactable,
        held_back_because=str(SHARED_POST) if narrowed and not mine.held_back_because else mine.held_back_because,
    )
