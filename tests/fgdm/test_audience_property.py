"""Property: whatever the network, exclusions and shared contact details, nothing that reaches an
excluded person — on any channel — carries the time, venue, address or attendees of a part they
are kept from. Ground truth comes from the participation decisions alone, not from the selector.

Partner agencies' answers about everyone (a distinctive secret) are in every world, and reach nobody.

The world includes a separate meeting, linked to the main one, for some of the people given that
decision: nobody at either meeting learns the other's time, venue or attendees."""

from datetime import UTC, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fgdm.factories import MeetingFactory
from fgdm.family_outputs import calendar_file, meeting_details
from fgdm.models import (
    AgencyKind,
    ConsentDecision,
    ExclusionDecision,
    ExclusionReason,
    Meeting,
    NetworkMember,
    Participation,
    PartKind,
    PartnerAnswer,
    PartnerRequest,
    Relationship,
)
from fgdm.models.consent import ConsentMethod, ConsentStatus
from fgdm.selectors import disclosures
from fgdm.selectors.audience import PARTS_BY_PARTICIPATION
from fgdm.services.exclusions import record_exclusion
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan, arrange_separate_meeting
from portal.messaging.delivery import deliver
from portal.messaging.models import OutboundMessage, Status
from tests.fgdm.conftest import at

PHONES = ["+447400123401", "+447400123402", "+447400123403", "+447400123404", "+447400123405", "+447400123406"]
EMAILS = ["", "", "a@example.org", "b@example.org"]
PART_DETAILS = {
    PartKind.INFORMATION_SHARING: ("10:05", "Venue-Alpha", "Alpha Street"),
    PartKind.PRIVATE_FAMILY_TIME: ("11:17", "Venue-Bravo", "Bravo Road"),
    PartKind.PLAN_AGREEMENT: ("13:29", "Venue-Charlie", "Charlie Lane"),
}
SEPARATE_DETAILS = {
    PartKind.INFORMATION_SHARING: ("15:41", "Venue-Delta", "Delta Way"),
    PartKind.PRIVATE_FAMILY_TIME: ("16:53", "Venue-Echo", "Echo Close"),
}

# What a partner agency said about the people: for professionals only, on no channel.
PARTNER_SECRETS = ("Zq-partner-answer: non-molestation order", "Zq-partner-agency public protection")

member_st = st.fixed_dictionaries(
    {
        "phone": st.sampled_from(PHONES),
        "email": st.sampled_from(EMAILS),
        "participation": st.sampled_from(Participation.values),
        "after_invitation": st.booleans(),
        "withhold_address": st.booleans(),
        "in_separate": st.booleans(),  # with a "separate meeting" decision: is the linked meeting for them?
    }
)


@pytest.mark.django_db
@settings(
    max_examples=int(__import__("os").environ.get("AUDIENCE_EXAMPLES", "1000")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(network=st.lists(member_st, min_size=2, max_size=6))
def test_no_output_reaching_an_excluded_person_holds_what_they_are_kept_from(
    case, main_meeting, coordinator, network, django_capture_on_commit_callbacks
):
    with transaction.atomic():
        run_example(case, main_meeting, coordinator, network, django_capture_on_commit_callbacks)
        transaction.set_rollback(True)


def build_network(case, coordinator, network):
    """The world before the invitations, in a few bulk writes: what ``add_member``, ``record_consent``
    and ``record_exclusion`` store for a new network with nothing sent yet (no earlier decision to
    supersede, no message to cancel, no link to revoke), without their audit events, which no
    output reads. A decision taken after the invitations goes through the real service instead."""
    child = case.children.get()
    members = NetworkMember.objects.bulk_create(
        NetworkMember(
            case=case, name=f"Person{i}Zq", phone=spec["phone"], email=spec["email"], has_parental_responsibility=i == 0
        )
        for i, spec in enumerate(network)
    )
    Relationship.objects.bulk_create(Relationship(member=m, child=child, relationship="relative") for m in members)
    ConsentDecision.objects.create(
        case=case,
        member=members[0],
        status=ConsentStatus.GIVEN,
        method=ConsentMethod.PHONE,
        may_share=[],
        decided_by=coordinator,
    )
    ExclusionDecision.objects.bulk_create(
        ExclusionDecision(
            member=member, review_on=timezone.localdate() + timedelta(days=30), **decision(spec, coordinator)
        )
        for member, spec in zip(members, network, strict=True)
        if restricted(spec) and not spec["after_invitation"]
    )
    _partner_answers(case, members, coordinator)
    return members


def restricted(spec) -> bool:
    return spec["participation"] != Participation.ALL or spec["withhold_address"]


def decision(spec, coordinator) -> dict:
    return {
        "participation": spec["participation"],
        "reasons": [ExclusionReason.VIOLENCE],
        "withhold_venue_address": spec["withhold_address"],
        "decided_by": coordinator,
    }


def run_example(case, main_meeting, coordinator, network, capture):
    members = build_network(case, coordinator, network)
    meeting = Meeting.objects.get(pk=main_meeting.pk)  # fresh: the last example's run changed the one in memory
    in_separate = {
        m.pk: s["participation"] == Participation.SEPARATE_MEETING and not s["after_invitation"] and s["in_separate"]
        for m, s in zip(members, network, strict=True)
    }
    separate = None
    if any(in_separate.values()):
        separate = arrange_separate_meeting(
            main=meeting,
            members=[m for m in members if in_separate[m.pk]],
            parts=[
                PartPlan(kind, at(12, int(clock[:2]), int(clock[3:])), at(12, int(clock[:2]) + 1), venue, address)
                for kind, (clock, venue, address) in SEPARATE_DETAILS.items()
            ],
            actor=coordinator,
        )
    with capture(execute=True):
        send_invitations(meeting=meeting, actor=coordinator)
        if separate is not None:
            send_invitations(meeting=separate, actor=coordinator)
    for member, spec in zip(members, network, strict=True):
        if spec["after_invitation"] and restricted(spec):
            decide = decision(spec, coordinator)
            record_exclusion(
                member=member,
                review_on=timezone.localdate() + timedelta(days=30),
                actor=decide.pop("decided_by"),
                **decide,
            )
    # Reminders fall due: the send-time check runs for every message still queued.
    due = list(OutboundMessage.objects.filter(status=Status.QUEUED).values_list("pk", flat=True))
    with capture(execute=True):
        OutboundMessage.objects.filter(pk__in=due).update(send_after=timezone.now() - timedelta(seconds=1))
        for pk in due:
            deliver(pk)

    views = disclosures(meeting)
    separate_views = disclosures(separate) if separate is not None else {}
    starts = {p.kind: p.starts_at for p in meeting.parts.all()}
    separate_starts = {p.kind: p.starts_at for p in separate.parts.all()} if separate is not None else {}
    sent_messages = list(OutboundMessage.objects.filter(status__in=[Status.SENT, Status.DELIVERED]))
    truth = {m.pk: PARTS_BY_PARTICIPATION[s["participation"]] for m, s in zip(members, network, strict=True)}
    for person, spec in zip(members, network, strict=True):
        kept_from = set(PartKind.values) - truth[person.pk]
        kept_from_separate = separate is not None and not in_separate[person.pk]
        if not kept_from and not spec["withhold_address"] and not kept_from_separate:
            continue
        addresses = {a for a in (person.phone, person.email) if a}
        sharers = [m for m in members if {a for a in (m.phone, m.email) if a} & addresses]
        outputs = [meeting_details(views[m.pk]) + calendar_file(views[m.pk]) for m in sharers]
        outputs += [
            meeting_details(separate_views[m.pk]) + calendar_file(separate_views[m.pk]) for m in sharers if separate
        ]
        # Someone excluded after the invitations went out may have seen those; the coordinator is
        # warned of that. Everything sent after the decision must be clean.
        sent = [m for m in sent_messages if m.address in addresses and (not spec["after_invitation"] or m.pk in due)]
        outputs += [msg.subject + msg.body for msg in sent]
        forbidden = set()
        forbidden.update(PARTNER_SECRETS)
        for kind in kept_from:
            forbidden.update(PART_DETAILS[kind])
            forbidden.add(f"{starts[kind].astimezone(UTC):%Y%m%dT%H%M%SZ}")
        if spec["withhold_address"]:
            forbidden.update(detail[2] for detail in PART_DETAILS.values())
            forbidden.update(detail[2] for detail in SEPARATE_DETAILS.values())
        others_only_elsewhere = [
            m.name for m in members if m.pk != person.pk and truth[m.pk] and not truth[m.pk] & truth[person.pk]
        ]
        if kept_from_separate:
            for kind, detail in SEPARATE_DETAILS.items():
                forbidden.update(detail)
                forbidden.add(f"{separate_starts[kind].astimezone(UTC):%Y%m%dT%H%M%SZ}")
            others_only_elsewhere += [m.name for m in members if m.pk != person.pk and in_separate[m.pk]]
        for output in outputs:
            leaked = [word for word in [*forbidden, *others_only_elsewhere] if word in output]
            assert not leaked, f"{person.name} ({spec}) could read {leaked}"


def _partner_answers(case, members, coordinator):
    """A partner agency answered about everyone in the world: written straight in, in three queries,
    since no rule is under test here, only where the words may go."""
    partner_request = PartnerRequest.objects.create(
        case=case,
        agency_kind=AgencyKind.POLICE,
        agency_name=PARTNER_SECRETS[1],
        contact_name="Zq Partner",
        contact_email="zq.partner@police.example",
        reply_by=timezone.localdate(),
        sent_by=coordinator,
        token_hash=f"audience-property-{case.pk}-{members[0].pk}",
        expires_at=timezone.now(),
        answered_at=timezone.now(),
    )
    partner_request.members.set(members)
    PartnerAnswer.objects.bulk_create(
        PartnerAnswer(request=partner_request, member=m, risks={"domestic_abuse": "yes"}, details=PARTNER_SECRETS[0])
        for m in members
    )


@pytest.fixture
def main_meeting(case, coordinator):
    """The main meeting, arranged once for all examples (each example's changes are rolled back)."""
    parts = []
    for kind, (clock, venue, address) in PART_DETAILS.items():
        hour, minute = map(int, clock.split(":"))
        parts.append(PartPlan(kind, at(10, hour, minute), at(10, hour + 1, minute), venue, address))
    return MeetingFactory(case=case, parts=parts)
