"""The rules a person's safe-contact preferences impose: which channel, and not in their quiet hours."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.messaging import registry
from portal.messaging.models import OptOut

# Confirming an opt-out is the one text a number that said STOP still gets.
OPT_OUT_CONFIRMATION = "messaging.opted_out"


class Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def address_for(recipient: registry.Recipient, channel: str) -> str:
    return recipient.phone if channel == registry.SMS else recipient.email if channel == registry.EMAIL else ""


def choose_channel(
    recipient: registry.Recipient, *, requested: str | None, template_key: str, stopped: set[str] | None = None
) -> tuple[str, str]:
    """The first channel the person allows that we can use; raises Refused with the reason otherwise.

    A number that texted STOP is not usable for texts, so a person who also allows email gets email.
    ``stopped``: the numbers among the batch's that texted STOP, read just before (``opted_out``);
    without it the number is looked up.
    """
    allowed = recipient.safe_contact.channels
    if requested is not None and requested not in allowed:
        raise Refused(_("This person has not agreed to be contacted this way."))
    candidates = [requested] if requested else list(allowed)
    if not candidates:
        raise Refused(_("This person has not agreed to any way of contacting them."))
    opted_out = False
    for channel in candidates:
        address = address_for(recipient, channel)
        if not address:
            continue
        if (
            channel == registry.SMS
            and template_key != OPT_OUT_CONFIRMATION
            and (address in stopped if stopped is not None else is_opted_out(address))
        ):
            opted_out = True
            continue
        return channel, address
    if opted_out:
        raise Refused(_("This number replied STOP, so no more texts go to it."))
    raise Refused(_("There is no phone number or email address to send this to."))


def is_opted_out(phone: str) -> bool:
    return OptOut.objects.filter(phone=phone).exists()


def opted_out(phones) -> set[str]:
    """Which of these numbers texted STOP, in one query."""
    phones = {phone for phone in phones if phone}
    return set(OptOut.objects.filter(phone__in=phones).values_list("phone", flat=True)) if phones else set()


def first_refusals(asks: list[tuple[registry.Recipient, str, dict]]) -> list[str | None]:
    """``first_refusal`` for each (recipient, template key, about), every guard asked once for the lot."""
    reasons: list[str | None] = [None] * len(asks)
    for guard in registry.guards():
        open_ = [i for i, reason in enumerate(reasons) if reason is None]
        if not open_:
            break
        answers = registry.many_guard(guard)([asks[i] for i in open_])
        for i, reason in zip(open_, answers, strict=True):
            if reason:
                reasons[i] = str(reason)
    return reasons


def first_refusal(recipient: registry.Recipient, template_key: str, about: dict) -> str | None:
    """Ask every registered guard "may this person be told this?"; the first reason given wins."""
    for guard in registry.guards():
        reason = guard(recipient, template_key, about)
        if reason:
            return str(reason)
    return None


def quiet_until(safe_contact: registry.SafeContact, at: datetime) -> datetime | None:
    """When the person's quiet hours end, if ``at`` falls inside them; None when it does not.

    Quiet hours are local (settings.TIME_ZONE) times and may run past midnight, e.g. 21:00-08:00.
    """
    start, end = safe_contact.quiet_start, safe_contact.quiet_end
    if start is None or end is None or start == end:
        return None
    local = timezone.localtime(at)
    now = local.time()
    if start < end:
        inside, end_day = start <= now < end, local.date()
    else:
        inside = now >= start or now < end
        end_day = local.date() + timedelta(days=1) if now >= start else local.date()
    if not inside:
        return None
    return timezone.make_aware(datetime.combine(end_day, end), timezone.get_current_timezone())


def hold_for_quiet_hours(message, person: registry.Recipient) -> bool:
    """Move a message due in the person's quiet hours to the end of them; True if it was moved."""
    if registry.template(message.template).asked_for_now:
        return False
    due = max(message.send_after or timezone.now(), timezone.now())
    until = quiet_until(person.safe_contact, due)
    if until is None:
        return False
    message.send_after = until
    message.held_reason = _("Held until the end of this person's quiet hours.")
    return True
