"""What the audit log calls a member of staff: their name, or their email if they gave no name."""

from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.audit import registry


def staff_names(ids) -> dict[str, str]:
    users = User.objects.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()])
    return {str(user.pk): str(user) for user in users}


ACTIONS = {
    "account.sign_in_locked": _("Sign-in locked after failed attempts"),
    "account.sign_in_unlocked": _("Sign-in lock lifted"),
}


def register() -> None:
    registry.register_actions(ACTIONS)
    registry.register_describer("accounts.user", staff_names)
