"""Personal links and one-time codes: how a family member reaches the portal without a password.

The rules:
- a link is a long random token, stored only as a hash, bound to one person and one case; it
  expires, and is revoked when the person is excluded or consent is withdrawn;
- a link alone shows nothing personal: a 6-digit code goes to the phone or email on record;
- a code lasts 10 minutes, works once, and allows 5 tries; a new code cannot be asked for more
  than once a minute or more than 5 times an hour.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.audit.services import record
from portal.family_access.models import PersonalLink, SignInCode
from portal.messaging.services import queue_message

LINK_LIFETIME = timedelta(days=60)
CODE_LIFETIME = timedelta(minutes=10)
CODE_TRIES = 5
RESEND_AFTER = timedelta(minutes=1)
CODES_PER_HOUR = 5
CODE_MESSAGE = "family_access.code"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hash_code(link: PersonalLink, code: str) -> str:
    # Keyed with the link, so the same code for two links hashes differently.
    return hmac.new(settings.SECRET_KEY.encode(), f"{link.pk}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def issue_link(*, subject_ref: str, case_ref: str) -> str:
    """A new link for ``subject_ref``; returns the full URL. The token itself is never stored."""
    token = secrets.token_urlsafe(32)
    PersonalLink.objects.create(
        token_hash=hash_token(token),
        subject_ref=subject_ref,
        case_ref=case_ref,
        expires_at=timezone.now() + LINK_LIFETIME,
    )
    return f"{settings.PUBLIC_BASE_URL}/f/{token}"


def revoke_links(*, subject_ref: str | None = None, case_ref: str | None = None) -> int:
    """Revoke live links for a person (excluded) or a whole case (consent withdrawn)."""
    links = PersonalLink.objects.filter(revoked_at__isnull=True)
    if subject_ref:
        links = links.filter(subject_ref=subject_ref)
    if case_ref:
        links = links.filter(case_ref=case_ref)
    if not (subject_ref or case_ref):
        raise ValueError("Say whose links to revoke.")
    return links.update(revoked_at=timezone.now())


def _live(links):
    return links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def live_link(token: str) -> PersonalLink | None:
    return _live(PersonalLink.objects.filter(token_hash=hash_token(token))).order_by().first()


def live_link_by_id(link_id: int) -> PersonalLink | None:
    return _live(PersonalLink.objects.filter(pk=link_id)).order_by().first()


class TooSoon(Exception):
    """A new code was asked for too soon after the last one."""


@transaction.atomic
def send_code(*, link: PersonalLink) -> SignInCode:
    """Send a fresh 6-digit code to the person's phone or email on record; earlier codes stop working.

    Raises TooSoon when a code was sent less than a minute ago, or 5 were sent in the last hour.
    """
    link = PersonalLink.objects.select_for_update().get(pk=link.pk)
    now = timezone.now()
    recent = list(link.codes.filter(created_at__gt=now - timedelta(hours=1)).values_list("created_at", flat=True))
    if len(recent) >= CODES_PER_HOUR or any(at > now - RESEND_AFTER for at in recent):
        raise TooSoon
    link.codes.filter(used_at__isnull=True).update(tries_left=0)
    code = f"{secrets.randbelow(10**6):06d}"
    sign_in_code = SignInCode.objects.create(
        link=link, code_hash=_hash_code(link, code), expires_at=now + CODE_LIFETIME, tries_left=CODE_TRIES
    )
    queue_message(
        recipient_ref=link.subject_ref,
        template=CODE_MESSAGE,
        context={"code": code, "service": settings.SERVICE_NAME},
        idempotency_key=f"{CODE_MESSAGE}:{sign_in_code.pk}",
    )
    record(action="family_access.code_sent", actor_label=link.subject_ref, target=link, detail={})
    return sign_in_code


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    tries_left: int = 0
    expired: bool = False

    @property
    def locked(self) -> bool:
        return not self.ok and not self.expired and self.tries_left == 0


@transaction.atomic
def check_code(*, link: PersonalLink, code: str) -> CodeCheck:
    """Is this the latest code sent for the link, unused, in time and within its tries? Each wrong try counts."""
    latest = SignInCode.objects.select_for_update().filter(link=link).order_by("-created_at", "-pk").first()
    now = timezone.now()
    if latest is None or latest.used_at is not None:
        return CodeCheck(ok=False, expired=True)
    if latest.tries_left == 0:
        return CodeCheck(ok=False, tries_left=0)
    if latest.expires_at <= now:
        return CodeCheck(ok=False, expired=True)
    code = "".join(ch for ch in code if ch.isdigit())
    if hmac.compare_digest(latest.code_hash, _hash_code(link, code)):
        latest.used_at = now
        latest.save(update_fields=["used_at"])
        record(action="family_access.signed_in", actor_label=link.subject_ref, target=link, detail={})
        return CodeCheck(ok=True)
    latest.tries_left -= 1
    latest.save(update_fields=["tries_left"])
    if latest.tries_left == 0:
        record(action="family_access.code_locked", actor_label=link.subject_ref, target=link, detail={})
    return CodeCheck(ok=False, tries_left=latest.tries_left)


def withdraw_link(url: str) -> None:
    """A link made for a message that was then refused goes dead at once: nobody holds it."""
    token = url.rstrip("/").rsplit("/", 1)[-1]
    PersonalLink.objects.filter(token_hash=hash_token(token), revoked_at__isnull=True).update(revoked_at=timezone.now())
