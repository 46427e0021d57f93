"""Personal links: the way a family member reaches the portal without a password."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.family_access.models import PersonalLink

LINK_LIFETIME = timedelta(days=60)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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


def live_link(token: str) -> PersonalLink | None:
    return (
        PersonalLink.objects.filter(
            token_hash=hash_token(token), revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by()
        .first()
    )
