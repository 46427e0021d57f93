"""A message template's words, in the recipient's language, with the context filled in."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from portal.messaging import registry


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
    """Discreet wording names no service and no purpose, on every channel: only "a message" and a link."""
    with translation.override(language):
        try:
            if channel == registry.SMS:
                return Rendered(subject="", body=str(sms_text(template, discreet=discreet)) % context)
            if discreet:
                return Rendered(subject=_("A new message"), body=str(template.discreet_sms) % context)
            return Rendered(subject=str(template.email_subject) % context, body=str(template.email_body) % context)
        except KeyError as missing:
            raise TemplateError(f"Message {template.key!r} needs {missing} in its context.") from None
