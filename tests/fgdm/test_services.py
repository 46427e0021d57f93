from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fgdm.family_outputs import calendar_file, meeting_details
from fgdm.models import ExclusionDecision, ExclusionReason, Participation
from fgdm.models.consent import ConsentMethod, ConsentStatus
from fgdm.models.decisions import DecisionIsFinal
from fgdm.selectors import disclosure
from fgdm.services.cases import assign_coordinator
from fgdm.services.consent import record_consent
from fgdm.services.exclusions import record_exclusion
from fgdm.services.invitations import send_invitations
from fgdm.services.network import PossibleDuplicate, add_member
from portal.audit.models import AuditEvent
from portal.messaging.backends import locmem
from portal.messaging.models import OutboundMessage, Status

pytestmark = pytest.mark.django_db
REVIEW = date.today() + timedelta(days=60)


def exclude(member, participation, actor, **extra):
    return record_exclusion(
        member=member,
        participation=participation,
        reasons=[ExclusionReason.DOMESTIC_ABUSE],
        review_on=REVIEW,
        actor=actor,
        **extra,
    )


def test_the_coordinator_is_never_the_cases_lead_practitioner(case, practitioner):
    from portal.accounts import roles

    practitioner.groups.add(roles.group_for(roles.COORDINATOR))

    with pytest.raises(ValidationError) as error:
        assign_coordinator(case=case, coordinator=practitioner, actor=practitioner)

    assert "must be independent" in str(error.value)
    case.refresh_from_db()
    assert case.coordinator != practitioner


def test_nobody_is_invited_before_consent(
    case, meeting, member_factory, coordinator, django_capture_on_commit_callbacks
):
    member_factory("Janet Gran")

    with pytest.raises(ValidationError) as error:
        send_invitations(meeting=meeting, actor=coordinator)

    assert "consent" in str(error.value)
    assert not OutboundMessage.objects.exists()


def test_invitations_go_once_in_the_members_language_and_say_little(
    consented, meeting, member_factory, coordinator, django_capture_on_commit_callbacks
):
    member_factory("Halina Babcia", language="pl")

    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(meeting=meeting, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(meeting=meeting, actor=coordinator)

    invitations = OutboundMessage.objects.filter(template="fgdm.invitation")
    assert invitations.count() == 2  # the parent and the grandmother, once each
    sent_bodies = [sms.body for sms in locmem.outbox]
    assert len(sent_bodies) == 2
    for body in sent_bodies:
        assert "Info Hall" not in body and "Mia" not in body and "/f/" in body


def test_withdrawing_consent_cancels_pending_messages_and_stops_contact(
    consented, case, meeting, member_factory, coordinator, django_capture_on_commit_callbacks
):
    member_factory("Janet Gran")
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(meeting=meeting, actor=coordinator)
    reminders = OutboundMessage.objects.filter(template="fgdm.reminder")
    assert reminders.count() == 2 and all(r.status == Status.QUEUED for r in reminders)

    record_consent(
        case=case,
        member=consented,
        status=ConsentStatus.WITHDRAWN,
        method=ConsentMethod.PHONE,
        may_share=[],
        actor=coordinator,
    )

    assert set(OutboundMessage.objects.filter(template="fgdm.reminder").values_list("status", flat=True)) == {
        Status.CANCELLED
    }
    with pytest.raises(ValidationError):
        send_invitations(meeting=meeting, actor=coordinator)


def test_an_exclusion_needs_a_reason(member_factory, coordinator):
    uncle = member_factory("Tom Uncle")

    with pytest.raises(ValidationError) as error:
        record_exclusion(
            member=uncle, participation=Participation.NO_CONTACT, reasons=[], review_on=REVIEW, actor=coordinator
        )

    assert "reason" in str(error.value)
    assert not ExclusionDecision.objects.exists()


def test_exclusion_decisions_are_superseded_never_edited(member_factory, coordinator):
    uncle = member_factory("Tom Uncle")
    first = exclude(uncle, Participation.INFORMATION_ONLY, coordinator).decision
    second = exclude(uncle, Participation.NO_CONTACT, coordinator).decision

    first.refresh_from_db()
    assert first.superseded_by == second
    assert first.participation == Participation.INFORMATION_ONLY
    first.note = "rewritten"
    with pytest.raises(DecisionIsFinal):
        first.save()
    with pytest.raises(DecisionIsFinal):
        second.delete()
    assert AuditEvent.objects.filter(action="exclusion.decided").count() == 2


def test_excluding_someone_after_invitation_cancels_their_messages_and_warns(
    consented, meeting, member_factory, coordinator, django_capture_on_commit_callbacks
):
    uncle = member_factory("Tom Uncle")
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(meeting=meeting, actor=coordinator)

    outcome = exclude(uncle, Participation.NO_CONTACT, coordinator)

    assert [i.meeting for i in outcome.may_already_know] == [meeting]
    assert OutboundMessage.objects.get(recipient_ref=uncle.ref, template="fgdm.reminder").status == Status.CANCELLED


def test_someone_sharing_a_phone_with_an_excluded_person_is_not_sent_the_details(
    consented, meeting, member_factory, coordinator, django_capture_on_commit_callbacks
):
    excluded = member_factory("Gary Excluded", phone="+447400123499")
    cousin = member_factory("Piotr Cousin", phone="+447400123499")
    exclude(excluded, Participation.NO_CONTACT, coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        run = send_invitations(meeting=meeting, actor=coordinator)

    assert cousin not in run.invited
    reasons = {m.name: why for m, why in run.not_invited}
    assert "Shares a phone number" in reasons["Piotr Cousin"]
    assert not OutboundMessage.objects.filter(address="+447400123499").exclude(status=Status.BLOCKED).exists()


def test_information_only_members_see_nothing_of_private_family_time(consented, meeting, member_factory, coordinator):
    aunt = member_factory("Aisha Aunt")
    gran = member_factory("Janet Gran")
    exclude(aunt, Participation.INFORMATION_ONLY, coordinator, withhold_venue_address=True)

    seen = disclosure(aunt, meeting)
    page, ics = meeting_details(seen), calendar_file(seen)

    for output in (page, ics):
        assert "Info Hall" in output
        assert "Family Room" not in output and "2 Private Road" not in output and "Agreement Suite" not in output
        assert "1 Info Street" not in output  # the address is withheld from her, the venue's name is not
        assert "domestic" not in output.lower()
    assert "Janet Gran" in page
    assert not seen.may_see_plan
    assert disclosure(gran, meeting).may_see_plan


def test_possible_duplicates_are_caught(case, member_factory, coordinator):
    member_factory("Janet Gran", phone="+447400123477")

    with pytest.raises(PossibleDuplicate):
        add_member(case=case, relationships={}, actor=coordinator, name="janet  gran", phone="+447400123477")

    assert case.members.count() == 1
