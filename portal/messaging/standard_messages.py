"""Messaging's own texts (the reply to HELP, the opt-out confirmation) and its own recipients.

Someone who texts us from a number we do not know is answered as ``messaging.phone:<number>``:
by text only, in discreet wording, since we know nothing of who may read that phone.
"""

from django.utils.translation import gettext_lazy as _

from portal.messaging import registry
from portal.messaging.safe_contact import OPT_OUT_CONFIRMATION

PHONE_PREFIX = "messaging.phone"
HELP_REPLY = "messaging.help"
SAMPLE = {"service": "Northshire Family Group Meetings", "phone": "0300 123 4567"}

TEMPLATES = [
    registry.MessageTemplate(
        key=HELP_REPLY,
        label=_("Answer to HELP"),
        sms=_("%(service)s: for help, call %(phone)s. To stop these texts, reply STOP."),
        discreet_sms=_("For help, call %(phone)s. To stop these texts, reply STOP."),
        email_subject=_("Help from %(service)s"),
        email_body=_("For help, call %(phone)s.\n\n%(service)s"),
        sample_context=SAMPLE,
    ),
    registry.MessageTemplate(
        key=OPT_OUT_CONFIRMATION,
        label=_("STOP confirmed"),
        sms=_("%(service)s: you will not get more texts from us. To get them again, reply START."),
        discreet_sms=_("You will not get more texts from this number. To get them again, reply START."),
        email_subject=_("You will not get more texts from %(service)s"),
        email_body=_("You will not get more texts from us. To get them again, reply START.\n\n%(service)s"),
        sample_context=SAMPLE,
    ),
]


def phone_ref(phone: str) -> str:
    return f"{PHONE_PREFIX}:{phone}"


class PhoneRecipients:
    """A bare phone number as a recipient, for answering texts from numbers not on record."""

    def get(self, ref: str) -> registry.Recipient | None:
        prefix, _sep, phone = ref.partition(":")
        if prefix != PHONE_PREFIX or not phone.startswith("+"):
            return None
        return registry.Recipient(
            ref=ref, name="", phone=phone, safe_contact=registry.SafeContact(channels=(registry.SMS,), discreet=True)
        )

    def find_by_phone(self, phone: str) -> list[registry.Recipient]:
        return []  # a bare number is never "the person" a reply came from


def register() -> None:
    registry.register_recipient_source(PHONE_PREFIX, PhoneRecipients())
    for template in TEMPLATES:
        registry.register_template(template)
