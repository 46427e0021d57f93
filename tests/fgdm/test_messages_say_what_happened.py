"""What coordinators are told matches what the outbox did, and a change reaches the people it concerns.

Counts say what was queued, what was refused and why, and what had gone before; a new time or
place tells each person told of that part, within the audience rule, and cancels only the
messages the change made wrong.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from fgdm.factories import ExclusionDecisionFactory
from fgdm.models import Participation, PartKind
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan, change_meeting
from portal.messaging.models import OptOut, OutboundMessage, Status
from tests.text import normalize_spaces


@pytest.fixture
def network(consented, member_factory, practitioner):
    gran = member_factory("Gran Jones")
    uncle = member_factory("Uncle Bob")
    ExclusionDecisionFactory(
        member=uncle, participation=Participation.INFORMATION_ONLY, note="Police report.", agencies_consulted="Police"
    )
    stopped = member_factory("Pat Stop")
    OptOut.objects.create(phone=stopped.phone)
    return {"parent": consented, "gran": gran, "uncle": uncle, "stopped": stopped}


def banner(response) -> str:
    return normalize_spaces(
        BeautifulSoup(response.content, "html.parser").select_one(".govuk-notification-banner").text
    )


def test_the_invitation_count_says_what_was_queued_refused_and_sent_before(client, case, meeting, network, coordinator):
    client.force_login(coordinator)
    url = f"/cases/{case.pk}/meeting/invite/"

    first = client.post(url, follow=True)
    assert banner(first) == (
        "Success 3 messages queued to send. Not sent to Pat Stop: This number replied STOP, so no more texts go to it."
    )
    again = client.post(url, follow=True)
    assert banner(again) == (
        "Success 0 messages queued to send. 3 had already been sent before, so were not sent again. "
        "Not sent to Pat Stop: This number replied STOP, so no more texts go to it."
    )
    assert OutboundMessage.objects.filter(template="fgdm.invitation").count() == 4


def _moved(meeting, kind, hours):
    return [
        PartPlan(
            kind=p.kind,
            starts_at=p.starts_at + timedelta(hours=hours) if p.kind == kind else p.starts_at,
            ends_at=p.ends_at + timedelta(hours=hours) if p.kind == kind else p.ends_at,
            venue_name=p.venue_name,
            venue_address=p.venue_address,
            remote_link=p.remote_link,
        )
        for p in meeting.parts.order_by("starts_at")
    ]


def test_a_new_time_for_private_family_time_tells_only_those_told_of_it(meeting, network, coordinator):
    send_invitations(meeting=meeting, actor=coordinator)
    gran, uncle = network["gran"], network["uncle"]
    decided = OutboundMessage.objects.create(
        recipient_ref=gran.ref, template="fgdm.plan_decided", topic=meeting.topic, idempotency_key="plan:1"
    )
    old_reminders = set(
        OutboundMessage.objects.filter(template="fgdm.reminder", status=Status.QUEUED).values_list("pk", flat=True)
    )

    change = change_meeting(meeting=meeting, parts=_moved(meeting, PartKind.PRIVATE_FAMILY_TIME, 1), actor=coordinator)

    told = OutboundMessage.objects.filter(template="fgdm.meeting_changed")
    assert sorted(m.recipient_name for m in told) == ["Gran Jones", "Pat Stop", "Sarah Parent"]
    assert {m.status for m in told if m.recipient_name != "Pat Stop"} == {Status.QUEUED}
    assert not told.filter(recipient_ref=uncle.ref).exists()  # kept to information sharing: not his part
    gran_told = told.get(recipient_ref=gran.ref)
    assert gran_told.body == (
        f"Family group meetings, {settings.COUNCIL_NAME}: the time or place of your family meeting has changed. "
        "See the new details: personal link (hidden)"
    )
    assert gran_told.about == {
        "meeting": meeting.pk,
        "parts": ["information_sharing", "private_family_time", "plan_agreement"],
        "version": 2,
    }
    assert (len(change.messages.queued), len(change.messages.blocked)) == (2, 1)

    decided.refresh_from_db()
    assert decided.status == Status.QUEUED  # not made wrong by a new time: it still goes
    assert set(OutboundMessage.objects.filter(pk__in=old_reminders).values_list("status", flat=True)) == {
        Status.CANCELLED
    }
    new_reminders = OutboundMessage.objects.filter(template="fgdm.reminder", status=Status.QUEUED)
    assert sorted(m.recipient_name for m in new_reminders) == ["Gran Jones", "Sarah Parent"]


def test_a_new_place_for_information_sharing_reaches_the_member_kept_to_it(meeting, network, coordinator):
    send_invitations(meeting=meeting, actor=coordinator)
    parts = _moved(meeting, PartKind.INFORMATION_SHARING, 0)
    parts[0] = PartPlan(**{**vars(parts[0]), "venue_name": "Town Hall", "venue_address": "3 High Street"})

    change_meeting(meeting=meeting, parts=parts, actor=coordinator)

    told = OutboundMessage.objects.filter(template="fgdm.meeting_changed", recipient_ref=network["uncle"].ref).get()
    assert (told.status, told.about["parts"]) == (Status.QUEUED, ["information_sharing"])
