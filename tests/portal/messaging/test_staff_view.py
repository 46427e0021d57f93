"""The staff page per case: what went to whom, what happened to it, and sending failed ones again."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from portal.accounts import roles
from portal.audit.models import AuditEvent
from portal.messaging.models import OutboundMessage
from portal.messaging.services import queue_message
from tests.portal.messaging.conftest import CASE, LINK
from tests.text import normalize_spaces

PAGE = f"/staff/messages/{CASE}/"


@pytest.fixture
def coordinator(people, staff_factory):
    user = staff_factory(roles.COORDINATOR)
    people.case_staff.add((user.pk, CASE))
    return user


@pytest.fixture
def outbox(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add(name="Sam Taylor")
    kim = people.add(name="Kim Lee", phone="+447400654321")
    people.refusals[kim.ref] = "Contact is not allowed: consent, or a safeguarding decision."
    with django_capture_on_commit_callbacks(execute=True):
        sent = queue_message(recipient_ref=sam.ref, template="test.hello", context={"link": LINK}, idempotency_key="a")
        blocked = queue_message(
            recipient_ref=kim.ref, template="test.hello", context={"link": LINK}, idempotency_key="b"
        )
        failed = queue_message(
            recipient_ref=sam.ref, template="test.hello", context={"link": LINK}, idempotency_key="c"
        )
    OutboundMessage.objects.filter(pk=failed.pk).update(status="failed", last_error="The phone number is not valid.")
    return {"sent": sent, "blocked": blocked, "failed": failed}


def rows(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {
        row["id"]: [normalize_spaces(cell.get_text(" ")) for cell in row.select("td")]
        for row in page.select("#outbox tbody tr")
    }


def test_case_staff_see_each_message_with_its_status_and_reason(client, coordinator, outbox):
    client.force_login(coordinator)
    response = client.get(PAGE)

    assert response.status_code == 200
    shown = rows(response)
    sent, blocked, failed = (shown[f"message-{outbox[k].pk}"] for k in ("sent", "blocked", "failed"))
    assert sent[0] == "Sam Taylor Text message"
    assert sent[1] == "test.hello Family meetings: you have a new message. Open: personal link (hidden)"
    assert (sent[2], sent[4]) == ("Sent", "")
    assert (blocked[2], blocked[4]) == ("Blocked", "Contact is not allowed: consent, or a safeguarding decision.")
    assert (failed[2], failed[4]) == ("Failed", "The phone number is not valid. Send again to Sam Taylor")
    event = AuditEvent.objects.get(action="messaging.case_messages_viewed")
    assert (event.actor, event.object_id, event.detail["messages"]) == (coordinator, CASE, 3)


def test_staff_of_another_case_are_told_it_does_not_exist(client, people, staff_factory, outbox):
    client.force_login(staff_factory(roles.COORDINATOR))
    assert client.get(PAGE).status_code == 404
    assert client.post(f"{PAGE}{outbox['failed'].pk}/resend/").status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="messaging.").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, outbox):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_failed_message_is_sent_again_once_as_a_new_row(
    client, coordinator, outbox, sms_outbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    failed = outbox["failed"]
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{PAGE}{failed.pk}/resend/", follow=True)
        client.post(f"{PAGE}{failed.pk}/resend/")  # a double click

    again = OutboundMessage.objects.get(resent_from=failed)
    assert (again.status, again.idempotency_key, again.body) == ("sent", "c:resend", failed.body)
    assert len(sms_outbox) == 1
    banner = BeautifulSoup(response.content, "html.parser").select_one(".govuk-notification-banner")
    assert normalize_spaces(banner.text) == "Success The message will be sent again."
    event = AuditEvent.objects.get(action="messaging.resent")
    assert (event.actor, event.object_id, event.detail["resent_from"]) == (coordinator, str(again.pk), failed.pk)


def test_only_failed_messages_can_be_sent_again(client, coordinator, outbox, sms_outbox):
    client.force_login(coordinator)
    response = client.post(f"{PAGE}{outbox['sent'].pk}/resend/", follow=True)

    banner = BeautifulSoup(response.content, "html.parser").select_one(".govuk-notification-banner")
    assert normalize_spaces(banner.text) == "Important Only a message that failed can be sent again."
    assert not OutboundMessage.objects.filter(resent_from__isnull=False).exists()


def test_sending_again_needs_the_forms_csrf_token(coordinator, outbox):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(f"{PAGE}{outbox['failed'].pk}/resend/").status_code == 403
    assert not OutboundMessage.objects.filter(resent_from__isnull=False).exists()


def test_a_resend_the_guard_now_refuses_is_blocked_not_sent(client, people, coordinator, outbox, sms_outbox):
    client.force_login(coordinator)
    people.refusals[outbox["failed"].recipient_ref] = "Consent to contact the family network was withdrawn."
    sms_outbox.clear()

    response = client.post(f"{PAGE}{outbox['failed'].pk}/resend/", follow=True)

    banner = BeautifulSoup(response.content, "html.parser").select_one(".govuk-notification-banner")
    assert normalize_spaces(banner.text) == (
        "Important The message was not sent again: Consent to contact the family network was withdrawn."
    )
    assert sms_outbox == []
