"""Where SMS go: swappable by MESSAGING_SMS_BACKEND, like Django's email backends. Email uses Django's."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string


class TemporaryFailure(Exception):
    """Try again later: the provider was busy, down or slow."""


class PermanentFailure(Exception):
    """Do not try again: the number is invalid, unsubscribed, or cannot receive SMS."""


class ConsoleBackend:
    def send_sms(self, *, to: str, body: str, key: str) -> str:
        print(f"SMS to {to}: {body}")
        return f"console-{key}"


# Read by tests like django.core.mail.outbox.
outbox: list[dict] = []


class InMemoryBackend:
    def send_sms(self, *, to: str, body: str, key: str) -> str:
        outbox.append({"to": to, "body": body, "key": key})
        return f"mem-{len(outbox)}"


PERMANENT_TWILIO_CODES = {21211, 21212, 21408, 21610, 21612, 21614, 21617, 21635}


class TwilioBackend:
    def __init__(self):
        from twilio.rest import Client

        self.client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
        if settings.TWILIO_API_BASE_URL:
            self.client.api.base_url = settings.TWILIO_API_BASE_URL

    def send_sms(self, *, to: str, body: str, key: str) -> str:
        from requests.exceptions import RequestException
        from twilio.base.exceptions import TwilioException, TwilioRestException

        sender = (
            {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
            if settings.TWILIO_MESSAGING_SERVICE_SID
            else {"from_": settings.TWILIO_FROM_NUMBER}
        )
        callback = f"{settings.PUBLIC_BASE_URL}/messaging/twilio/status/"
        try:
            message = self.client.messages.create(to=to, body=body, status_callback=callback, **sender)
        except TwilioRestException as error:
            if error.code in PERMANENT_TWILIO_CODES or (400 <= error.status < 500 and error.status != 429):
                raise PermanentFailure(f"Twilio {error.status} code {error.code}") from None
            raise TemporaryFailure(f"Twilio {error.status} code {error.code}") from None
        except (RequestException, TwilioException) as error:
            raise TemporaryFailure(type(error).__name__) from None
        return message.sid


def sms_backend():
    return import_string(settings.MESSAGING_SMS_BACKEND)()


def send_email(*, to: str, subject: str, body: str) -> str:
    try:
        EmailMessage(subject=subject, body=body, to=[to]).send()
    except OSError as error:
        raise TemporaryFailure(type(error).__name__) from None
    return ""
