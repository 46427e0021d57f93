"""Every write to the outbox: queue, cancel, resend, and deliver (called by the send task).

The rules, in one place:
- a message goes once: one row per idempotency key, and only a ``queued`` row is ever sent;
- nobody is told anything a guard refuses, asked when queueing *and again just before sending*;
- safe-contact preferences (channels, discreet wording, quiet hours) and STOP are honoured.
"""

import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.models import Schedule
from django_q.tasks import async_task

from portal.audit.services import record
from portal.messaging import registry
from portal.messaging.backends import PermanentFailure, SendError, TemporaryFailure
from portal.messaging.channels import send_now
from portal.messaging.models import InboundMessage, OutboundMessage, Status
from portal.messaging.rendering import render
from portal.messaging.safe_contact import Refused, choose_channel, first_refusal, quiet_until

logger = logging.getLogger(__name__)

SEND_TASK = "portal.messaging.tasks.send_message"
RETRY_FIRST = timedelta(minutes=1)
RETRY_LONGEST = timedelta(hours=1)


@transaction.atomic
def queue_message(
    *,
    recipient_ref: str,
    template: str,
    context: dict,
    idempotency_key: str,
    topic: str = "",
    about: dict | None = None,
    channel: str | None = None,
    send_after: datetime | None = None,
    actor=None,
) -> OutboundMessage:
    """Put one message in the outbox, or record why it may not be sent.

    The same ``idempotency_key`` always returns the first row. A refusal (a guard, STOP, no
    address, a channel the person has not allowed) is stored as ``blocked`` with its reason. A
    message due in the person's quiet hours waits until they end. It is sent after commit.
    """
    existing = OutboundMessage.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    message_template = registry.template(template)
    about = about or {}
    message = OutboundMessage(
        recipient_ref=recipient_ref,
        template=template,
        idempotency_key=idempotency_key,
        topic=topic,
        about=about,
        send_after=send_after,
        queued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    person = registry.recipient(recipient_ref)
    if person is not None:
        _describe(message, person)
    try:
        if person is None:
            raise Refused(_("This person is no longer on record."))
        message.channel, message.address = choose_channel(person, requested=channel, template_key=template)
        if person.safe_contact.discreet and not message_template.discreet_sms:
            raise Refused(_("This person asked for discreet wording and this message has none."))
        reason = first_refusal(person, template, about)
        if reason:
            raise Refused(reason)
    except Refused as refusal:
        message.status, message.blocked_reason = Status.BLOCKED, refusal.reason
        return _save_once(message)
    rendered = render(
        message_template,
        channel=message.channel,
        language=person.language,
        discreet=person.safe_contact.discreet,
        context=context,
    )
    message.subject, message.body = rendered.subject, rendered.body
    _hold_for_quiet_hours(message, person)
    message = _save_once(message)
    if message.status == Status.QUEUED:
        _dispatch(message)
    return message


@transaction.atomic
def cancel_pending(
    *, reason: str, recipient_ref: str | None = None, topic: str | None = None, case_ref: str | None = None
) -> int:
    """Cancel messages not yet handed to the provider; ones already sending or sent cannot be called back."""
    filters = {
        name: value
        for name, value in (("recipient_ref", recipient_ref), ("topic", topic), ("case_ref", case_ref))
        if value
    }
    if not filters:
        raise ValueError("Say whose messages to cancel: recipient_ref, topic or case_ref.")
    ids = list(
        OutboundMessage.objects.select_for_update().filter(status=Status.QUEUED, **filters).values_list("pk", flat=True)
    )
    cancelled = OutboundMessage.objects.filter(pk__in=ids, status=Status.QUEUED).update(
        status=Status.CANCELLED, cancelled_reason=reason[:300], updated_at=timezone.now()
    )
    # The task would find the row cancelled and do nothing; removing the schedule keeps the queue tidy.
    Schedule.objects.filter(func=SEND_TASK, args__in=[_task_args(pk) for pk in ids]).delete()
    return cancelled


@transaction.atomic
def resend(*, message: OutboundMessage, actor) -> OutboundMessage:
    """Send a failed message again, as a new row: same words, fresh checks, a key derived from the old one.

    Resending the same failed message twice gives the same new row, so a double click sends once.
    """
    message = OutboundMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != Status.FAILED:
        raise ValidationError(_("Only a message that failed can be sent again."))
    key = f"{message.idempotency_key}:resend"
    if len(key) > 200:
        key = "resend:" + hashlib.sha256(key.encode()).hexdigest()
    existing = OutboundMessage.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    again = OutboundMessage(
        recipient_ref=message.recipient_ref,
        template=message.template,
        language=message.language,
        subject=message.subject,
        body=message.body,
        idempotency_key=key,
        topic=message.topic,
        about=message.about,
        case_ref=message.case_ref,
        recipient_name=message.recipient_name,
        resent_from=message,
        queued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    person = registry.recipient(message.recipient_ref)
    try:
        if person is None:
            raise Refused(_("This person is no longer on record."))
        _describe(again, person)
        # The words were written for this channel, so the resend keeps it.
        again.channel, again.address = choose_channel(person, requested=message.channel, template_key=message.template)
        reason = first_refusal(person, message.template, message.about)
        if reason:
            raise Refused(reason)
        _hold_for_quiet_hours(again, person)
    except Refused as refusal:
        again.status, again.blocked_reason = Status.BLOCKED, refusal.reason
    again = _save_once(again)
    record(
        action="messaging.resent",
        actor=actor,
        target=again,
        detail={"resent_from": message.pk, "case": message.case_ref, "status": again.status},
    )
    if again.status == Status.QUEUED:
        _dispatch(again)
    return again


def deliver(message_id: int) -> None:
    """Send one queued message, at most once, after asking the guards again.

    The row is claimed under a lock and marked ``sending`` in its own transaction before the
    provider is called, so a second run of the task finds it not ``queued`` and does nothing.
    """
    message = _claim(message_id)
    if message is None:
        return
    try:
        provider_id = send_now(message)
    except SendError as error:
        _record_failure(message.pk, error)
    else:
        _record_sent(message.pk, provider_id)


@transaction.atomic
def _claim(message_id: int) -> OutboundMessage | None:
    message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
    now = timezone.now()
    if message is None or message.status != Status.QUEUED or (message.send_after and message.send_after > now):
        return None
    person = registry.recipient(message.recipient_ref)
    try:
        if person is None:
            raise Refused(_("This person is no longer on record."))
        # Fresh details: a number changed since queueing is the one used, a channel withdrawn is not.
        _channel, message.address = choose_channel(person, requested=message.channel, template_key=message.template)
        reason = first_refusal(person, message.template, message.about)
        if reason:
            raise Refused(reason)
    except Refused as refusal:
        message.status, message.blocked_reason = Status.BLOCKED, refusal.reason
        message.save()
        return None
    if _hold_for_quiet_hours(message, person):
        message.save()
        _dispatch(message)
        return None
    message.status = Status.SENDING
    message.attempts += 1
    message.first_attempt_at = message.first_attempt_at or now
    message.save()
    return message


@transaction.atomic
def _record_sent(message_id: int, provider_id: str) -> None:
    message = OutboundMessage.objects.select_for_update().get(pk=message_id)
    message.provider_message_id = message.provider_message_id or provider_id
    # A status callback may have overtaken us and already said "delivered"; never step back.
    if message.status == Status.SENDING:
        message.status, message.sent_at, message.last_error = Status.SENT, timezone.now(), ""
    message.save()


@transaction.atomic
def _record_failure(message_id: int, error: SendError) -> None:
    message = OutboundMessage.objects.select_for_update().get(pk=message_id)
    if message.status != Status.SENDING:
        return
    now = timezone.now()
    message.last_error = error.reason[:500]
    retry_for = timedelta(seconds=settings.MESSAGING_RETRY_FOR_SECONDS)
    if isinstance(error, TemporaryFailure) and now - message.first_attempt_at < retry_for:
        message.status = Status.QUEUED
        message.send_after = now + min(RETRY_FIRST * 2 ** (message.attempts - 1), RETRY_LONGEST)
        message.held_reason = _("Trying again after a problem with the text service.")
        message.save()
        _dispatch(message)
        return
    if isinstance(error, TemporaryFailure):
        message.last_error = _("%(reason)s Gave up after %(attempts)d tries.") % {
            "reason": error.reason,
            "attempts": message.attempts,
        }
    elif not isinstance(error, PermanentFailure):
        logger.warning("Message %s: provider outcome unknown, not retried", message.pk)
    message.status = Status.FAILED
    message.save()


def _describe(message: OutboundMessage, person: registry.Recipient) -> None:
    message.recipient_name = person.name
    message.language = person.language
    message.case_ref = person.case_ref


def _hold_for_quiet_hours(message: OutboundMessage, person: registry.Recipient) -> bool:
    if registry.template(message.template).asked_for_now:
        return False
    due = max(message.send_after or timezone.now(), timezone.now())
    until = quiet_until(person.safe_contact, due)
    if until is None:
        return False
    message.send_after = until
    message.held_reason = _("Held until the end of this person's quiet hours.")
    return True


def _save_once(message: OutboundMessage) -> OutboundMessage:
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Someone queued the same key at the same moment: theirs is the one message.
        return OutboundMessage.objects.get(idempotency_key=message.idempotency_key)
    return message


def _task_args(pk: int) -> str:
    return f"({pk},)"


def _dispatch(message: OutboundMessage) -> None:
    """Send after commit, or at ``send_after`` by a one-off schedule that runs the same task."""
    if message.send_after and message.send_after > timezone.now():
        Schedule.objects.create(
            name=f"messaging:{message.pk}:{message.attempts}:{message.send_after.timestamp():.0f}",
            func=SEND_TASK,
            args=_task_args(message.pk),
            schedule_type=Schedule.ONCE,
            next_run=message.send_after,
        )
        return
    pk = message.pk
    transaction.on_commit(lambda: async_task(SEND_TASK, pk))


def erase_case_messages(case_ref: str) -> int:
    """Retention: the words and addresses of a case's messages go; their count, dates and statuses stay."""
    sent = OutboundMessage.objects.filter(case_ref=case_ref).update(
        body="", subject="", address="", recipient_name="", blocked_reason="", last_error=""
    )
    received = InboundMessage.objects.filter(case_ref=case_ref).update(body="", from_number="")
    return sent + received


SENDING_TOO_LONG = timedelta(minutes=15)


def settle_stuck_sends(*, now: datetime | None = None) -> int:
    """A worker that stopped mid-send leaves its message in ``sending``. After 15 minutes it is marked
    failed, never sent again by itself: the provider may have sent it, and a person must not get it
    twice. Staff see it on the case's messages page and can check with the person, then resend."""
    cutoff = (now or timezone.now()) - SENDING_TOO_LONG
    return OutboundMessage.objects.filter(status=Status.SENDING, updated_at__lt=cutoff).update(
        status=Status.FAILED,
        last_error=_(
            "The send stopped part way, so we do not know if it arrived. Check with the person before sending again."
        ),
        updated_at=timezone.now(),
    )
