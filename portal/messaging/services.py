"""Every write to the outbox: queue, cancel, resend, and deliver (called by the send task).

The rules, in one place:
- a message goes once: one row per idempotency key, and only a ``queued`` row is ever sent;
- nobody is told anything a guard refuses, asked when queueing *and again just before sending*;
- safe-contact preferences (channels, discreet wording, quiet hours) and STOP are honoured.
"""

import hashlib
import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from portal.audit.services import record
from portal.messaging import registry, sealing
from portal.messaging.delivery import batch_size
from portal.messaging.models import InboundMessage, OutboundMessage, Status
from portal.messaging.rendering import render
from portal.messaging.safe_contact import Refused, choose_channel, first_refusal, hold_for_quiet_hours

logger = logging.getLogger(__name__)

SEND_TASK = "portal.messaging.tasks.send_messages"


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
    case_ref: str = "",
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
    message.case_ref = message.case_ref or case_ref  # staff recipients belong to no case of their own
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
    words = {
        "channel": message.channel,
        "language": person.language,
        "discreet": person.safe_contact.discreet,
    }
    rendered = render(message_template, **words, context=context)
    message.subject, message.body = rendered.subject, rendered.body
    if sealing.has_secrets(context):
        # Staff and logs only ever see the words with the code or link hidden.
        message.sealed_body = sealing.seal(rendered.body)
        message.body = render(message_template, **words, context=sealing.masked(context)).body
    hold_for_quiet_hours(message, person)
    message = _save_once(message)
    if message.status == Status.QUEUED:
        _dispatch(message)
    return message


@transaction.atomic
def cancel_pending(
    *,
    reason: str,
    recipient_ref: str | None = None,
    topic: str | None = None,
    case_ref: str | None = None,
    templates: tuple[str, ...] | None = None,
) -> int:
    """Cancel messages not yet handed to the provider; ones already sending or sent cannot be called back.

    ``templates`` narrows it to the kinds of message that became wrong, so others about the same
    topic still go.
    """
    filters = {
        name: value
        for name, value in (("recipient_ref", recipient_ref), ("topic", topic), ("case_ref", case_ref))
        if value
    }
    if not filters:
        raise ValueError("Say whose messages to cancel: recipient_ref, topic or case_ref.")
    if templates is not None:
        filters["template__in"] = templates
    ids = list(
        OutboundMessage.objects.select_for_update().filter(status=Status.QUEUED, **filters).values_list("pk", flat=True)
    )
    cancelled = OutboundMessage.objects.filter(pk__in=ids, status=Status.QUEUED).update(
        status=Status.CANCELLED, cancelled_reason=reason[:300], sealed_body="", updated_at=timezone.now()
    )
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
        sealed_body=message.sealed_body,
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
        hold_for_quiet_hours(again, person)
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


def _describe(message: OutboundMessage, person: registry.Recipient) -> None:
    message.recipient_name = person.name
    message.language = person.language
    message.case_ref = person.case_ref


def _save_once(message: OutboundMessage) -> OutboundMessage:
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Someone queued the same key at the same moment: theirs is the one message.
        return OutboundMessage.objects.get(idempotency_key=message.idempotency_key)
    return message


def _dispatch(message: OutboundMessage) -> None:
    """Wake a worker after commit. A message due later (quiet hours) waits for the sweep, which
    also sends anything whose job was lost: the row is the truth, the job only a nudge.

    The messages queued in one transaction (an invitation run) share their jobs, ``MESSAGING_SEND_BATCH``
    rows each, so the workers read the guards once per batch and split a long run between them.
    """
    if message.send_after and message.send_after > timezone.now():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        nudge([message.pk])
        return
    # queue_message runs in a savepoint of its own; the ones around it say which service call this is.
    caller = tuple(connection.savepoint_ids[:-1])
    batch = getattr(connection, "_outbox_nudges", None)
    if (
        batch is None
        or batch.done
        or batch.caller != caller
        or not any(entry[1] is batch.hook for entry in connection.run_on_commit)
    ):
        # The first message of this service call (a rolled-back one took its hook with it).
        batch = _Nudges(caller)
        connection._outbox_nudges = batch
        transaction.on_commit(batch.hook)
    batch.ids.append(message.pk)


class _Nudges:
    """The ids queued by one service call (an invitation run), woken after its transaction commits."""

    def __init__(self, caller: tuple):
        self.caller = caller
        self.ids: list[int] = []
        self.done = False

        def hook():
            self.done = True
            size = batch_size()
            for first in range(0, len(self.ids), size):
                nudge(self.ids[first : first + size])

        self.hook = hook


def nudge(ids: list[int]) -> None:
    try:
        async_task(SEND_TASK, ids)
    except Exception:  # the broker is down or full: the sweep sends the rows within a minute or two
        logger.warning("Outbox: could not queue a job for messages %s; the sweep will send them", ids, exc_info=True)


def erase_case_messages(case_ref: str) -> int:
    """Retention: the words and addresses of a case's messages go; their count, dates and statuses stay."""
    sent = OutboundMessage.objects.filter(case_ref=case_ref).update(
        body="", sealed_body="", subject="", address="", recipient_name="", blocked_reason="", last_error=""
    )
    received = InboundMessage.objects.filter(case_ref=case_ref).update(body="", from_number="")
    return sent + received
