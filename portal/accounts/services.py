"""Staff sign-in locks: too many wrong passwords lock one account for a while, never everyone.

The rule: 5 wrong passwords for an email address within 15 minutes lock that address for 15
minutes; a right password before then clears the count; a service manager can lift a lock.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import SignInLock
from portal.audit.services import record

FAILURES_BEFORE_LOCK = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_FOR = timedelta(minutes=15)


def _normal(email: str) -> str:
    return (email or "").strip().lower()[:254]


def is_locked(*, email: str, now=None) -> bool:
    now = now or timezone.now()
    return SignInLock.objects.filter(email=_normal(email), locked_until__gt=now).exists()


@transaction.atomic
def record_failure(*, email: str, client_address: str = "") -> SignInLock:
    """Count a wrong password for ``email``; the fifth within the window locks it."""
    now = timezone.now()
    lock, _created = SignInLock.objects.select_for_update().get_or_create(email=_normal(email))
    if lock.first_failure_at is None or lock.first_failure_at <= now - FAILURE_WINDOW:
        lock.failures = 0
        lock.first_failure_at = now
    lock.failures += 1
    lock.last_client_address = client_address[:45]
    if lock.failures >= FAILURES_BEFORE_LOCK and not (lock.locked_until and lock.locked_until > now):
        lock.locked_until = now + LOCK_FOR
        record(action="account.sign_in_locked", target=lock, detail={"failures": lock.failures})
    lock.save()
    return lock


def record_success(*, email: str) -> None:
    """A right password clears the count (a current lock is checked before the password is)."""
    SignInLock.objects.filter(email=_normal(email)).exclude(locked_until__gt=timezone.now()).delete()


def current_locks(*, now=None) -> list[SignInLock]:
    return list(SignInLock.objects.filter(locked_until__gt=now or timezone.now()))


@transaction.atomic
def unlock(*, lock_id: int, actor) -> SignInLock | None:
    """A service manager lifts a lock; the count starts again from nothing."""
    lock = SignInLock.objects.select_for_update().filter(pk=lock_id).first()
    if lock is None:
        return None
    record(actor=actor, action="account.sign_in_unlocked", target=lock, detail={"failures": lock.failures})
    lock.delete()
    return lock
