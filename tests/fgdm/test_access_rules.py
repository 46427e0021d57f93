"""Rules that used to be written twice, now asked from ``fgdm.selectors.access``; and contact details
kept in one form so the shared-contact rule compares like with like."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from fgdm.models import ExclusionReason, NetworkMember, Participation, PlanVersion, Reply
from fgdm.selectors import disclosure
from fgdm.selectors.replies import reply_board
from fgdm.services.exclusions import record_exclusion
from fgdm.services.invitations import send_invitations
from fgdm.services.network import update_member
from fgdm.services.plans import decide_plan
from portal.accounts import roles
from tests.family import sign_in
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db
WARNING = "May already know the time and venue"


def _main(response) -> str:
    return normalize_spaces(BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" "))


def withhold_address(member, actor):
    return record_exclusion(
        member=member,
        participation=Participation.ALL,
        withhold_venue_address=True,
        reasons=[ExclusionReason.DOMESTIC_ABUSE],
        review_on=timezone.localdate() + timedelta(days=30),
        actor=actor,
    )


def board_row(case, coordinator, name) -> str:
    staff = Client()
    staff.force_login(coordinator)
    soup = BeautifulSoup(staff.get(f"/cases/{case.pk}/meeting/replies/").content, "html.parser")
    row = next(tr for tr in soup.select("tbody tr") if name in tr.get_text())
    return normalize_spaces(row.get_text(" "))


# --- "may already know the venue": the exclusion service and the reply board agree ---------------


def test_an_address_withheld_after_the_invitation_is_flagged_by_the_service_and_the_board(
    case, consented, meeting, member_factory, coordinator
):
    gran = member_factory("Gran Jones")
    send_invitations(meeting=meeting, actor=coordinator)

    outcome = withhold_address(gran, coordinator)

    # Both ask the one rule; the board used to ignore a withheld address and said nothing.
    assert [i.meeting for i in outcome.may_already_know] == [meeting]
    assert WARNING in board_row(case, coordinator, "Gran Jones")
    assert [row.may_already_know for row in reply_board(meeting) if row.disclosure.member == gran] == [True]


def test_an_address_withheld_before_the_invitation_is_not_flagged(
    case, consented, meeting, member_factory, coordinator
):
    gran = member_factory("Gran Jones")
    withhold_address(gran, coordinator)
    send_invitations(meeting=meeting, actor=coordinator)

    assert all(part.venue_address == "" for part in disclosure(gran, meeting).parts)
    assert WARNING not in board_row(case, coordinator, "Gran Jones")


def test_someone_kept_from_a_part_after_the_invitation_is_flagged_on_the_board(
    case, consented, meeting, member_factory, coordinator
):
    uncle = member_factory("Uncle Bob")
    send_invitations(meeting=meeting, actor=coordinator)
    outcome = record_exclusion(
        member=uncle,
        participation=Participation.INFORMATION_ONLY,
        reasons=[ExclusionReason.VIOLENCE],
        review_on=timezone.localdate() + timedelta(days=30),
        actor=coordinator,
    )
    assert [i.meeting for i in outcome.may_already_know] == [meeting]
    row = board_row(case, coordinator, "Uncle Bob")
    assert row.startswith(f"Uncle Bob Information sharing {WARNING} No reply yet")


# --- contact details are normalised in the service, and compared normalised ----------------------


def test_add_member_keeps_a_phone_typed_any_way_in_one_form(member_factory):
    member = member_factory("Gran Jones", phone=" 07400 123 456 ", email="Gran@Example.ORG ")
    member.refresh_from_db()
    assert (member.phone, member.email) == ("+447400123456", "Gran@example.org")


def test_update_member_normalises_and_refuses_what_is_not_a_phone_number(member_factory, coordinator):
    member = member_factory("Gran Jones")
    update_member(member=member, relationships={}, actor=coordinator, phone="07400-123-457")
    member.refresh_from_db()
    assert member.phone == "+447400123457"
    with pytest.raises(ValidationError) as refused:
        update_member(member=member, relationships={}, actor=coordinator, phone="12345")
    assert refused.value.message_dict == {
        "phone": ["Enter a mobile phone number, like 07400 123456 or +44 7400 123456"]
    }


def test_two_ways_of_writing_one_shared_phone_are_one_phone_to_the_audience_rule(
    consented, meeting, member_factory, coordinator
):
    excluded = member_factory("Gary Excluded", phone="+447400123499")
    cousin = member_factory("Piotr Cousin", phone="+447400123498")
    # A row written before numbers were normalised (an import, an old form): the same phone, spelt differently.
    NetworkMember.objects.filter(pk=cousin.pk).update(phone="07400 123 499")
    NetworkMember.objects.filter(pk=excluded.pk).update(phone="+44 7400 123499")
    record_exclusion(
        member=excluded,
        participation=Participation.NO_CONTACT,
        reasons=[ExclusionReason.DOMESTIC_ABUSE],
        review_on=timezone.localdate() + timedelta(days=30),
        actor=coordinator,
    )
    seen = disclosure(NetworkMember.objects.get(pk=cousin.pk), meeting)
    assert seen.parts == ()
    assert (
        seen.held_back_because == "Shares a phone number or email address with someone who must not know the details."
    )


# --- British Sign Language is a kind of interpreter, not a magic language name ----------------------


def test_a_bsl_reply_is_kept_as_bsl_and_shown_so(client, case, consented, meeting, member_factory, coordinator):
    gran = member_factory("Gran Jones")
    send_invitations(meeting=meeting, actor=coordinator)
    sign_in(client, gran)
    client.post("/f/meeting/reply/", {"answer": "yes", "interpreter": "bsl", "interpreter_language": "Polish"})

    reply = Reply.objects.get(invitation__member=gran)
    assert (reply.interpreter, reply.interpreter_language) == ("bsl", "")
    assert "British Sign Language interpreter" in board_row(case, coordinator, "Gran Jones")
    form = BeautifulSoup(client.get("/f/meeting/reply/").content, "html.parser")
    assert form.select_one('input[name="interpreter"][checked]')["value"] == "bsl"


# --- deciding the plan: the case's lead practitioner, holding the role -----------------------------


def test_a_case_lead_without_the_role_may_not_decide_the_plan(case, consented, meeting, practitioner):
    version = PlanVersion.objects.create(
        meeting=meeting, number=1, written_by=consented, status=PlanVersion.Status.SUBMITTED
    )
    practitioner.groups.clear()
    practitioner.groups.add(roles.group_for(roles.COORDINATOR))
    with pytest.raises(PermissionDenied):
        decide_plan(version=version, agreed=False, reason="Not safe yet.", review_on=None, actor=practitioner)
    assert not version.agreements.exists()
