"""Sending a batch of texts costs a fixed number of queries for the batch and two per text.

Per batch (however many texts): the rows; the recipients with their case; the numbers that said
STOP; for the audience rule the members, the meetings and their parts, then per case its members,
current exclusions and consent; and, once the texts have gone, their personal links' older ones
stop opening (a savepoint, the links sent, the messages still waiting, the older links). Per text:
one update that claims the row (only a ``queued``, due row passes it, so nothing is sent twice) and
one that records what the provider said. If the guard went back to reading the member, the consent
or the meeting for each text, this fails.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fgdm.factories import ConsentDecisionFactory, ExclusionDecisionFactory
from fgdm.models import Participation
from fgdm.models.consent import ConsentStatus
from fgdm.services.invitations import send_invitations
from portal.messaging.backends import locmem
from portal.messaging.delivery import deliver_many
from portal.messaging.models import OptOut, OutboundMessage, Status

pytestmark = pytest.mark.django_db

# rows, recipients, STOPs, members, meetings, parts; per case: members, exclusions, consent; then
# the links sent: savepoint, links, waiting messages, older links, release
PER_BATCH = 14
PER_TEXT = 2  # claim, record the outcome


def _invited(meeting, coordinator, member_factory, people: int) -> list[int]:
    for n in range(people):
        member_factory(f"Person {n}")
    send_invitations(meeting=meeting, actor=coordinator)  # in the test's transaction: no job runs
    invitations = OutboundMessage.objects.filter(template="fgdm.invitation", status=Status.QUEUED)
    return list(invitations.values_list("pk", flat=True))


@pytest.mark.parametrize("people", [2, 11])
def test_a_batch_of_texts_costs_a_fixed_number_of_queries_and_two_per_text(
    consented, meeting, coordinator, member_factory, people
):
    ids = _invited(meeting, coordinator, member_factory, people)
    assert len(ids) == people + 1  # and the parent who consented

    with CaptureQueriesContext(connection) as queries:
        assert deliver_many(ids) == []

    assert len(locmem.outbox) == len(ids)
    assert set(OutboundMessage.objects.filter(pk__in=ids).values_list("status", flat=True)) == {Status.SENT}
    assert len(queries) <= PER_BATCH + PER_TEXT * len(ids), "\n".join(q["sql"][:160] for q in queries)


def test_a_batch_still_refuses_whoever_may_no_longer_be_told(consented, meeting, coordinator, member_factory):
    ids = _invited(meeting, coordinator, member_factory, 3)
    excluded, stopped, told = list(meeting.case.members.exclude(pk=consented.pk))
    ExclusionDecisionFactory(member=excluded, participation=Participation.NO_CONTACT)
    OptOut.objects.create(phone=stopped.phone)
    # The exclusion cancels the text; one that slips past (a race with the cancel) meets the guard.
    OutboundMessage.objects.filter(pk__in=ids).update(status=Status.QUEUED)

    deliver_many(ids)

    outcome = {
        m.recipient_name: (m.status, m.blocked_reason)
        for m in OutboundMessage.objects.filter(pk__in=ids).order_by("pk")
    }
    assert outcome == {
        consented.name: (Status.SENT, ""),
        excluded.name: (Status.BLOCKED, "Contact is not allowed: consent, or a safeguarding decision."),
        stopped.name: (Status.BLOCKED, "This number replied STOP, so no more texts go to it."),
        told.name: (Status.SENT, ""),
    }
    assert sorted(sms.to for sms in locmem.outbox) == sorted([consented.phone, told.phone])


def test_a_batch_sends_nothing_once_consent_is_withdrawn(consented, meeting, coordinator, member_factory):
    ids = _invited(meeting, coordinator, member_factory, 2)
    ConsentDecisionFactory(member=consented, status=ConsentStatus.WITHDRAWN)
    OutboundMessage.objects.filter(pk__in=ids).update(status=Status.QUEUED)  # as if the cancel had missed them

    deliver_many(ids)

    assert set(OutboundMessage.objects.filter(pk__in=ids).values_list("status", flat=True)) == {Status.BLOCKED}
    assert locmem.outbox == []
