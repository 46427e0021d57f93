"""Production SMS through Twilio's Messages API, on the official client.

Configured by ``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN`` and either ``TWILIO_MESSAGING_SERVICE_SID``
(preferred: Twilio picks the sender and handles opt-out keywords) or ``TWILIO_FROM_NUMBER``.
Twilio's answer is sorted into temporary, permanent or uncertain so delivery knows whether to retry.
"""

import logging
from datetime import timedelta

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from portal.messaging.backends import BaseSmsBackend, PermanentFailure, TemporaryFailure, UncertainOutcome

logger = logging.getLogger(__name__)

# Our own words for Twilio's refusals: Twilio's text can quote the phone number, which must not
# reach logs or the staff screen as an "error".
PERMANENT_ERRORS = {
    21211: "The phone number is not valid.",
    21214: "The phone number cannot be reached.",
    21408: "Texts to this country are not switched on for the service.",
    21610: "This number has texted STOP, so the text service will not send to it.",
    21612: "The text service cannot send to this number.",
    21614: "This number is not a mobile and cannot get texts.",
}
# 401: credentials being rotated or mistyped is fixed by an operator, after which the retry works.
TEMPORARY_STATUSES = {401, 429, 500, 502, 503, 504}


class TwilioBackend(BaseSmsBackend):
    def __init__(self):
        if not (settings.TWILIO_ACCOUNT_SID and settings.TWILIO_AUTH_TOKEN):
            raise ImproperlyConfigured("Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to send texts with Twilio.")
        if not (settings.TWILIO_MESSAGING_SERVICE_SID or settings.TWILIO_FROM_NUMBER):
            raise ImproperlyConfigured("Set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER to send texts.")
        self.client = Client(
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            http_client=TwilioHttpClient(timeout=settings.TWILIO_TIMEOUT_SECONDS),
        )
        # Only tests and staging change this, to point the real client at a stand-in for Twilio.
        self.client.api.base_url = settings.TWILIO_API_BASE_URL

    def send(self, *, to: str, body: str, reference: str) -> str:
        sender = (
            {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
            if settings.TWILIO_MESSAGING_SERVICE_SID
            else {"from_": settings.TWILIO_FROM_NUMBER}
        )
        # The callback names our message, so a text whose answer was lost is still matched.
        callback = f"{settings.PUBLIC_BASE_URL}{reverse('messaging:twilio_status')}?ref={reference}"
        try:
            message = self.client.messages.create(to=to, body=body, status_callback=callback, **sender)
        except TwilioRestException as error:
            raise _sorted(error) from None
        except requests.exceptions.ReadTimeout:
            raise UncertainOutcome(_UNCERTAIN) from None
        except requests.exceptions.RequestException:
            # Connection refused or ConnectTimeout: the request never reached Twilio, so retrying is safe.
            raise TemporaryFailure("The text service could not be reached.") from None
        return message.sid

    def lookup(self, *, to: str, body: str, since) -> str | None:
        """Did Twilio take a text with these words for this number since ``since``? Its sid, or None.

        Asked by the outbox sweep about a send whose answer never came (a worker stopped, a timeout),
        so that it is marked sent, or tried again, and never sent twice. Twilio filters by day, so
        the time and the words are matched here.
        """
        try:
            found = self.client.messages.list(to=to, date_sent_after=since - timedelta(days=1), limit=100)
        except TwilioRestException as error:
            raise _sorted(error) from None
        except requests.exceptions.RequestException:
            raise TemporaryFailure("The text service could not be reached to check a message.") from None
        earliest = since - timedelta(minutes=5)  # the two clocks may differ a little
        for message in found:
            created = message.date_created
            if message.body == body and (created is None or created >= earliest):
                return message.sid
        return None


_UNCERTAIN = (
    "The text service did not answer in time. The text may or may not have gone: "
    "check with the person before sending it again."
)


def _sorted(error: TwilioRestException):
    logger.warning("Twilio refused message: status %s, code %s", error.status, error.code)
    if error.status in TEMPORARY_STATUSES:
        if error.status == 429:
            return TemporaryFailure("The text service asked us to slow down.")
        return TemporaryFailure(f"The text service had a problem (HTTP {error.status}).")
    reason = PERMANENT_ERRORS.get(error.code) or f"The text service refused the message (error {error.code})."
    return PermanentFailure(reason)
