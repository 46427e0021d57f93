"""fgdm.services.consent: only a parent or PR holder consents; refusal or withdrawal stops all contact."""

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import CaseFactory, NetworkMemberFactory
from fgdm.models import ConsentDecision
from fgdm.models.consent import ConsentMethod, ConsentStatus, SharingScope
from fgdm.selectors import contact_allowed
from fgdm.services.consent import record_consent
from fgdm.services.invitations import send_invitations
from portal.audit.models import AuditEvent
from portal.family_access.models import PersonalLink
from portal.messaging.models import OutboundMessage, Status
from tests.family import link_path
from tests.text import errors_of

pytestmark = pytest.mark.django_db


def _consent(case, member, status=ConsentStatus.GIVEN, may_share=(), actor=None):
    return record_consent(
        case=case,
        member=member,
        status=status,
        method=ConsentMethod.IN_PERSON,
        may_share=list(may_share),
        actor=actor or case.coordinator,
    )


def test_consent_given_lets_the_network_be_contacted_and_keeps_what_may_be_shared(case, member_factory):
    parent = member_factory("Sarah Parent", pr=True)
    assert not contact_allowed(case)

    decision = _consent(case, parent, may_share=[SharingScope.WORRIES, SharingScope.BOTTOM_LINES])

    assert contact_allowed(case)
    assert decision.may_share == ["bottom_lines", "worries"]
    assert decision.decided_by == case.coordinator
    assert AuditEvent.objects.get(action="consent.given").detail == {
        "case": case.pk,
        "member": parent.pk,
        "messages_cancelled": 0,
    }


def test_only_a_parent_or_pr_holder_of_this_case_consents(case, member_factory):
    gran = member_factory("Janet Gran")
    stranger = NetworkMemberFactory(case=CaseFactory(), has_parental_responsibility=True)

    with pytest.raises(ValidationError) as not_pr:
        _consent(case, gran)
    with pytest.raises(ValidationError) as other_case:
        _consent(case, stranger)

    assert errors_of(not_pr) == {"member": ["Only a parent or someone with parental responsibility can give consent."]}
    assert errors_of(other_case) == {"member": ["Choose someone from this child's family network."]}
    assert not ConsentDecision.objects.exists()


def test_refusal_shares_nothing_and_supersedes_consent_given(case, consented):
    given = ConsentDecision.objects.get()

    refused = _consent(case, consented, ConsentStatus.REFUSED, may_share=[SharingScope.HEALTH])

    given.refresh_from_db()
    assert given.superseded_by == refused
    assert refused.may_share == []
    assert not contact_allowed(case)


def test_withdrawing_consent_cancels_pending_messages_ends_links_and_stops_invitations(
    case, consented, meeting, member_factory
):
    gran = member_factory("Janet Gran")
    send_invitations(meeting=meeting, actor=case.coordinator)
    link_path(gran)
    queued = OutboundMessage.objects.filter(status=Status.QUEUED).count()
    assert queued

    _consent(case, consented, ConsentStatus.WITHDRAWN)

    assert set(OutboundMessage.objects.values_list("status", flat=True)) == {Status.CANCELLED}
    assert not PersonalLink.objects.filter(case_ref=case.ref, revoked_at__isnull=True).exists()
    with pytest.raises(ValidationError) as error:
        send_invitations(meeting=meeting, actor=case.coordinator)
    assert errors_of(error) == {"__all__": ["Record a parent's consent before inviting the family network."]}
    assert AuditEvent.objects.get(action="consent.withdrawn").detail["messages_cancelled"] == queued
