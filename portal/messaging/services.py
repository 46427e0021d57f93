"""The one outbox. Every message is queued here, checked against the guards, and sent once."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from portal.audit.services import record
from portal.messaging import registry
from portal.messaging.backends import PermanentFailure, TemporaryFailure, send_email, sms_backend
from portal.messaging.models import OptOut, OutboundMessage, Status

RETRY_FOR = timedelta(hours=4, minutes=30)
PENDING = (Status.QUEUED,)


def _choose_channel(recipient: registry.Recipient, channel: str | None) -> str | None:
    has = {registry.SMS: bool(recipient.phone), registry.EMAIL: bool(recipient.email)}
    if channel:
        return channel if channel in recipient.safe_contact.channels and has[channel] else None
    return next((c for c in recipient.safe_contact.channels if has.get(c)), None)


def _refusal(recipient: registry.Recipient, template: str, about: dict, channel: str | None) -> str:
    """Why this message must not go, or "" — messaging's own rules first, then every registered guard."""
    if channel is None:
        return "No safe way to contact this person."
    if channel == registry.SMS and OptOut.objects.filter(phone=recipient.phone).exists():
        return "This number replied STOP."
    for guard in registry.guards():
        reason = guard(recipient, template, about)
        if reason:
            return reason
    return ""


def _render(recipient: registry.Recipient, template_key: str, context: dict, channel: str) -> tuple[str, str]:
    words = registry.template(template_key)
    with translation.override(recipient.language):
        if channel == registry.SMS:
            text = words.discreet_sms if recipient.safe_contact.discreet and words.discreet_sms else words.sms
            return "", str(text) % context
        return str(words.email_subject) % context, str(words.email_body) % context


def quiet_until(recipient: registry.Recipient, now: datetime) -> datetime | None:
    """If ``now`` falls in the person's quiet hours, when they end (quiet hours may wrap past midnight)."""
    start, end = recipient.safe_contact.quiet_start, recipient.safe_contact.quiet_end
    if not (start and end):
        return None
    local = timezone.localtime(now)
    t = local.time()
    quiet = (start <= t < end) if start < end else (t >= start or t < end)
    if not quiet:
        return None
    until = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    return until if until > local else until + timedelta(days=1)


@transaction.atomic
def queue_message(
    *,
    recipient_ref: str,
    template: str,
    context: dict,
    idempotency_key: str,
    topic: str = "",
    about: dict | None = None,
    channel: str | None = None,
    send_after: datetime | None = None,
    actor=None,
) -> OutboundMessage:
    """Queue one message, once. A message the guards refuse is kept as "blocked" with the reason."""
    existing = OutboundMessage.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return existing
    about = about or {}
    recipient = registry.recipient(recipient_ref)
    if recipient is None:
        raise ValueError(f"Unknown recipient {recipient_ref}")
    chosen = _choose_channel(recipient, channel)
    reason = _refusal(recipient, template, about, chosen)
    subject, body = _render(recipient, template, context, chosen) if chosen else ("", "")
    now = timezone.now()
    held = quiet_until(recipient, max(send_after or now, now))
    message = OutboundMessage(
        recipient_ref=recipient.ref,
        recipient_name=recipient.name,
        address=(recipient.phone if chosen == registry.SMS else recipient.email) if chosen else "",
        channel=chosen or "",
        template=template,
        language=recipient.language,
        subject=subject,
        body=body,
        status=Status.BLOCKED if reason else Status.QUEUED,
        blocked_reason=reason,
        idempotency_key=idempotency_key,
        case_ref=recipient.case_ref,
        topic=topic,
        about=about,
        send_after=held or send_after,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # a concurrent call with the same key won
        return OutboundMessage.objects.get(idempotency_key=idempotency_key)
    record(
        actor=actor,
        action="message.blocked" if reason else "message.queued",
        target=message,
        detail={"template": template, "channel": chosen or ""},
    )
    if not reason:
        _enqueue(message)
    return message


def _enqueue(message: OutboundMessage) -> None:
    from django_q.models import Schedule
    from django_q.tasks import async_task, schedule

    if message.send_after and message.send_after > timezone.now():
        transaction.on_commit(
            lambda: schedule(
                "portal.messaging.tasks.send_message",
                message.pk,
                schedule_type=Schedule.ONCE,
                next_run=message.send_after,
                name=f"message-{message.pk}-{message.attempts}",
            )
        )
    else:
        transaction.on_commit(lambda: async_task("portal.messaging.tasks.send_message", message.pk))


def cancel_pending(
    *, reason: str, recipient_ref: str | None = None, topic: str | None = None, case_ref: str | None = None
) -> int:
    """Cancel messages not yet sent, for a person, a topic (a meeting) or a whole case."""
    if not (recipient_ref or topic or case_ref):
        raise ValueError("Say which messages to cancel.")
    pending = OutboundMessage.objects.filter(status__in=PENDING)
    if recipient_ref:
        pending = pending.filter(recipient_ref=recipient_ref)
    if topic:
        pending = pending.filter(topic=topic)
    if case_ref:
        pending = pending.filter(case_ref=case_ref)
    return pending.update(status=Status.CANCELLED, blocked_reason=reason[:300], updated_at=timezone.now())


def deliver(message_id: int) -> OutboundMessage:
    """Send a queued message if it is still due and still allowed. Safe to run any number of times."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=message_id)
        if message.status != Status.QUEUED or (message.send_after and message.send_after > timezone.now()):
            return message
        recipient = registry.recipient(message.recipient_ref)
        reason = (
            "This person is no longer known."
            if recipient is None
            else _refusal(recipient, message.template, message.about, _choose_channel(recipient, message.channel))
        )
        if reason:
            message.status, message.blocked_reason = Status.BLOCKED, reason[:300]
            message.save(update_fields=["status", "blocked_reason", "updated_at"])
            return message
        message.status = Status.SENDING
        message.attempts += 1
        message.save(update_fields=["status", "attempts", "updated_at"])
    try:
        if message.channel == registry.SMS:
            provider_id = sms_backend().send_sms(to=message.address, body=message.body, key=message.idempotency_key)
        else:
            provider_id = send_email(to=message.address, subject=message.subject, body=message.body)
    except PermanentFailure as error:
        return _finish(message, Status.FAILED, error=str(error))
    except TemporaryFailure as error:
        if timezone.now() - message.created_at > RETRY_FOR:
            return _finish(message, Status.FAILED, error=f"Gave up after {message.attempts} tries: {error}")
        message = _finish(message, Status.QUEUED, error=str(error))
        message.send_after = timezone.now() + timedelta(seconds=min(60 * 2**message.attempts, 3600))
        message.save(update_fields=["send_after"])
        _enqueue(message)
        return message
    return _finish(message, Status.SENT, provider_id=provider_id)


def _finish(message: OutboundMessage, status: str, *, error: str = "", provider_id: str = "") -> OutboundMessage:
    message.status = status
    message.last_error = error[:300]
    message.provider_id = provider_id or message.provider_id
    message.save(update_fields=["status", "last_error", "provider_id", "updated_at"])
    return message


@transaction.atomic
def resend(*, message: OutboundMessage, actor) -> OutboundMessage:
    if message.status != Status.FAILED:
        raise ValueError("Only failed messages are sent again.")
    tries = OutboundMessage.objects.filter(idempotency_key__startswith=message.idempotency_key + ":resend").count()
    copy = OutboundMessage.objects.create(
        **{
            f.name: getattr(message, f.name)
            for f in OutboundMessage._meta.concrete_fields
            if f.name
            not in {
                "id",
                "status",
                "provider_id",
                "attempts",
                "last_error",
                "idempotency_key",
                "created_at",
                "updated_at",
                "send_after",
            }
        },
        idempotency_key=f"{message.idempotency_key}:resend{tries + 1}",
    )
    record(actor=actor, action="message.resent", target=copy, detail={"original": message.pk})
    _enqueue(copy)
    return copy
