"""fgdm.services.invitations: invitations under the audience rule, after consent only; replies appended."""

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import ExclusionDecisionFactory, InvitationFactory, ReplyFactory
from fgdm.models import Participation, PartKind, Reply
from fgdm.selectors.family import latest_reply
from fgdm.services.invitations import record_reply, send_invitations
from portal.audit.models import AuditEvent
from portal.messaging.backends import locmem
from portal.messaging.models import OutboundMessage, Status
from tests.text import errors_of

pytestmark = pytest.mark.django_db


def test_nobody_is_invited_before_consent(case, meeting, member_factory, coordinator):
    member_factory("Janet Gran")

    with pytest.raises(ValidationError) as error:
        send_invitations(meeting=meeting, actor=coordinator)

    assert errors_of(error) == {"__all__": ["Record a parent's consent before inviting the family network."]}
    assert not meeting.invitations.exists()
    assert not OutboundMessage.objects.exists()


def test_each_member_is_invited_to_the_parts_they_may_know_of(consented, meeting, member_factory, coordinator):
    member_factory("Janet Gran")
    aunt, uncle = member_factory("Aisha Aunt"), member_factory("Tom Uncle")
    ExclusionDecisionFactory(member=aunt, participation=Participation.INFORMATION_ONLY)
    ExclusionDecisionFactory(member=uncle, participation=Participation.NO_CONTACT)

    run = send_invitations(meeting=meeting, actor=coordinator)

    invited = {i.member.name: i.parts for i in meeting.invitations.select_related("member")}
    assert invited == {
        "Sarah Parent": list(PartKind.values),
        "Janet Gran": list(PartKind.values),
        "Aisha Aunt": [PartKind.INFORMATION_SHARING],
    }
    assert {m.name for m in run.invited} == {"Sarah Parent", "Janet Gran", "Aisha Aunt"}
    assert [m.name for m, _why in run.not_invited] == ["Tom Uncle"]
    assert not OutboundMessage.objects.filter(recipient_ref=uncle.ref).exists()
    detail = AuditEvent.objects.get(action="meeting.invitations_sent").detail
    assert (detail["invited"], detail["not_invited"], detail["version"]) == (3, 1, 1)


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


def test_someone_sharing_a_phone_with_an_excluded_person_is_not_sent_the_details(
    consented, meeting, member_factory, coordinator, django_capture_on_commit_callbacks
):
    excluded = member_factory("Gary Excluded", phone="+447400123499")
    cousin = member_factory("Piotr Cousin", phone="+447400123499")
    ExclusionDecisionFactory(member=excluded, participation=Participation.NO_CONTACT)

    with django_capture_on_commit_callbacks(execute=True):
        run = send_invitations(meeting=meeting, actor=coordinator)

    assert cousin not in run.invited
    reasons = {m.name: why for m, why in run.not_invited}
    assert "Shares a phone number" in reasons["Piotr Cousin"]
    assert not OutboundMessage.objects.filter(address="+447400123499").exclude(status=Status.BLOCKED).exists()


def test_a_reply_is_added_never_changed_and_the_latest_counts(consented, meeting):
    invitation = InvitationFactory(meeting=meeting, member=consented)
    first = record_reply(invitation=invitation, answer="maybe", via=Reply.Via.SMS)

    latest = record_reply(
        invitation=invitation,
        answer="yes",
        via=Reply.Via.LINK,
        interpreter="spoken",
        interpreter_language="Polish",
        travel_help=True,
        supporter="My sister",
    )

    first.refresh_from_db()
    assert (first.answer, first.via, first.needs_interpreter) == ("maybe", "sms", False)
    assert latest_reply(invitation) == latest
    assert (latest.interpreter_language, latest.travel_help, latest.supporter) == ("Polish", True, "My sister")
    event = AuditEvent.objects.filter(action="invitation.replied").latest("pk")
    assert (event.actor, event.actor_label) == (None, consented.ref)
    assert event.detail == {"meeting": meeting.pk, "answer": "yes", "via": "link"}


def test_a_reply_taken_by_the_coordinator_names_them(consented, meeting, coordinator):
    reply = ReplyFactory(
        invitation__meeting=meeting, invitation__member=consented, via=Reply.Via.COORDINATOR, actor=coordinator
    )

    event = AuditEvent.objects.get(action="invitation.replied")
    assert (event.actor, event.actor_label, reply.via) == (coordinator, "", "coordinator")
