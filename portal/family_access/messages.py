"""The sign-in code message, registered with messaging when the app is ready."""

from django.utils.translation import gettext_lazy as _

from portal.messaging import registry

CODE_TEMPLATE = registry.MessageTemplate(
    key="family_access.code",
    label=_("Sign-in code"),
    sms=_("%(code)s is your code for %(service)s. It works for 10 minutes. Do not share it."),
    discreet_sms=_("%(code)s is your code. It works for 10 minutes. Do not share it."),
    email_subject=_("Your code for %(service)s"),
    email_body=_("Your code is %(code)s\n\nIt works for 10 minutes. Do not share it with anyone.\n\n%(service)s"),
    sample_context={"code": "123456", "service": "Northshire Family Group Meetings"},
    asked_for_now=True,
)


def register() -> None:
    registry.register_template(CODE_TEMPLATE)
