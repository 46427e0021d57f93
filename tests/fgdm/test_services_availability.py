"""fgdm.services.availability: times offered, members' answers, and confirming the time that suits."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import ExclusionDecisionFactory, TimeSlotFactory, at
from fgdm.models import Meeting, Participation, SlotAnswer, TimeSlot
from fgdm.models.meetings import MeetingStatus
from fgdm.services.availability import answer_slots, confirm_slot, offer_slot
from fgdm.services.meetings import cancel_meeting
from portal.audit.models import AuditEvent
from tests.text import errors_of

pytestmark = pytest.mark.django_db


def test_a_time_is_offered_once_and_only_in_the_future(meeting, coordinator):
    slot = offer_slot(meeting=meeting, starts_at=at(12, 10), actor=coordinator)

    with pytest.raises(ValidationError) as twice:
        offer_slot(meeting=meeting, starts_at=at(12, 10), actor=coordinator)
    with pytest.raises(ValidationError) as past:
        offer_slot(meeting=meeting, starts_at=at(-1, 10), actor=coordinator)

    assert errors_of(twice) == {"day": ["This time is already offered."]}
    assert errors_of(past) == {"day": ["The time must be in the future."]}
    assert list(meeting.slots.all()) == [slot]
    assert AuditEvent.objects.get(action="meeting.slot_offered").detail == {"meeting": meeting.pk}


def test_a_withdrawn_time_can_be_offered_again(meeting, coordinator):
    slot = TimeSlotFactory(meeting=meeting)
    TimeSlot.objects.filter(pk=slot.pk).update(withdrawn_at=slot.offered_at)

    again = offer_slot(meeting=meeting, starts_at=slot.starts_at, actor=coordinator)

    assert again.pk == slot.pk and again.withdrawn_at is None


def test_a_member_answers_the_open_times_and_may_change_their_mind(consented, meeting):
    first = TimeSlotFactory(meeting=meeting, starts_at=at(12, 10))
    second = TimeSlotFactory(meeting=meeting, starts_at=at(12, 14))
    withdrawn = TimeSlotFactory(meeting=meeting, starts_at=at(13, 10))
    TimeSlot.objects.filter(pk=withdrawn.pk).update(withdrawn_at=withdrawn.offered_at)

    answer_slots(member=consented, meeting=meeting, answers={first.pk: "yes", withdrawn.pk: "yes", 0: "no"})
    answer_slots(member=consented, meeting=meeting, answers={first.pk: "no", second.pk: "sometimes"})

    assert list(SlotAnswer.objects.values_list("slot_id", "member_id", "suits")) == [(first.pk, consented.pk, "no")]
    event = AuditEvent.objects.filter(action="meeting.times_answered").latest("pk")
    assert (event.actor_label, event.detail) == (consented.ref, {"answers": 2})


def test_someone_with_nothing_to_know_of_the_meeting_cannot_answer(consented, meeting, member_factory):
    uncle = member_factory("Tom Uncle")
    ExclusionDecisionFactory(member=uncle, participation=Participation.WRITTEN_VIEWS)
    slot = TimeSlotFactory(meeting=meeting)

    with pytest.raises(ValidationError) as error:
        answer_slots(member=uncle, meeting=meeting, answers={slot.pk: "yes"})

    assert errors_of(error) == {"__all__": ["You are not invited to this meeting."]}
    assert not SlotAnswer.objects.exists()


def test_confirming_a_time_moves_every_part_with_it_and_withdraws_the_others(consented, meeting, coordinator):
    chosen, other = TimeSlotFactory(meeting=meeting, starts_at=at(12, 9)), TimeSlotFactory(meeting=meeting)
    before = [(p.kind, p.starts_at, p.ends_at) for p in meeting.parts.all()]
    shift = at(12, 9) - before[0][1]

    run = confirm_slot(slot=chosen, actor=coordinator)

    confirmed = Meeting.objects.get(pk=meeting.pk)
    assert [m.name for m in run.invited] == ["Sarah Parent"]

    assert confirmed.status == MeetingStatus.CONFIRMED and confirmed.version == 2
    assert [(p.kind, p.starts_at, p.ends_at) for p in confirmed.parts.all()] == [
        (kind, start + shift, end + shift) for kind, start, end in before
    ]
    assert [p.venue_name for p in confirmed.parts.all()] == ["Info Hall", "Family Room", "Agreement Suite"]
    other.refresh_from_db()
    chosen.refresh_from_db()
    assert other.withdrawn_at is not None and chosen.withdrawn_at is None
    assert list(confirmed.invitations.values_list("member_id", flat=True)) == [consented.pk]
    assert AuditEvent.objects.get(action="meeting.time_confirmed").detail == {"slot": chosen.pk}


def test_a_time_for_a_cancelled_meeting_cannot_be_confirmed(consented, meeting, coordinator):
    slot = TimeSlotFactory(meeting=meeting)
    cancel_meeting(meeting=meeting, actor=coordinator)

    with pytest.raises(ValidationError) as error:
        confirm_slot(slot=TimeSlot.objects.get(pk=slot.pk), actor=coordinator)  # as the page loads it

    assert errors_of(error) == {"__all__": ["This meeting was cancelled."]}
    meeting.refresh_from_db()
    assert meeting.parts.first().starts_at == at(10, 10, 5)


def test_a_meeting_without_parts_cannot_have_its_time_confirmed(consented, meeting, coordinator):
    slot = TimeSlotFactory(meeting=meeting, starts_at=at(12, 10) + timedelta(minutes=30))
    meeting.parts.all().delete()

    with pytest.raises(ValidationError) as error:
        confirm_slot(slot=slot, actor=coordinator)

    assert errors_of(error) == {"__all__": ["Plan the meeting's parts before confirming a time."]}
