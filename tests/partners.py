"""A partner agency's contact answering the way they do: the link in their email, then the code."""

import re
from urllib.parse import urlsplit

from django.core import mail


def deliver_queued() -> None:
    """What the queue's worker does after commit, oldest message first, so the newest email is the last one."""
    from django.utils import timezone

    from portal.messaging.delivery import deliver
    from portal.messaging.models import OutboundMessage, Status

    queued = OutboundMessage.objects.filter(status=Status.QUEUED).exclude(send_after__gt=timezone.now())
    for pk in queued.order_by("pk").values_list("pk", flat=True):
        deliver(pk)


def _emails_to(address: str) -> list[str]:
    deliver_queued()
    return [email.body for email in mail.outbox if address in email.to]


def link_path(partner_request) -> str:
    """The path of the newest link emailed to the request's contact (/partner/<token>)."""
    links = [
        m.group(0) for body in _emails_to(partner_request.contact_email) for m in re.finditer(r"\S+/partner/\S+", body)
    ]
    assert links, f"no link was emailed to {partner_request.contact_email}"
    return urlsplit(links[-1]).path


def code_sent_to(partner_request) -> str:
    bodies = [body for body in _emails_to(partner_request.contact_email) if body.startswith("Your code is")]
    codes = [m.group(0) for body in bodies for m in [re.search(r"\b\d{6}\b", body)] if m]
    assert codes, f"no code was emailed to {partner_request.contact_email}"
    return codes[-1]


def confirm(client, partner_request):
    """Open the link, ask for a code and type it: returns the response to the code page."""
    client.post(link_path(partner_request))
    return client.post("/partner/code/", {"code": code_sent_to(partner_request)})
