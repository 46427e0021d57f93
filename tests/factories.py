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


def totp_code(secret, *, margin: float = 5.0) -> str:
    """The authenticator's code for now, as the person's app shows it. Taken only when at least
    ``margin`` seconds of its period are left, so the code is still current when the server checks
    it: a code read at the very end of its period failed now and then on a busy machine."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < margin:
        time.sleep(left + 0.1)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
