"""Handing queued messages to the provider, and the sweep that makes sure none is ever left behind.

The outbox row is the only truth. The queue broker (Redis, or the database) only wakes a worker
early; a job that is lost — a worker killed, Redis flushed or restarted, a "database is locked" —
loses nothing, because the sweep (every minute, a django-q2 schedule kept in the database) finds:

1. rows ``queued`` and due, that no job has touched for ``MESSAGING_SWEEP_GRACE_SECONDS``: it
   sends them itself, through the same claim, so a late job and the sweep can never both send;
2. rows still ``sending`` after ``MESSAGING_STUCK_AFTER_SECONDS`` (a worker stopped between the
   claim and the provider's answer, or the provider did not answer in time). The outcome is
   unknown, and sending again could text a person twice, so:
   - where the provider can be asked (Twilio: the messages sent to that number), the answer
     settles it: found means ``sent``; not found means it never left, and it is tried again;
   - otherwise it becomes ``failed`` with the reason "we do not know if it arrived: check with
     the person before sending it again", and staff see "Send again".

A send is tried at most ``MESSAGING_MAX_ATTEMPTS`` times, 1, 2, 4, 8… minutes apart (temporary
faults only: rate limits, a provider down); then the row is ``failed`` with its reason.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.messaging import registry
from portal.messaging.backends import (
    SendError,
    TemporaryFailure,
    UncertainOutcome,
    get_sms_backend,
)
from portal.messaging.channels import send_now, words_to_send
from portal.messaging.models import OutboundMessage, Status
from portal.messaging.safe_contact import Refused, choose_channel, first_refusals, hold_for_quiet_hours, opted_out

logger = logging.getLogger(__name__)

RETRY_FIRST = timedelta(minutes=1)
RETRY_LONGEST = timedelta(hours=1)
# A django-q2 job is stopped after 60 s; the sweep stops taking new rows well before that.
SWEEP_SECONDS = 40


# A send task takes at most settings.MESSAGING_SEND_BATCH rows (10), so the two workers share a
# long run between them, and stops taking new ones after BATCH_SECONDS (a django-q2 job is stopped
# after 60 s); the rows it leaves are handed to a new job.
BATCH_SECONDS = 30


def batch_size() -> int:
    return max(1, int(settings.MESSAGING_SEND_BATCH))


def deliver(message_id: int) -> None:
    """Send one queued message, at most once, after asking the guards again."""
    deliver_many([message_id])


def deliver_many(message_ids, *, seconds: float = BATCH_SECONDS) -> list[int]:
    """Send these queued messages, each at most once, after asking the guards again; the ids left.

    The guards, the recipients' details and their STOPs are read for the whole batch at once
    (a fixed number of queries however many rows). Then each row in turn is claimed — marked
    ``sending`` by an update that only a ``queued``, due row passes, so a second run of the job, or
    the sweep, finds it taken — and handed to the provider, and its outcome written. Rows not
    reached within ``seconds`` are returned untouched, still ``queued``.
    """
    started = time.monotonic()
    messages = list(OutboundMessage.objects.filter(pk__in=list(message_ids), status=Status.QUEUED).order_by("pk"))
    if not messages:
        return []
    checks = _ask(messages)
    left, sent = [], []
    for message in messages:
        if time.monotonic() - started > seconds:
            left.append(message.pk)
            continue
        if not _claim_checked(message, checks):
            continue
        try:
            provider_id = send_now(message)
        except UncertainOutcome as error:
            _record_uncertain(message.pk, error)
        except SendError as error:
            _record_failure(message.pk, error)
        else:
            _record_sent(message.pk, provider_id)
            sent.append(message.idempotency_key)
    _links_sent(sent)
    return left


@dataclass(frozen=True)
class _Checks:
    """What the guards say about a batch of rows, read at once just before they are sent."""

    people: dict[str, registry.Recipient | None]  # by recipient ref
    stopped: set[str]  # the batch's numbers that texted STOP
    refusals: dict[int, str | None]  # by message id: the first guard's reason, or None


def _ask(messages: list[OutboundMessage]) -> _Checks:
    people = registry.recipients({m.recipient_ref for m in messages})
    stopped = opted_out(person.phone for person in people.values() if person is not None)
    asked = [m for m in messages if people[m.recipient_ref] is not None]
    reasons = first_refusals([(people[m.recipient_ref], m.template, m.about) for m in asked])
    return _Checks(
        people=people, stopped=stopped, refusals={m.pk: reason for m, reason in zip(asked, reasons, strict=True)}
    )


def _claim(message_id: int) -> OutboundMessage | None:
    """Claim one queued row for sending (after the guards): the row, now ``sending``, or None."""
    message = OutboundMessage.objects.filter(pk=message_id, status=Status.QUEUED).first()
    if message is None or not _claim_checked(message, _ask([message])):
        return None
    return message


def _claim_checked(message: OutboundMessage, checks: _Checks) -> bool:
    """Block, hold or claim one row by what ``checks`` found; True if this worker is now sending it.

    Each write is one conditional update on a row still ``queued``: if another worker, the sweep or
    a cancellation got there first, it changes nothing and this worker leaves the row alone.
    """
    now = timezone.now()
    if message.send_after and message.send_after > now:
        return False
    still_queued = OutboundMessage.objects.filter(pk=message.pk, status=Status.QUEUED)
    person = checks.people.get(message.recipient_ref)
    try:
        if person is None:
            raise Refused(_("This person is no longer on record."))
        # Fresh details: a number changed since queueing is the one used, a channel withdrawn is not.
        _channel, message.address = choose_channel(
            person, requested=message.channel, template_key=message.template, stopped=checks.stopped
        )
        reason = checks.refusals.get(message.pk)
        if reason:
            raise Refused(reason)
    except Refused as refusal:
        still_queued.update(
            status=Status.BLOCKED,
            blocked_reason=refusal.reason,
            sealed_body="",
            address=message.address,
            updated_at=now,
        )
        return False
    if hold_for_quiet_hours(message, person):  # the sweep sends it when the quiet hours end
        still_queued.update(send_after=message.send_after, held_reason=message.held_reason, updated_at=now)
        return False
    claimed = still_queued.filter(Q(send_after__isnull=True) | Q(send_after__lte=now)).update(
        status=Status.SENDING,
        attempts=F("attempts") + 1,
        first_attempt_at=Coalesce("first_attempt_at", Value(now)),
        address=message.address,
        updated_at=now,
    )
    if not claimed:
        return False
    message.status, message.attempts = Status.SENDING, message.attempts + 1
    message.first_attempt_at = message.first_attempt_at or now
    return True


def _links_sent(message_keys: list[str]) -> None:
    """The people's older personal links stop opening now that these messages' links have gone."""
    from portal.family_access.services import links_sent  # family_access queues its codes through us

    if message_keys:
        links_sent(message_keys=message_keys)


def _record_sent(message_id: int, provider_id: str) -> None:
    """One update: sent (unless a status callback already said more), the provider's id, the secret wiped."""
    now = timezone.now()
    sending, first_id = Q(status=Status.SENDING), Q(provider_message_id="")
    OutboundMessage.objects.filter(pk=message_id).update(
        provider_message_id=Case(When(first_id, then=Value(provider_id)), default=F("provider_message_id")),
        # A status callback may have overtaken us and already said "delivered"; never step back.
        status=Case(When(sending, then=Value(Status.SENT)), default=F("status")),
        sent_at=Case(When(sending, then=Value(now)), default=F("sent_at")),
        last_error=Case(When(sending, then=Value("")), default=F("last_error")),
        sealed_body="",  # the secret has reached the person; nothing here needs it again
        updated_at=now,
    )


@transaction.atomic
def _record_uncertain(message_id: int, error: SendError) -> None:
    """The provider may or may not have it: stay ``sending``; the status callback or the sweep settles it."""
    message = OutboundMessage.objects.select_for_update().get(pk=message_id)
    if message.status == Status.SENDING:
        message.last_error = error.reason[:500]
        message.save()


@transaction.atomic
def _record_failure(message_id: int, error: SendError) -> None:
    message = OutboundMessage.objects.select_for_update().get(pk=message_id)
    if message.status != Status.SENDING:
        return
    message.last_error = error.reason[:500]
    if isinstance(error, TemporaryFailure) and not _retry_later(message):
        message.last_error = _("%(reason)s Gave up after %(attempts)d tries.") % {
            "reason": error.reason,
            "attempts": message.attempts,
        }
    if message.status == Status.SENDING:
        message.status = Status.FAILED
    message.save()


def _retry_later(message: OutboundMessage) -> bool:
    """Queue the row again after a back-off, unless its tries or its time are used up."""
    now = timezone.now()
    retry_for = timedelta(seconds=settings.MESSAGING_RETRY_FOR_SECONDS)
    if message.attempts >= settings.MESSAGING_MAX_ATTEMPTS or now - message.first_attempt_at >= retry_for:
        return False
    message.status = Status.QUEUED
    message.send_after = now + min(RETRY_FIRST * 2 ** (message.attempts - 1), RETRY_LONGEST)
    message.held_reason = _("Trying again after a problem with the text service.")
    return True


@dataclass(frozen=True)
class Sweep:
    sent: int  # queued rows the sweep handed over itself (sent, blocked or failed by the usual rules)
    settled: int  # rows stuck in "sending" that now have an outcome
    left: int  # due rows left for the next sweep (it ran out of time, or the database was busy)


def sweep_outbox(*, now: datetime | None = None) -> Sweep:
    """Send every due row no job has picked up, and settle every row stuck in ``sending`` (see the module)."""
    now = now or timezone.now()
    started = time.monotonic()
    grace = now - timedelta(seconds=settings.MESSAGING_SWEEP_GRACE_SECONDS)
    due = list(
        OutboundMessage.objects.filter(status=Status.QUEUED, updated_at__lt=grace)
        .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    handled = 0
    size = batch_size()
    for first in range(0, len(due), size):
        seconds = SWEEP_SECONDS - (time.monotonic() - started)
        if seconds <= 0:
            break
        batch = due[first : first + size]
        try:
            left = deliver_many(batch, seconds=seconds)
        except DatabaseError:
            logger.warning("Outbox sweep: messages %s left for the next sweep (database busy)", batch)
            continue
        handled += len(batch) - len(left)
    settled = 0
    stuck_before = now - timedelta(seconds=settings.MESSAGING_STUCK_AFTER_SECONDS)
    for pk in OutboundMessage.objects.filter(status=Status.SENDING, updated_at__lt=stuck_before).values_list(
        "pk", flat=True
    ):
        if time.monotonic() - started > SWEEP_SECONDS:
            break
        settled += settle_unknown(pk)
    if handled or settled:
        logger.info("Outbox sweep: %s sent, %s settled", handled, settled)
    return Sweep(sent=handled, settled=settled, left=len(due) - handled)


UNKNOWN = gettext_lazy(
    "The send stopped part way, so we do not know if it arrived. Check with the person before sending it again."
)


def settle_unknown(message_id: int) -> int:
    """Give a row stuck in ``sending`` an outcome without ever sending it twice; 1 if it now has one."""
    message = OutboundMessage.objects.filter(pk=message_id, status=Status.SENDING).first()
    if message is None:
        return 0
    found = None
    if message.channel == registry.SMS and hasattr(get_sms_backend(), "lookup"):
        try:
            found = get_sms_backend().lookup(
                to=message.address, body=words_to_send(message), since=message.first_attempt_at
            )
        except SendError as error:
            logger.warning("Outbox sweep: message %s could not be checked with the provider: %s", message.pk, error)
            return 0  # asked again at the next sweep
        if found is None:
            return _settle(message_id, never_left=True)
        return _settle(message_id, provider_id=found)
    return _settle(message_id)


@transaction.atomic
def _settle(message_id: int, *, provider_id: str = "", never_left: bool = False) -> int:
    message = OutboundMessage.objects.select_for_update().filter(pk=message_id, status=Status.SENDING).first()
    if message is None:
        return 0
    if provider_id:
        message.provider_message_id = message.provider_message_id or provider_id
        message.status, message.sent_at, message.last_error, message.sealed_body = (
            Status.SENT,
            timezone.now(),
            "",
            "",
        )
        _links_sent([message.idempotency_key])
    elif never_left and _retry_later(message):
        message.last_error = _("The text service has no record of it, so it will be sent again.")
    elif never_left:
        message.status = Status.FAILED
        message.last_error = _("The text service has no record of it. Gave up after %(attempts)d tries.") % {
            "attempts": message.attempts
        }
    else:
        message.status, message.last_error = Status.FAILED, str(UNKNOWN)
    message.save()
    return 1
