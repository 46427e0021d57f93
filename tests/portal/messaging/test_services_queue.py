"""Queueing: one row per key, the right channel and words, refusals recorded with their reason."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portal.messaging import registry
from portal.messaging.delivery import deliver, sweep_outbox
from portal.messaging.models import OptOut, OutboundMessage
from portal.messaging.safe_contact import quiet_until
from portal.messaging.services import cancel_pending, queue_message
from portal.messaging.tasks import send_message
from tests.portal.messaging.conftest import LINK


def queue(person, key="k1", template="test.hello", **extra):
    return queue_message(
        recipient_ref=person.ref,
        template=template,
        context={"link": LINK, "name": person.name},
        idempotency_key=key,
        **extra,
    )


def test_a_message_is_sent_once_by_text_in_the_persons_words(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add(name="Sam Taylor", phone="+447400123456")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(sam, topic="fgdm.meeting:5", about={"meeting": 5})

    message.refresh_from_db()
    assert [(sms.to, sms.body) for sms in sms_outbox] == [
        ("+447400123456", f"Family meetings: you have a new message. Open: {LINK}")
    ]
    assert (message.status, message.channel, message.recipient_name, message.case_ref) == (
        "sent",
        "sms",
        "Sam Taylor",
        "test.case:1",
    )
    assert message.provider_message_id == sms_outbox[0].sid
    assert message.attempts == 1


def test_the_same_key_gives_back_the_first_message_and_sends_nothing_more(
    people, sms_outbox, django_capture_on_commit_callbacks
):
    sam = people.add()
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(sam, key="invite:5:v1:1")
    with django_capture_on_commit_callbacks(execute=True):
        second = queue(sam, key="invite:5:v1:1")

    assert second.pk == first.pk
    assert OutboundMessage.objects.count() == 1
    assert len(sms_outbox) == 1


def test_email_is_used_when_texts_are_not_safe(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add(safe_contact=registry.SafeContact(channels=(registry.EMAIL,)))
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(sam)

    message.refresh_from_db()
    assert message.status == "sent"
    assert sms_outbox == []
    assert [(m.to, m.subject) for m in mail.outbox] == [(["sam@example.org"], "A message from Family meetings")]
    assert mail.outbox[0].body == f"Hello Sam Taylor,\n\nOpen: {LINK}"


def test_discreet_wording_says_nothing_of_the_service_on_any_channel(
    people, sms_outbox, django_capture_on_commit_callbacks
):
    text = people.add(safe_contact=registry.SafeContact(discreet=True))
    email = people.add(safe_contact=registry.SafeContact(channels=(registry.EMAIL,), discreet=True))
    with django_capture_on_commit_callbacks(execute=True):
        queue(text, key="a")
        queue(email, key="b")

    assert [sms.body for sms in sms_outbox] == [f"A message for you. Open: {LINK}"]
    assert (mail.outbox[0].subject, mail.outbox[0].body) == ("A new message", f"A message for you. Open: {LINK}")


def test_the_message_is_written_in_the_recipients_language(people, sms_outbox, django_capture_on_commit_callbacks):
    ola = people.add(language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(ola, template="test.answers")

    assert message.language == "pl"
    assert [sms.body for sms in sms_outbox] == ["tak,nie,może"]


@pytest.mark.parametrize(
    ("fields", "channel", "reason"),
    [
        ({"phone": "", "email": ""}, None, "There is no phone number or email address to send this to."),
        (
            {"safe_contact": registry.SafeContact(channels=(registry.SMS,))},
            registry.EMAIL,
            "This person has not agreed to be contacted this way.",
        ),
        (
            {"safe_contact": registry.SafeContact(channels=())},
            None,
            "This person has not agreed to any way of contacting them.",
        ),
    ],
)
def test_a_message_with_no_safe_way_to_go_is_blocked_with_the_reason(
    people, sms_outbox, django_capture_on_commit_callbacks, fields, channel, reason
):
    sam = people.add(**fields)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(sam, channel=channel)

    assert (message.status, message.blocked_reason) == ("blocked", reason)
    assert sms_outbox == [] and mail.outbox == []


def test_a_guard_refusal_is_recorded_as_blocked_with_its_reason(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add()
    people.refusals[sam.ref] = "Contact is not allowed: consent, or a safeguarding decision."
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(sam)

    message.refresh_from_db()
    assert message.status == "blocked"
    assert message.blocked_reason == "Contact is not allowed: consent, or a safeguarding decision."
    assert sms_outbox == []


def test_guards_are_asked_what_the_message_is_about(people, django_capture_on_commit_callbacks):
    asked = []
    sam = people.add()

    def guard(recipient, template_key, about):
        asked.append((recipient.ref, template_key, about))

    registry.register_guard(guard)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            queue(sam, about={"meeting": 5, "parts": ["information_sharing"]})
    finally:
        registry.unregister_guard(guard)

    # Once when queued and once again just before sending.
    assert asked == [(sam.ref, "test.hello", {"meeting": 5, "parts": ["information_sharing"]})] * 2


def test_nobody_is_contacted_once_the_guard_starts_refusing_after_queueing(
    people, sms_outbox, django_capture_on_commit_callbacks
):
    sam = people.add()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = queue(sam)
    assert message.status == "queued"
    people.refusals[sam.ref] = "Consent to contact the family network was withdrawn."

    for callback in callbacks:  # the send task runs now, after the withdrawal
        callback()

    message.refresh_from_db()
    assert (message.status, message.blocked_reason) == (
        "blocked",
        "Consent to contact the family network was withdrawn.",
    )
    assert sms_outbox == []


def test_stop_blocks_every_later_text(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add(safe_contact=registry.SafeContact(channels=(registry.SMS,)))
    OptOut.objects.create(phone=sam.phone)
    with django_capture_on_commit_callbacks(execute=True):
        messages = [queue(sam, key=f"k{n}", template=t) for n, t in enumerate(["test.hello", "test.answers"])]

    assert [(m.status, m.blocked_reason) for m in messages] == [
        ("blocked", "This number replied STOP, so no more texts go to it.")
    ] * 2
    assert sms_outbox == []


def test_after_stop_a_person_who_allows_email_gets_email_instead(
    people, sms_outbox, django_capture_on_commit_callbacks
):
    sam = people.add()
    OptOut.objects.create(phone=sam.phone)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(sam)

    assert message.channel == "email"
    assert sms_outbox == []
    assert len(mail.outbox) == 1


def test_stop_received_after_queueing_still_stops_the_text(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add(safe_contact=registry.SafeContact(channels=(registry.SMS,)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = queue(sam)
    OptOut.objects.create(phone=sam.phone)
    for callback in callbacks:
        callback()

    message.refresh_from_db()
    assert message.status == "blocked"
    assert sms_outbox == []


def _local_time(delta: timedelta) -> time:
    return (timezone.localtime() + delta).time().replace(second=0, microsecond=0)


def test_a_message_due_in_quiet_hours_is_held_until_they_end(people, sms_outbox, django_capture_on_commit_callbacks):
    ends = _local_time(timedelta(hours=2))
    sam = people.add(safe_contact=registry.SafeContact(quiet_start=_local_time(-timedelta(hours=1)), quiet_end=ends))
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(sam)

    message.refresh_from_db()
    assert message.status == "queued"
    assert timezone.localtime(message.send_after).time() == ends
    assert message.send_after > timezone.now()
    assert message.reason == "Held until the end of this person's quiet hours."
    assert sms_outbox == []
    assert sweep_outbox(now=timezone.now() + timedelta(minutes=1)).sent == 0  # the sweep waits for it too

    send_message(message.pk)  # run early by mistake: still held
    assert sms_outbox == []


def test_quiet_hours_that_run_past_midnight():
    quiet = registry.SafeContact(quiet_start=time(21, 0), quiet_end=time(8, 0))
    tz = timezone.get_current_timezone()
    late = timezone.make_aware(datetime(2026, 11, 16, 22, 30), tz)
    early = timezone.make_aware(datetime(2026, 11, 17, 6, 0), tz)
    midday = timezone.make_aware(datetime(2026, 11, 17, 12, 0), tz)

    assert quiet_until(quiet, late) == timezone.make_aware(datetime(2026, 11, 17, 8, 0), tz)
    assert quiet_until(quiet, early) == timezone.make_aware(datetime(2026, 11, 17, 8, 0), tz)
    assert quiet_until(quiet, midday) is None
    assert quiet_until(registry.SafeContact(), late) is None


def test_a_cancelled_reminder_is_never_sent(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add()
    with django_capture_on_commit_callbacks(execute=True):
        reminder = queue(
            sam, key="reminder:5:v1:1", topic="fgdm.meeting:5", send_after=timezone.now() + timedelta(days=2)
        )
        other = queue(sam, key="reminder:6:v1:1", topic="fgdm.meeting:6", send_after=timezone.now() + timedelta(days=2))

    assert cancel_pending(topic="fgdm.meeting:5", reason="The meeting was cancelled.") == 1

    reminder.refresh_from_db()
    assert (reminder.status, reminder.reason) == ("cancelled", "The meeting was cancelled.")
    OutboundMessage.objects.filter(pk=reminder.pk).update(send_after=timezone.now() - timedelta(minutes=1))
    send_message(reminder.pk)  # a job that runs anyway finds it cancelled
    sweep_outbox(now=timezone.now() + timedelta(minutes=1))  # and so does the sweep
    assert sms_outbox == []
    other.refresh_from_db()
    assert other.status == "queued"


def test_a_reminder_is_sent_by_the_scheduled_sweep_when_due(people, sms_outbox, django_capture_on_commit_callbacks):
    from django_q.brokers import get_broker
    from django_q.models import Schedule
    from django_q.scheduler import scheduler

    sam = people.add()
    with django_capture_on_commit_callbacks(execute=True):
        reminder = queue(sam, key="reminder:5", send_after=timezone.now() + timedelta(days=2))
    past = timezone.now() - timedelta(minutes=1)
    Schedule.objects.filter(func="portal.messaging.tasks.sweep").update(next_run=past)
    scheduler(broker=get_broker())
    assert sms_outbox == []  # not due yet

    OutboundMessage.objects.filter(pk=reminder.pk).update(send_after=past, updated_at=past)
    Schedule.objects.filter(func="portal.messaging.tasks.sweep").update(next_run=past)
    scheduler(broker=get_broker())

    reminder.refresh_from_db()
    assert reminder.status == "sent"
    assert len(sms_outbox) == 1


def test_cancel_pending_leaves_messages_already_sent_alone(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add()
    with django_capture_on_commit_callbacks(execute=True):
        sent = queue(sam, key="a")
    with django_capture_on_commit_callbacks(execute=False):
        pending = queue(sam, key="b")

    assert cancel_pending(recipient_ref=sam.ref, reason="Participation changed by a safeguarding decision.") == 1
    sent.refresh_from_db()
    pending.refresh_from_db()
    assert (sent.status, pending.status) == ("sent", "cancelled")
    deliver(pending.pk)
    assert len(sms_outbox) == 1


def test_cancel_pending_needs_to_know_whose_messages(db):
    with pytest.raises(ValueError):
        cancel_pending(reason="everything")
