"""Telling one person something: the one way every app puts a message to a person in the outbox.

``notify_member`` makes the person a fresh personal link (when the message carries one), queues
the message under every registered guard — fgdm's audience rule among them, asked again at send
time — and records the event. A message that may not go makes no link. ``Tally`` counts what a
run of them did, so a screen says what really happened, never more.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.audit.services import record
from portal.family_access.services import issue_link, withdraw_link
from portal.messaging.models import OutboundMessage, Status
from portal.messaging.services import queue_message


@dataclass(frozen=True)
class Notice:
    message: OutboundMessage
    new: bool  # False: the same message was queued before (same idempotency key), nothing new went


@transaction.atomic
def notify_member(
    *,
    recipient_ref: str,
    case_ref: str,
    template: str,
    context: dict,
    idempotency_key: str,
    with_link: bool = True,
    topic: str = "",
    about: dict | None = None,
    send_after=None,
    actor=None,
    keep_older_links: bool = False,
) -> Notice:
    """Queue one message to one person, with a personal link if ``with_link``. Sending twice sends once.
    When it is sent, the person's older links stop working unless ``keep_older_links``."""
    existing = OutboundMessage.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return Notice(existing, new=False)
    link = (
        issue_link(
            subject_ref=recipient_ref, case_ref=case_ref, message_key=idempotency_key, keep_older=keep_older_links
        )
        if with_link
        else ""
    )
    message = queue_message(
        recipient_ref=recipient_ref,
        template=template,
        context={**context, "link": link} if with_link else context,
        idempotency_key=idempotency_key,
        topic=topic,
        about=about,
        send_after=send_after,
        case_ref=case_ref,
        actor=actor,
    )
    if link and message.status == Status.BLOCKED:
        withdraw_link(link)  # nobody will receive it, so it must not stay live
    record(
        actor=actor,
        actor_label="" if actor else "system",
        action="messaging.notified",
        target=message,
        detail={"template": template, "status": message.status, "case": case_ref},
    )
    return Notice(message, new=True)


@dataclass
class Tally:
    """What a run of notices did: queued, blocked (and why, per person), already sent before."""

    queued: list[OutboundMessage] = field(default_factory=list)
    blocked: list[OutboundMessage] = field(default_factory=list)
    earlier: list[OutboundMessage] = field(default_factory=list)

    def add(self, notice: Notice) -> None:
        if notice.message.status == Status.BLOCKED:
            self.blocked.append(notice.message)  # refused now or before: either way, not sent
        elif not notice.new:
            self.earlier.append(notice.message)
        else:
            self.queued.append(notice.message)

    def summary(self) -> list[str]:
        """Sentences for the flash message: counts of what was queued and sent before, then each refusal."""
        lines = [
            ngettext("%(count)d message queued to send.", "%(count)d messages queued to send.", len(self.queued))
            % {"count": len(self.queued)}
        ]
        if self.earlier:
            lines.append(
                ngettext(
                    "%(count)d had already been sent before, so was not sent again.",
                    "%(count)d had already been sent before, so were not sent again.",
                    len(self.earlier),
                )
                % {"count": len(self.earlier)}
            )
        reasons = Counter((m.recipient_name, m.blocked_reason) for m in self.blocked)
        for (name, reason), _count in reasons.items():
            lines.append(_("Not sent to %(name)s: %(reason)s") % {"name": name or _("someone"), "reason": reason})
        return lines
