"""The message that tells the family a decision was made. Recipients and guards come from fgdm."""

from django.utils.translation import gettext_lazy as _

from fgdm.messaging import SAMPLE
from portal.messaging import registry

DECIDED = "network_support.decided"

TEMPLATES = [
    registry.MessageTemplate(
        key=DECIDED,
        label=_("Support decision"),
        # Who it is from and a link, nothing more: the phone may be read by someone else.
        sms=_("%(service)s, %(council)s: we have answered your family's request for help. See it here: %(link)s"),
        discreet_sms=_("You have a new message. Open: %(link)s"),
        email_subject=_("We have answered your request for help"),
        email_body=_(
            "Hello %(name)s,\n\nWe have decided about the help you asked for.\n\n"
            "To see what we decided and why, open this link. We will send you a code to check it is you:\n"
            "%(link)s\n\nIf you have questions, call %(phone)s.\n\n%(service)s"
        ),
        sample_context=SAMPLE,
    ),
]


def register() -> None:
    for template in TEMPLATES:
        registry.register_template(template)
