"""SMS backends, swappable like Django's email backends: ``MESSAGING_SMS_BACKEND`` names the class.

- ``portal.messaging.backends.console.ConsoleBackend`` (default): prints each text.
- ``portal.messaging.backends.locmem.LocmemBackend`` (tests): keeps them in ``locmem.outbox``.
- ``portal.messaging.backends.twilio.TwilioBackend`` (production).

A backend's ``send`` returns the provider's id for the message, or raises one of the errors below
so that delivery knows whether to retry.
"""

from django.conf import settings
from django.utils.module_loading import import_string


class SendError(Exception):
    """The provider did not take the message. ``reason`` is shown to staff: no personal data."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class TemporaryFailure(SendError):
    """Worth trying again later: rate limited, provider down, network not reached."""


class PermanentFailure(SendError):
    """Trying again would give the same answer: invalid number, unsubscribed, not a mobile."""


class UncertainOutcome(SendError):
    """The request reached the provider but no answer came back: it may or may not have been sent.

    Retrying could send it twice, so delivery does not retry; the provider's status callback,
    which names our message, settles it if the text did go.
    """


class BaseSmsBackend:
    def send(self, *, to: str, body: str, reference: str) -> str:
        """Send ``body`` to ``to`` (E.164). ``reference`` is our id for it, unique per message."""
        raise NotImplementedError


def get_sms_backend() -> BaseSmsBackend:
    return import_string(settings.MESSAGING_SMS_BACKEND)()
