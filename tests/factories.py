"""Staff for the tests: a role, a password the sign-in forms accept and, unless told otherwise, MFA.

The case world (cases, networks, consent, exclusions, meetings, plans, support) is built with
``fgdm.factories`` and ``network_support.factories``, which the demo family uses too.
"""

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from portal.accounts import roles
from portal.accounts.factories import StaffFactory as AccountFactory
from portal.accounts.models import User

PASSWORD = "correct-horse-battery"


class StaffFactory(AccountFactory):
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


def make_staff(role: str | None = roles.COORDINATOR, *, mfa: bool = True, **fields) -> User:
    user = StaffFactory(role=role, **fields)
    if mfa:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
    return user
