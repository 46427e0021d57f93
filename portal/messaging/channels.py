"""Hands one claimed message to its channel: the SMS backend, or Django's email framework."""

import smtplib
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage

from portal.messaging import registry
from portal.messaging.backends import PermanentFailure, TemporaryFailure, get_sms_backend
from portal.messaging.models import OutboundMessage


def send_now(message: OutboundMessage) -> str:
    """The provider's id for the message; raises a SendError that says whether to retry."""
    if message.channel == registry.SMS:
        return get_sms_backend().send(to=message.address, body=message.body, reference=str(message.pk))
    if message.channel == registry.EMAIL:
        return _send_email(message)
    raise PermanentFailure(f"Unknown channel {message.channel!r}.")


def _send_email(message: OutboundMessage) -> str:
    message_id = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None)
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
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
