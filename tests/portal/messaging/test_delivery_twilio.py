"""Sending through the real twilio client to a local stand-in for Twilio, including its failures."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from portal.messaging.delivery import deliver, sweep_outbox
from portal.messaging.models import OutboundMessage
from portal.messaging.services import queue_message
from portal.messaging.tasks import send_message
from tests.portal.messaging.conftest import LINK


@pytest.fixture
def queued(people, django_capture_on_commit_callbacks):
    """A message in the outbox whose send task has not run yet."""
    sam = people.add()
    with django_capture_on_commit_callbacks(execute=False):
        return queue_message(
            recipient_ref=sam.ref, template="test.hello", context={"link": LINK}, idempotency_key="invite:5:v1:1"
        )


def due_now(message):
    OutboundMessage.objects.filter(pk=message.pk).update(send_after=timezone.now() - timedelta(seconds=1))


def test_the_real_client_sends_to_twilio_and_the_row_keeps_twilios_id(twilio, queued):
    send_message(queued.pk)

    queued.refresh_from_db()
    assert (queued.status, queued.provider_message_id) == ("sent", twilio.accepted[0])
    [request] = twilio.requests
    assert request["To"] == "+447400123456"
    assert request["Body"] == f"Family meetings: you have a new message. Open: {LINK}"
    assert request["MessagingServiceSid"].startswith("MG")
    assert request["StatusCallback"] == f"https://portal.example.org/messaging/twilio/status/?ref={queued.pk}"


def test_running_the_send_task_twice_sends_once(twilio, queued):
    send_message(queued.pk)
    send_message(queued.pk)
    deliver(queued.pk)

    assert len(twilio.requests) == 1
    queued.refresh_from_db()
    assert queued.attempts == 1


def test_a_row_already_sending_is_not_sent_again(twilio, queued):
    # Another worker claimed it and is waiting on Twilio.
    OutboundMessage.objects.filter(pk=queued.pk).update(status="sending")
    send_message(queued.pk)
    assert twilio.requests == []


def test_rate_limits_and_server_errors_are_retried_with_backoff_and_the_text_goes_once(twilio, queued):
    twilio.script = [429, 500]

    send_message(queued.pk)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == (
        "queued",
        1,
        "The text service asked us to slow down.",
    )
    first_wait = queued.send_after - timezone.now()
    assert timedelta(seconds=50) < first_wait <= timedelta(minutes=1)
    assert sweep_outbox(now=timezone.now() + timedelta(seconds=30)).sent == 0  # not due: the sweep leaves it too

    send_message(queued.pk)  # a duplicate run before the retry is due does nothing
    assert len(twilio.requests) == 1

    due_now(queued)
    send_message(queued.pk)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("queued", 2)
    assert queued.last_error == "The text service had a problem (HTTP 500)."
    assert queued.send_after - timezone.now() > first_wait  # backing off

    due_now(queued)
    send_message(queued.pk)
    send_message(queued.pk)
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.last_error) == ("sent", 3, "")
    assert len(twilio.requests) == 3
    assert len(twilio.accepted) == 1


def test_temporary_failures_give_up_after_four_hours_with_the_reason(twilio, queued):
    twilio.script = [500, 500]
    send_message(queued.pk)
    # Four hours and more have passed since the first try.
    OutboundMessage.objects.filter(pk=queued.pk).update(
        send_after=timezone.now() - timedelta(seconds=1),
        first_attempt_at=timezone.now() - timedelta(hours=4, minutes=1),
    )
    send_message(queued.pk)

    queued.refresh_from_db()
    assert queued.status == "failed"
    assert queued.reason == "The text service had a problem (HTTP 500). Gave up after 2 tries."


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (21211, "The phone number is not valid."),
        (21610, "This number has texted STOP, so the text service will not send to it."),
        (21614, "This number is not a mobile and cannot get texts."),
    ],
)
def test_permanent_errors_fail_at_once_without_retrying(twilio, queued, code, reason):
    twilio.script = [code]
    send_message(queued.pk)
    due_now(queued)
    send_message(queued.pk)

    queued.refresh_from_db()
    assert (queued.status, queued.reason, queued.attempts) == ("failed", reason, 1)
    assert len(twilio.requests) == 1
    assert sweep_outbox(now=timezone.now() + timedelta(hours=2)).sent == 0


def later(**delta):
    return timezone.now() + timedelta(**delta)


def test_no_answer_in_time_is_not_retried_but_checked_with_twilio_which_took_it(twilio, queued):
    twilio.script = [("slow", 3)]  # Twilio takes the text but answers after the client gave up
    send_message(queued.pk)
    due_now(queued)
    send_message(queued.pk)

    queued.refresh_from_db()
    assert queued.status == "sending"
    assert queued.last_error.startswith("The text service did not answer in time. The text may or may not have gone")
    assert sweep_outbox(now=later(seconds=30)).settled == 0  # it may still be on its way
    for _wait in range(50):  # Twilio finishes taking it after the client stopped waiting
        if twilio.accepted:
            break
        time.sleep(0.1)

    assert sweep_outbox(now=later(minutes=3)).settled == 1
    queued.refresh_from_db()
    assert (queued.status, queued.provider_message_id, queued.last_error) == ("sent", twilio.accepted[0], "")
    assert len(twilio.requests) == 1


def test_a_send_twilio_has_no_record_of_is_tried_again_once(twilio, queued):
    OutboundMessage.objects.filter(pk=queued.pk).update(
        status="sending", attempts=1, first_attempt_at=timezone.now(), updated_at=timezone.now()
    )  # a worker claimed it and was killed before it called Twilio

    assert sweep_outbox(now=later(minutes=3)).settled == 1
    queued.refresh_from_db()
    assert (queued.status, queued.last_error) == (
        "queued",
        "The text service has no record of it, so it will be sent again.",
    )
    due_now(queued)  # its back-off is over
    sweep_outbox(now=later(minutes=1))
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("sent", 2)
    assert len(twilio.accepted) == 1


def test_twilio_out_of_reach_is_retried(twilio, queued, settings):
    settings.TWILIO_API_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    send_message(queued.pk)

    queued.refresh_from_db()
    assert (queued.status, queued.last_error) == ("queued", "The text service could not be reached.")
