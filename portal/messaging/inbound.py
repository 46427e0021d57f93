"""What comes back from the provider: delivery statuses and text replies."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.family_access.services import link_sent
from portal.messaging import registry
from portal.messaging.keywords import understand
from portal.messaging.models import InboundMessage, OptOut, OutboundMessage, Status
from portal.messaging.phone import same_number
from portal.messaging.safe_contact import OPT_OUT_CONFIRMATION
from portal.messaging.services import queue_message
from portal.messaging.signals import reply_received
from portal.messaging.standard_messages import HELP_REPLY, phone_ref

logger = logging.getLogger(__name__)

# How far along Twilio's own life of a message each status is. A status only ever moves a row
# forward: "delivered" then a late "sent" leaves it delivered, and "undelivered" after
# "delivered" (a stale retry of the callback) changes nothing, since the handset had it.
PROVIDER_PROGRESS = {
    "accepted": 1,
    "scheduled": 1,
    "queued": 1,
    "sending": 2,
    "sent": 3,
    "failed": 4,
    "undelivered": 4,
    "canceled": 4,
    "delivered": 5,
    "read": 6,
}
SIGNALLED = {"yes", "no", "maybe", "help", "stop"}


@transaction.atomic
def record_delivery_status(*, message_sid: str, status: str, error_code: str = "", reference: str = ""):
    """Apply a provider status callback, idempotently and in any order. Unknown messages are ignored.

    ``reference`` is our message id from the callback address; it matches a text whose send
    request timed out before the provider's id reached us.
    """
    message = None
    if message_sid:
        message = OutboundMessage.objects.select_for_update().filter(provider_message_id=message_sid).first()
    if message is None and reference.isdigit():
        message = (
            OutboundMessage.objects.select_for_update()
            .filter(pk=int(reference), channel=registry.SMS, provider_message_id="")
            .first()
        )
    progress = PROVIDER_PROGRESS.get(status)
    if message is None or progress is None:
        # The sid is the provider's id, not personal data; nothing else is logged.
        logger.warning("Status callback not applied: sid %s, status %r", message_sid, status)
        return None
    if progress <= PROVIDER_PROGRESS.get(message.provider_status, 0):
        return message
    now = timezone.now()
    message.provider_status = status
    message.provider_message_id = message_sid or message.provider_message_id
    if progress >= PROVIDER_PROGRESS["delivered"]:
        message.status, message.delivered_at, message.last_error = Status.DELIVERED, now, ""
    elif progress == PROVIDER_PROGRESS["failed"]:
        message.status = Status.FAILED
        message.last_error = f"The text was not delivered (error {error_code or 'unknown'})."
    elif message.status in (Status.QUEUED, Status.SENDING, Status.FAILED):
        # The provider has it. A retry still waiting will find the row no longer queued and stop.
        message.status, message.sent_at, message.last_error = Status.SENT, message.sent_at or now, ""
    message.save()
    if message.status in (Status.SENT, Status.DELIVERED):
        # The provider has it, even if our worker never heard back: its link is now the newest sent.
        link_sent(message_key=message.idempotency_key)
    return message


@transaction.atomic
def receive_reply(*, message_sid: str, from_number: str, body: str) -> InboundMessage:
    """Understand a text reply once: STOP opts the number out of every later text, START opts back
    in, HELP is answered with the service's phone number, and yes/no/maybe/help/stop are signalled
    (``reply_received``) for the app whose message it answers.
    """
    existing = InboundMessage.objects.filter(message_sid=message_sid).first()
    if existing is not None:
        return existing
    phone = same_number(from_number)
    person = _who_sent(phone)
    meaning = understand(body, person.language if person else None)
    reply = InboundMessage(
        message_sid=message_sid,
        from_number=phone,
        recipient_ref=person.ref if person else "",
        case_ref=person.case_ref if person else "",
        body=body[:1600],
        meaning=meaning,
    )
    try:
        with transaction.atomic():
            reply.save()
    except IntegrityError:
        return InboundMessage.objects.get(message_sid=message_sid)
    if meaning == "stop":
        OptOut.objects.get_or_create(phone=phone, defaults={"message_sid": message_sid})
        _answer(reply, person, OPT_OUT_CONFIRMATION)
    elif meaning == "start":
        OptOut.objects.filter(phone=phone).delete()
    elif meaning == "help":
        _answer(reply, person, HELP_REPLY)
    if person is not None and meaning in SIGNALLED:
        reply_received.send(sender=InboundMessage, recipient=person, meaning=meaning, message_sid=message_sid)
    return reply


def _who_sent(phone: str) -> registry.Recipient | None:
    """The person a reply is from. A number shared by several people is read as an answer to the
    last text sent to it; if none of them had one, nobody is guessed.
    """
    people = registry.recipients_with_phone(phone)
    if len(people) == 1:
        return people[0]
    if not people:
        return None
    last = (
        OutboundMessage.objects.filter(address=phone, channel=registry.SMS, status__in=[Status.SENT, Status.DELIVERED])
        .order_by("-sent_at", "-id")
        .values_list("recipient_ref", flat=True)
        .first()
    )
    return next((person for person in people if person.ref == last), None)


def _answer(reply: InboundMessage, person: registry.Recipient | None, template: str) -> None:
    queue_message(
        recipient_ref=person.ref if person else phone_ref(reply.from_number),
        template=template,
        context={"service": settings.SERVICE_NAME, "phone": settings.SERVICE_CONTACT_PHONE},
        idempotency_key=f"messaging.reply:{reply.message_sid}",
        channel=registry.SMS,
    )
