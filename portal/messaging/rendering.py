"""A message template's words, in the recipient's language, with the context filled in."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from portal.messaging import registry

# The default service name (settings.DEFAULT_SERVICE_NAME) as a text message says it (``in_language``).
SMS_SERVICE_NAME = pgettext_lazy("text message", "Family group meetings")


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def sms_text(template: registry.MessageTemplate, *, discreet: bool):
    return template.discreet_sms if discreet else template.sms


def render(
    template: registry.MessageTemplate, *, channel: str, language: str, discreet: bool, context: dict
) -> Rendered:
    """Discreet wording names no service and no purpose, on every channel: only "a message" and a link.
    The service's own name is said in the recipient's language, unless the council named it themselves."""
    with translation.override(language):
        context = in_language(context, sms=channel == registry.SMS)
        try:
            if channel == registry.SMS:
                return Rendered(subject="", body=str(sms_text(template, discreet=discreet)) % context)
            if discreet:
                return Rendered(subject=_("A new message"), body=str(template.discreet_sms) % context)
            return Rendered(subject=str(template.email_subject) % context, body=str(template.email_body) % context)
        except KeyError as missing:
            raise TemplateError(f"Message {template.key!r} needs {missing} in its context.") from None


def in_language(context: dict, *, sms: bool) -> dict:
    """``context`` with the default service name translated into the active language. A text message
    has its own translation of it: in a language written with the GSM-7 alphabet, one letter outside
    it (Welsh ŵ, Portuguese õ) would send the whole text as UCS-2, at 70 characters a segment."""
    if context.get("service") != settings.DEFAULT_SERVICE_NAME:
        return context
    name = str(SMS_SERVICE_NAME) if sms else _(settings.DEFAULT_SERVICE_NAME)
    return {**context, "service": name}
