"""Signing a family member in the way they do it: their personal link, then the code sent to them."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone

from portal.family_access.services import issue_link
from portal.messaging.backends import locmem


def link_path(member) -> str:
    """A fresh personal link for the member, as a path on this site (/f/<token>)."""
    return urlsplit(issue_link(subject_ref=member.ref, case_ref=member.case.ref)).path


def deliver_queued() -> None:
    """Do what the queue's worker does after commit (tests run inside one transaction that never commits)."""
    from portal.messaging.delivery import deliver
    from portal.messaging.models import OutboundMessage, Status

    now = timezone.now()
    for message in OutboundMessage.objects.filter(status=Status.QUEUED).exclude(send_after__gt=now):
        deliver(message.pk)


def code_sent_to(member) -> str:
    """The last sign-in code sent to the member's phone (or, without one, their email)."""
    deliver_queued()
    if member.phone:
        bodies = [sms.body for sms in locmem.outbox if sms.to == member.phone]
    else:
        bodies = [email.body for email in mail.outbox if member.email in email.to]
    codes = [match.group(0) for body in bodies for match in [re.search(r"\b\d{6}\b", body)] if match]
    assert codes, f"no code was sent to {member.name}"
    return codes[-1]


def sign_in(client, member, path: str | None = None):
    """Sign the Django test client in as ``member``; returns the response to the code page."""
    client.post(path or link_path(member))
    return client.post("/f/code/", {"code": code_sent_to(member)})


def sign_in_page(page, member, path: str | None = None):
    """Sign a Playwright page in as ``member``, on whatever viewport it has. The link's pages speak
    the member's language, so the buttons are found by place, not by their English words."""
    page.goto(path or link_path(member))
    page.locator("main form button[type=submit]").first.click()
    code_box = page.locator('main input[name="code"]')
    code_box.wait_for()  # the code page is there, so the code has been sent: read it only now
    code_box.fill(code_sent_to(member))
    page.locator("main form button[type=submit]").first.click()
