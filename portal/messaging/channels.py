"""Hands one claimed message to its channel: the SMS backend, or Django's email framework."""

import smtplib
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage

from portal.messaging import registry
from portal.messaging.backends import PermanentFailure, TemporaryFailure, get_sms_backend
from portal.messaging.models import OutboundMessage
from portal.messaging.sealing import Unreadable, unseal


def words_to_send(message: OutboundMessage) -> str:
    """The words as the person gets them: the sealed ones (with the real code or link) when there are any."""
    if not message.sealed_body:
        return message.body
    try:
        return unseal(message.sealed_body)
    except Unreadable:
        raise PermanentFailure("The message's words could not be read after a key change. Send it again.") from None


def send_now(message: OutboundMessage) -> str:
    """The provider's id for the message; raises a SendError that says whether to retry."""
    if message.channel == registry.SMS:
        return get_sms_backend().send(to=message.address, body=words_to_send(message), reference=str(message.pk))
    if message.channel == registry.EMAIL:
        return _send_email(message)
    raise PermanentFailure(f"Unknown channel {message.channel!r}.")


def _send_email(message: OutboundMessage) -> str:
    message_id = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None)
    email = EmailMessage(
        subject=message.subject,
        body=words_to_send(message),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
        headers={"Message-ID": message_id},
    )
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused:
        raise PermanentFailure("The email address was refused.") from None
    except (smtplib.SMTPException, OSError):
        raise TemporaryFailure("The email server could not be reached.") from None
    return message_id
