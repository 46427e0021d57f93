"""What the audit log calls a member of staff: their name, or their email if they gave no name."""

from portal.accounts.models import User
from portal.audit import registry


def staff_names(ids) -> dict[str, str]:
    users = User.objects.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()])
    return {str(user.pk): str(user) for user in users}


def register() -> None:
    registry.register_describer("accounts.user", staff_names)
