"""Demo staff accounts, for a newcomer's first look and for the browser tests. Never for real use."""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt
from django.db import transaction

from portal.accounts import roles
from portal.accounts.models import User


@dataclass(frozen=True)
class DemoStaff:
    role: str
    email: str
    first_name: str
    last_name: str
    password: str
    totp_secret: str  # base32; anyone can read it in this file, which is why demo accounts are dev-only


DEMO_STAFF = [
    DemoStaff(
        roles.COORDINATOR,
        "coordinator@demo.invalid",
        "Chris",
        "Coordinator",
        "demo-coordinator-1",
        "JBSWY3DPEHPK3PXPJBSWY3DP",
    ),
    DemoStaff(
        roles.LEAD_PRACTITIONER,
        "practitioner@demo.invalid",
        "Lee",
        "Practitioner",
        "demo-practitioner-1",
        "KRSXG5CTMVRXEZLUKRSXG5CT",
    ),
    DemoStaff(
        roles.SERVICE_MANAGER, "manager@demo.invalid", "Morgan", "Manager", "demo-manager-1", "MFRGGZDFMZTWQ2LKMFRGGZDF"
    ),
    DemoStaff(
        roles.CONTENT_EDITOR, "editor@demo.invalid", "Eden", "Editor", "demo-editor-1", "NBSWY3DPO5XXE3DENBSWY3DP"
    ),
]


@transaction.atomic
def ensure_demo_staff() -> list[DemoStaff]:
    """Create or refresh the demo accounts; running it twice changes nothing."""
    for demo in DEMO_STAFF:
        user, _ = User.objects.get_or_create(
            email=demo.email, defaults={"first_name": demo.first_name, "last_name": demo.last_name}
        )
        user.set_password(demo.password)
        user.save()
        user.groups.set([roles.group_for(demo.role)])
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None or decrypt(totp.data["secret"]) != demo.totp_secret:
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
            TOTP.activate(user, demo.totp_secret)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
            RecoveryCodes.activate(user)
    return DEMO_STAFF


def seed(stdout=None) -> None:
    ensure_demo_staff()


def current_code(secret: str) -> str:
    """The authenticator-app code for ``secret`` right now, as a phone would show it."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
