"""Days are the day in England: a record made at half past midnight on a summer night belongs to that
day, not to the day before (the clock is stored in UTC, an hour behind in British Summer Time)."""

from datetime import UTC, datetime

import pytest

from fgdm.data_rights import about_member
from fgdm.factories import CaseFactory, MeetingFactory, NetworkMemberFactory
from fgdm.models import Case, MeetingPart, NetworkMember, Stage
from fgdm.models.meetings import Meeting, MeetingStatus
from fgdm.selectors.figures import duty_to_offer

pytestmark = pytest.mark.django_db

JUST_AFTER_MIDNIGHT = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London


def test_the_chase_list_dates_a_referral_by_the_day_in_england():
    case = CaseFactory(stage=Stage.PRE_PROCEEDINGS)
    Case.objects.filter(pk=case.pk).update(referred_at=JUST_AFTER_MIDNIGHT)
    _summary, chase = duty_to_offer(Case.objects.all())
    assert [row[1] for row in chase.rows] == ["2026-07-01"]


def test_what_a_person_asks_to_see_dates_their_record_by_the_day_in_england():
    member = NetworkMemberFactory()
    NetworkMember.objects.filter(pk=member.pk).update(added_at=JUST_AFTER_MIDNIGHT)
    record = about_member([member.ref])[0]
    assert [row["Added"] for row in record.rows] == ["2026-07-01"]


def test_the_api_says_a_meeting_was_held_on_the_day_in_england():
    from api.serializers import MeetingSerializer

    meeting = MeetingFactory(days_ahead=5)
    first = meeting.parts.order_by("starts_at").first()
    offset = JUST_AFTER_MIDNIGHT - first.starts_at
    for part in meeting.parts.all():
        MeetingPart.objects.filter(pk=part.pk).update(starts_at=part.starts_at + offset, ends_at=part.ends_at + offset)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert MeetingSerializer().get_held_on(meeting) == "2026-07-01"
