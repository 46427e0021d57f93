"""Personal links and one-time codes: how a family member reaches the portal without a password.

The rules:
- a link is a long random token, stored only as a hash, bound to one person and one case; it
  expires, and is revoked when the person is excluded or consent is withdrawn;
- a link alone shows nothing personal: a 6-digit code goes to the phone or email on record;
- a code lasts 10 minutes, works once, and allows 5 tries; a new code cannot be asked for more
  than once a minute or more than 5 times an hour — per person, whichever of their links asks;
- a person has at most one live code: a new one, through any of their links, ends the others;
- a person's older links stop working when a message with a newer one is sent to them, unless
  the coordinator chose to keep them; a link whose message is still waiting to go is left alone;
- wrong codes are counted per person, per phone on record and per client address, across every
  link: 10 wrong codes in a day lock the person (and anyone sharing their phone) until a
  coordinator lifts it or the day has passed; 30 in an hour from one client address lock that address.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal.audit.services import record
from portal.family_access.models import PersonalLink, SignInCode, WrongCode
from portal.messaging import registry
from portal.messaging.models import OutboundMessage, Status
from portal.messaging.services import queue_message

LINK_LIFETIME = timedelta(days=60)
CODE_LIFETIME = timedelta(minutes=10)
CODE_TRIES = 5
RESEND_AFTER = timedelta(minutes=1)
CODES_PER_HOUR = 5
CODE_MESSAGE = "family_access.code"
WRONG_CODES_PER_PERSON = 10  # per day, across all their links and anyone sharing their phone
PERSON_WINDOW = timedelta(days=1)
WRONG_CODES_PER_ADDRESS = 30  # per hour, from one client address, whoever they try
ADDRESS_WINDOW = timedelta(hours=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hash_code(link: PersonalLink, code: str) -> str:
    # Keyed with the link, so the same code for two links hashes differently.
    return hmac.new(settings.SECRET_KEY.encode(), f"{link.pk}:{code}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def issue_link(*, subject_ref: str, case_ref: str, message_key: str = "", keep_older: bool = False) -> str:
    """A new link for ``subject_ref``; returns the full URL. The token itself is never stored.

    ``message_key`` names the outbox message that will carry it: when that message is sent,
    ``link_sent`` ends the person's older links, unless ``keep_older``."""
    token = secrets.token_urlsafe(32)
    PersonalLink.objects.create(
        token_hash=hash_token(token),
        subject_ref=subject_ref,
        case_ref=case_ref,
        expires_at=timezone.now() + LINK_LIFETIME,
        message_key=message_key,
        keeps_older=keep_older,
    )
    return f"{settings.PUBLIC_BASE_URL}/f/{token}"


@transaction.atomic
def links_sent(*, message_keys: list[str]) -> int:
    """Messages carrying links have gone: each person's links made before the newest one sent stop
    opening, unless the coordinator chose to keep them. Links on messages still waiting to go are
    left alone; a message made later (a reminder due before the meeting) ends this one in turn when
    it goes. A batch of sent texts costs the same few queries however many there are.
    Returns how many links were ended."""
    keys = [key for key in message_keys if key]
    sent = PersonalLink.objects.filter(message_key__in=keys, revoked_at__isnull=True, keeps_older=False) if keys else []
    newest: dict[str, PersonalLink] = {}
    for link in sent:
        if link.subject_ref not in newest or link.pk > newest[link.subject_ref].pk:
            newest[link.subject_ref] = link
    if not newest:
        return 0
    waiting = OutboundMessage.objects.filter(
        recipient_ref__in=list(newest), status__in=[Status.QUEUED, Status.SENDING]
    ).values_list("idempotency_key", flat=True)
    older = Q()
    for subject, link in newest.items():
        older |= Q(subject_ref=subject, pk__lt=link.pk)
    ending = list(
        _opens(PersonalLink.objects.filter(older))
        .exclude(message_key__in=list(waiting))
        .values_list("pk", "subject_ref")
    )
    if not ending:
        return 0
    PersonalLink.objects.filter(pk__in=[pk for pk, _subject in ending]).update(superseded_at=timezone.now())
    for subject, link in newest.items():
        ended = sum(1 for _pk, ref in ending if ref == subject)
        if ended:
            record(action="family_access.older_links_ended", actor_label="system", target=link, detail={"ended": ended})
    return len(ending)


def link_sent(*, message_key: str) -> int:
    """``links_sent`` for one message."""
    return links_sent(message_keys=[message_key])


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
    """Links not revoked and not expired: a session signed in with one goes on."""
    return links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def _opens(links):
    """Links that still open when followed: live, and no newer link has reached the person."""
    return _live(links).filter(superseded_at__isnull=True)


def live_link(token: str) -> PersonalLink | None:
    """The link a followed URL opens, if any."""
    return _opens(PersonalLink.objects.filter(token_hash=hash_token(token))).order_by().first()


def live_link_by_id(link_id: int) -> PersonalLink | None:
    """The link a session (or a sign-in under way) was begun with, while it may go on."""
    return _live(PersonalLink.objects.filter(pk=link_id)).order_by().first()


class TooSoon(Exception):
    """No new code now, and ``reason`` says for how long: ``MINUTE`` (one was sent less than a
    minute ago), ``HOUR`` (5 in the last hour) or ``LOCKED`` (wrong codes: a coordinator lifts it,
    or a day passes)."""

    MINUTE, HOUR, LOCKED = "minute", "hour", "locked"

    def __init__(self, reason: str = MINUTE):
        super().__init__(reason)
        self.reason = reason


def _phone_key(subject_ref: str) -> str:
    person = registry.recipient(subject_ref)
    return _key_of_phone(getattr(person, "phone", "") or "")


def _key_of_phone(phone: str) -> str:
    if not phone:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"phone:{phone}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class GuessAllowance:
    """How many more wrong codes may be typed for a person, from an address; 0 means locked."""

    person_left: int
    address_left: int

    @property
    def left(self) -> int:
        return max(min(self.person_left, self.address_left), 0)


def guess_allowance(*, subject_ref: str, client_address: str = "", now=None) -> GuessAllowance:
    now = now or timezone.now()
    counted = WrongCode.objects.filter(forgiven_at__isnull=True)
    phone_key = _phone_key(subject_ref)
    mine = Q(subject_ref=subject_ref) | (Q(phone_key=phone_key) if phone_key else Q(pk__in=[]))
    person = counted.filter(mine, at__gt=now - PERSON_WINDOW).count()
    address = (
        counted.filter(client_address=client_address, at__gt=now - ADDRESS_WINDOW).count() if client_address else 0
    )
    return GuessAllowance(WRONG_CODES_PER_PERSON - person, WRONG_CODES_PER_ADDRESS - address)


def guessing_locked(*, subject_ref: str) -> bool:
    """For the coordinator: is this person locked out of signing in by wrong codes?"""
    return guess_allowance(subject_ref=subject_ref).person_left <= 0


def guessing_locked_among(phones: dict[str, str]) -> set[str]:
    """For a list of people, ``{subject_ref: phone}`` (a network page): those locked by wrong codes,
    in one query whatever the list's length. Wrong codes typed for anyone sharing a person's phone
    count for them too, as ``guess_allowance`` counts them."""
    since = timezone.now() - PERSON_WINDOW
    counted = WrongCode.objects.filter(forgiven_at__isnull=True, at__gt=since)
    keys = {ref: _key_of_phone(phone) for ref, phone in phones.items()}
    rows = counted.filter(Q(subject_ref__in=list(keys)) | Q(phone_key__in=[k for k in keys.values() if k]))
    seen = list(rows.values_list("pk", "subject_ref", "phone_key"))
    locked = set()
    for ref, key in keys.items():
        mine = {pk for pk, subject, phone in seen if subject == ref or (key and phone == key)}
        if len(mine) >= WRONG_CODES_PER_PERSON:
            locked.add(ref)
    return locked


@transaction.atomic
def lift_guessing_lock(*, subject_ref: str, actor) -> int:
    """A coordinator lets the person (and anyone sharing their phone) try again."""
    phone_key = _phone_key(subject_ref)
    mine = Q(subject_ref=subject_ref) | (Q(phone_key=phone_key) if phone_key else Q(pk__in=[]))
    lifted = WrongCode.objects.filter(mine, forgiven_at__isnull=True).update(forgiven_at=timezone.now())
    record(actor=actor, action="family_access.guessing_lock_lifted", object_type="family_access.person",
           object_id=subject_ref, detail={"wrong_codes": lifted})  # fmt: skip
    return lifted


@transaction.atomic
def send_code(*, link: PersonalLink) -> SignInCode:
    """Send a fresh 6-digit code to the person's phone or email on record; every earlier code of
    theirs, through any link, stops working.

    Raises TooSoon when a code was sent to the person less than a minute ago, 5 were sent to them in
    the last hour, or wrong codes have locked them.
    """
    link = PersonalLink.objects.select_for_update().get(pk=link.pk)
    # Every link of the person takes turns here, so two links cannot both send at once.
    list(PersonalLink.objects.select_for_update().filter(subject_ref=link.subject_ref).values_list("pk", flat=True))
    now = timezone.now()
    theirs = SignInCode.objects.filter(link__subject_ref=link.subject_ref)
    recent = list(theirs.filter(created_at__gt=now - timedelta(hours=1)).values_list("created_at", flat=True))
    if guess_allowance(subject_ref=link.subject_ref, now=now).person_left <= 0:
        raise TooSoon(TooSoon.LOCKED)
    if len(recent) >= CODES_PER_HOUR:
        raise TooSoon(TooSoon.HOUR)
    if any(at > now - RESEND_AFTER for at in recent):
        raise TooSoon(TooSoon.MINUTE)
    theirs.filter(used_at__isnull=True).update(tries_left=0)
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
    # Why no more tries, when it is more than this code's own 5: "person" (a coordinator lifts it,
    # or a day passes) or "address" (an hour passes).
    locked_for: str = ""

    @property
    def locked(self) -> bool:
        return not self.ok and not self.expired and self.tries_left == 0


@transaction.atomic
def check_code(*, link: PersonalLink, code: str, client_address: str = "") -> CodeCheck:
    """Is this the person's latest code, sent through this link, unused, in time and within its
    tries and the person's and the address's allowance? Each wrong try counts against all three."""
    # The person's latest code, whichever link asked for it: only one is ever live.
    latest = (
        SignInCode.objects.select_for_update()
        .filter(link__subject_ref=link.subject_ref)
        .order_by("-created_at", "-pk")
        .first()
    )
    now = timezone.now()
    allowance = guess_allowance(subject_ref=link.subject_ref, client_address=client_address, now=now)
    if allowance.left == 0:
        return CodeCheck(ok=False, tries_left=0, locked_for=_locked_for(allowance))
    if latest is None or latest.link_id != link.pk or latest.used_at is not None:
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
    WrongCode.objects.create(
        subject_ref=link.subject_ref,
        phone_key=_phone_key(link.subject_ref),
        client_address=client_address[:45],
        at=now,
    )
    tries_left = min(latest.tries_left, allowance.left - 1)
    after = GuessAllowance(allowance.person_left - 1, allowance.address_left - 1)
    if tries_left == 0:
        record(
            action="family_access.code_locked",
            actor_label=link.subject_ref,
            target=link,
            detail={"person_left": allowance.person_left - 1, "address_left": allowance.address_left - 1},
        )
    return CodeCheck(ok=False, tries_left=tries_left, locked_for=_locked_for(after) if tries_left == 0 else "")


def _locked_for(allowance: GuessAllowance) -> str:
    if allowance.person_left <= 0:
        return "person"
    return "address" if allowance.address_left <= 0 else ""


def withdraw_link(url: str) -> None:
    """A link made for a message that was then refused goes dead at once: nobody holds it."""
    token = url.rstrip("/").rsplit("/", 1)[-1]
    PersonalLink.objects.filter(token_hash=hash_token(token), revoked_at__isnull=True).update(revoked_at=timezone.now())
