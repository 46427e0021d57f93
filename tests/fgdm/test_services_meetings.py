"""fgdm.services.meetings: a meeting's parts (future times, each with a venue or a link), changes and cancelling."""

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import at, meeting_day
from fgdm.models import Meeting, PartKind
from fgdm.models.meetings import MeetingStatus
from fgdm.services.invitations import send_invitations
from fgdm.services.meetings import PartPlan, arrange_meeting, cancel_meeting, change_meeting
from portal.audit.models import AuditEvent
from portal.messaging.models import OutboundMessage, Status
from tests.text import errors_of

pytestmark = pytest.mark.django_db
INFO, FAMILY_TIME = PartKind.INFORMATION_SHARING, PartKind.PRIVATE_FAMILY_TIME


def test_a_meeting_is_arranged_with_its_parts_and_safety_plan(case, coordinator):
    meeting = arrange_meeting(
        case=case,
        kind="first",
        parts=meeting_day(5, venue_name="Town Hall", venue_address="1 High Street"),
        actor=coordinator,
        who_to_call="Duty team",
    )

    parts = [(p.kind, p.starts_at, p.venue_name) for p in meeting.parts.all()]
    assert parts == [
        (INFO, at(5, 10), "Town Hall"),
        (FAMILY_TIME, at(5, 11, 15), "Town Hall"),
        (PartKind.PLAN_AGREEMENT, at(5, 13), "Town Hall"),
    ]
    assert (meeting.status, meeting.version, meeting.who_to_call) == (MeetingStatus.ARRANGING, 1, "Duty team")
    assert AuditEvent.objects.get(action="meeting.arranged").detail == {"case": case.pk, "parts": 3}


@pytest.mark.parametrize(
    "part, expected",
    [
        (
            PartPlan(INFO, at(-1, 10), at(-1, 11), "Hall"),
            {"information_sharing_start": ["The start time must be in the future."]},
        ),
        (
            PartPlan(INFO, at(3, 11), at(3, 10), "Hall"),
            {"information_sharing_end": ["The end time must be after the start time."]},
        ),
        (
            PartPlan(INFO, at(3, 10), at(3, 11), " "),
            {"information_sharing_venue_name": ["Enter a venue or a link to join online."]},
        ),
        (
            PartPlan(FAMILY_TIME, at(3, 10), at(3, 11), "Room"),
            {"information_sharing_start": ["Every meeting starts with information sharing."]},
        ),
    ],
)
def test_each_part_needs_a_future_time_an_end_after_its_start_and_a_place(case, coordinator, part, expected):
    with pytest.raises(ValidationError) as error:
        arrange_meeting(case=case, kind="first", parts=[part], actor=coordinator)

    assert errors_of(error) == expected
    assert not Meeting.objects.exists()


def test_a_part_can_be_online_only_and_each_part_is_planned_once(case, coordinator):
    online = PartPlan(INFO, at(3, 10), at(3, 11), remote_link="https://meet.example/abc")
    assert arrange_meeting(case=case, kind="first", parts=[online], actor=coordinator).parts.get().venue_name == ""

    with pytest.raises(ValidationError) as error:
        arrange_meeting(case=case, kind="first", parts=[online, online], actor=coordinator)
    assert errors_of(error) == {"__all__": ["Each part of the meeting can only be planned once."]}


def test_changing_a_meeting_replaces_its_parts_moves_the_version_on_and_cancels_what_it_made_wrong(
    consented, meeting, coordinator
):
    send_invitations(meeting=meeting, actor=coordinator)
    queued = OutboundMessage.objects.filter(topic=meeting.topic, status=Status.QUEUED)
    waiting = list(queued.values_list("pk", flat=True))
    assert waiting

    change = change_meeting(
        meeting=meeting,
        parts=[PartPlan(INFO, at(20, 9), at(20, 10), "New Hall", "9 New Street")],
        actor=coordinator,
        if_threatening="Call 999.",
    )

    changed = change.meeting
    assert [(p.kind, p.starts_at, p.venue_address) for p in changed.parts.all()] == [(INFO, at(20, 9), "9 New Street")]
    assert (changed.version, changed.if_threatening, changed.who_to_call) == (2, "Call 999.", "")
    old = OutboundMessage.objects.filter(pk__in=waiting)
    assert set(old.values_list("status", flat=True)) == {Status.CANCELLED}
    assert change.cancelled == len(waiting)
    assert AuditEvent.objects.get(action="meeting.changed").detail["version"] == 2


def test_a_change_is_checked_like_a_new_meeting_and_a_refused_one_changes_nothing(meeting, coordinator):
    with pytest.raises(ValidationError) as error:
        change_meeting(meeting=meeting, parts=[PartPlan(INFO, at(-2, 9), at(-2, 10), "Hall")], actor=coordinator)

    assert errors_of(error) == {"information_sharing_start": ["The start time must be in the future."]}
    meeting.refresh_from_db()
    assert (meeting.version, meeting.parts.count()) == (1, 3)


def test_cancelling_a_meeting_cancels_its_pending_messages_and_invites_nobody_after(consented, meeting, coordinator):
    send_invitations(meeting=meeting, actor=coordinator)

    cancelled = cancel_meeting(meeting=meeting, actor=coordinator)

    assert cancelled.status == MeetingStatus.CANCELLED
    assert set(OutboundMessage.objects.filter(topic=meeting.topic).values_list("status", flat=True)) == {
        Status.CANCELLED
    }
    with pytest.raises(ValidationError) as error:
        send_invitations(meeting=cancelled, actor=coordinator)
    assert errors_of(error) == {"__all__": ["This meeting was cancelled."]}
