"""fgdm.services.exclusions: how far someone takes part, with reasons, a decider and a review date."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import ExclusionDecisionFactory, InvitationFactory
from fgdm.models import ExclusionDecision, ExclusionReason, Participation
from fgdm.selectors import current_exclusion, parts_allowed
from fgdm.services.exclusions import record_exclusion
from fgdm.services.invitations import send_invitations
from portal.audit.models import AuditEvent
from portal.family_access.models import PersonalLink
from portal.messaging.models import OutboundMessage, Status
from portal.records import FinalRecordError
from tests.family import link_path
from tests.text import errors_of

pytestmark = pytest.mark.django_db
REVIEW = date.today() + timedelta(days=60)


def exclude(member, participation, actor, **extra):
    extra.setdefault("reasons", [ExclusionReason.DOMESTIC_ABUSE])
    return record_exclusion(member=member, participation=participation, review_on=REVIEW, actor=actor, **extra)


@pytest.mark.parametrize(
    "fields, expected",
    [
        (
            {"participation": Participation.NO_CONTACT, "reasons": []},
            {"reasons": ["Choose at least one reason for the decision."]},
        ),
        (
            {"participation": Participation.ALL, "reasons": [], "withhold_venue_address": True},
            {"reasons": ["Choose at least one reason for the decision."]},
        ),
        (
            {"participation": Participation.NO_CONTACT, "reasons": ["astrology"]},
            {"reasons": ["Choose reasons from the list."]},
        ),
        (
            {"participation": Participation.NO_CONTACT, "reasons": [ExclusionReason.OTHER], "note": " "},
            {"note": ["Explain the other reason in the note."]},
        ),
        (
            {"participation": Participation.NO_CONTACT, "reasons": ["violence"], "review_on": date.today()},
            {"review_on": ["The review date must be in the future."]},
        ),
    ],
)
def test_a_restriction_needs_reasons_from_the_list_explained_and_a_future_review(
    member_factory, coordinator, fields, expected
):
    uncle = member_factory("Tom Uncle")
    fields.setdefault("review_on", REVIEW)

    with pytest.raises(ValidationError) as error:
        record_exclusion(member=uncle, actor=coordinator, **fields)

    assert errors_of(error) == expected
    assert not ExclusionDecision.objects.exists()


def test_a_decision_records_who_took_it(member_factory):
    with pytest.raises(ValidationError) as error:
        exclude(member_factory("Tom Uncle"), Participation.NO_CONTACT, None)

    assert errors_of(error) == {"__all__": ["Record who made the decision."]}


def test_everyone_may_be_invited_to_all_of_it_without_a_reason(consented, member_factory, practitioner):
    uncle = member_factory("Tom Uncle")
    exclude(uncle, Participation.INFORMATION_ONLY, practitioner)

    outcome = exclude(uncle, Participation.ALL, practitioner, reasons=[])

    assert outcome.decision.reasons == []
    assert current_exclusion(uncle) == outcome.decision
    assert parts_allowed(uncle) == {"information_sharing", "private_family_time", "plan_agreement"}


def test_exclusion_decisions_are_superseded_never_edited(member_factory, coordinator):
    uncle = member_factory("Tom Uncle")
    first = exclude(uncle, Participation.INFORMATION_ONLY, coordinator, note="  First look. ").decision
    second = exclude(uncle, Participation.NO_CONTACT, coordinator).decision

    first.refresh_from_db()
    assert first.superseded_by == second
    assert (first.participation, first.note) == (Participation.INFORMATION_ONLY, "First look.")
    first.note = "rewritten"
    with pytest.raises(FinalRecordError):
        first.save()
    with pytest.raises(FinalRecordError):
        second.delete()
    assert AuditEvent.objects.filter(action="exclusion.decided").count() == 2


def test_excluding_someone_after_invitation_cancels_their_messages_and_warns(
    consented, meeting, member_factory, coordinator
):
    uncle = member_factory("Tom Uncle")
    send_invitations(meeting=meeting, actor=coordinator)
    assert OutboundMessage.objects.filter(recipient_ref=uncle.ref, status=Status.QUEUED).exists()

    outcome = exclude(uncle, Participation.NO_CONTACT, coordinator)

    assert [i.meeting for i in outcome.may_already_know] == [meeting]
    assert set(OutboundMessage.objects.filter(recipient_ref=uncle.ref).values_list("status", flat=True)) == {
        Status.CANCELLED
    }
    assert outcome.messages_cancelled == OutboundMessage.objects.filter(recipient_ref=uncle.ref).count()
    assert OutboundMessage.objects.filter(recipient_ref=consented.ref, status=Status.QUEUED).exists()
    assert AuditEvent.objects.get(action="exclusion.decided").detail["may_already_know"] == [meeting.pk]


def test_no_contact_ends_the_persons_links_and_only_theirs(consented, member_factory, coordinator):
    uncle = member_factory("Tom Uncle")
    link_path(uncle)
    link_path(consented)

    exclude(uncle, Participation.NO_CONTACT, coordinator)

    live = PersonalLink.objects.filter(revoked_at__isnull=True)
    assert list(live.values_list("subject_ref", flat=True)) == [consented.ref]


def test_withholding_the_address_from_someone_invited_warns_that_they_may_know_it(consented, meeting, member_factory):
    aunt = member_factory("Aisha Aunt")
    invitation = InvitationFactory(meeting=meeting, member=aunt)

    decision = ExclusionDecisionFactory(
        member=aunt, participation=Participation.ALL, withhold_venue_address=True, reasons=["coercive_control"]
    )
    outcome_detail = AuditEvent.objects.get(action="exclusion.decided").detail

    assert decision.withhold_venue_address
    assert outcome_detail["may_already_know"] == [invitation.meeting_id]


def test_information_only_after_an_invitation_to_everything_warns_and_no_warning_before(
    consented, meeting, member_factory, practitioner
):
    told, not_told = member_factory("Tom Uncle"), member_factory("Ray Cousin")
    InvitationFactory(meeting=meeting, member=told)

    assert exclude(told, Participation.INFORMATION_ONLY, practitioner).may_already_know[0].member == told
    assert exclude(not_told, Participation.INFORMATION_ONLY, practitioner).may_already_know == []
