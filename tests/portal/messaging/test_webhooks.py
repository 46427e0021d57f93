"""Twilio's status callbacks and inbound texts, signed for real and sent to the Django test client."""

import itertools
import logging

import pytest
from django.test import Client

from portal.messaging import registry
from portal.messaging.models import InboundMessage, OptOut, OutboundMessage
from portal.messaging.services import queue_message
from portal.messaging.signals import reply_received
from tests.portal.messaging.conftest import LINK

STATUS = "/messaging/twilio/status/"
INBOUND = "/messaging/twilio/inbound/"
SID = "SM" + "a" * 32


@pytest.fixture
def sent(people, sms_outbox, django_capture_on_commit_callbacks):
    sam = people.add()
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_message(
            recipient_ref=sam.ref, template="test.hello", context={"link": LINK}, idempotency_key="k"
        )
    OutboundMessage.objects.filter(pk=message.pk).update(provider_message_id=SID)
    message.refresh_from_db()
    assert message.status == "sent"
    return message


def callback(signed_post, status, *, sid=SID, ref="", error=""):
    params = {"MessageSid": sid, "MessageStatus": status, "AccountSid": "AC" + "1" * 32}
    if error:
        params["ErrorCode"] = error
    path = f"{STATUS}?ref={ref}" if ref else STATUS
    return signed_post(path, params)


ORDERS = [
    *[(order, "delivered") for order in itertools.permutations(["queued", "sent", "delivered"])],
    *[(order, "failed") for order in itertools.permutations(["sending", "sent", "undelivered"])],
    (("delivered", "undelivered"), "delivered"),  # a stale failure after delivery changes nothing
    (("undelivered", "delivered"), "delivered"),  # the handset had it after all
    (("sent", "sent", "delivered", "delivered"), "delivered"),
    (("failed", "sent"), "failed"),
]


@pytest.mark.parametrize(("order", "final"), ORDERS)
def test_status_callbacks_in_any_order_leave_the_right_final_status(signed_post, sent, order, final):
    for status in order:
        assert (
            callback(signed_post, status, error="30003" if status in ("failed", "undelivered") else "").status_code
            == 204
        )

    sent.refresh_from_db()
    assert sent.status == final
    if final == "failed":
        assert sent.reason == "The text was not delivered (error 30003)."


def test_a_callback_for_a_text_whose_send_timed_out_settles_it(signed_post, sent):
    # The send request timed out: we never learnt Twilio's id, and marked it failed.
    OutboundMessage.objects.filter(pk=sent.pk).update(status="failed", provider_message_id="", last_error="no answer")
    callback(signed_post, "sent", sid="SM" + "b" * 32, ref=str(sent.pk))

    sent.refresh_from_db()
    assert (sent.status, sent.provider_message_id, sent.reason) == ("sent", "SM" + "b" * 32, "")


@pytest.mark.parametrize(
    "forgery",
    [
        "unsigned",
        "wrong token",
        "tampered status",
        "signed for another address",
    ],
)
def test_bad_signatures_get_403_and_change_nothing(signed_post, client, sent, forgery):
    params = {"MessageSid": SID, "MessageStatus": "failed", "ErrorCode": "30003"}
    if forgery == "unsigned":
        response = client.post(STATUS, params)
    elif forgery == "wrong token":
        response = signed_post(STATUS, params, token="not-the-token")
    elif forgery == "tampered status":
        response = signed_post(STATUS, params, signed_params={**params, "MessageStatus": "delivered"})
    else:
        response = signed_post(STATUS, params, signed_path=INBOUND)

    assert response.status_code == 403
    sent.refresh_from_db()
    assert (sent.status, sent.provider_status) == ("sent", "")


def test_an_unsigned_inbound_text_gets_403_and_is_not_acted_on(client, signed_post, sent):
    response = client.post(INBOUND, {"MessageSid": "SM" + "c" * 32, "From": "+447400123456", "Body": "STOP"})
    assert response.status_code == 403
    assert not OptOut.objects.exists()
    assert not InboundMessage.objects.exists()


def test_a_callback_for_an_unknown_message_is_acknowledged_and_logged_without_personal_data(signed_post, db, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.messaging"):
        response = callback(signed_post, "delivered", sid="SM" + "9" * 32)

    assert response.status_code == 204
    assert caplog.messages == [f"Status callback not applied: sid {'SM' + '9' * 32}, status 'delivered'"]


def test_webhooks_need_no_csrf_token_but_only_they(signed_post, settings, sent):
    csrf_client = Client(enforce_csrf_checks=True)
    params = {"MessageSid": SID, "MessageStatus": "delivered"}
    from twilio.request_validator import RequestValidator

    signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(
        settings.PUBLIC_BASE_URL + STATUS, params
    )
    assert csrf_client.post(STATUS, params, headers={"X-Twilio-Signature": signature}).status_code == 204
    sent.refresh_from_db()
    assert sent.status == "delivered"


@pytest.fixture
def replies():
    heard = []

    def listener(sender, recipient, meaning, message_sid, **kwargs):
        heard.append((recipient.ref, meaning, message_sid))

    reply_received.connect(listener)
    yield heard
    reply_received.disconnect(listener)


def text_in(signed_post, body, *, sid="SM" + "d" * 32, sender="+447400123456"):
    response = signed_post(INBOUND, {"MessageSid": sid, "From": sender, "To": "+447000000000", "Body": body})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml"
    return response


@pytest.mark.parametrize(
    ("body", "meaning"), [("YES", "yes"), ("yes please!", "yes"), ("No.", "no"), ("maybe", "maybe")]
)
def test_an_answer_by_text_is_passed_on_once_for_the_app_to_record(signed_post, people, replies, body, meaning):
    sam = people.add()
    text_in(signed_post, body)
    text_in(signed_post, body)  # Twilio retried the webhook

    assert replies == [(sam.ref, meaning, "SM" + "d" * 32)]
    assert InboundMessage.objects.get().case_ref == "test.case:1"


def test_answers_are_understood_in_the_persons_language(signed_post, people, replies):
    ola = people.add(language="pl")
    text_in(signed_post, "Tak", sid="SM1")
    text_in(signed_post, "nie", sid="SM2")
    assert replies == [(ola.ref, "yes", "SM1"), (ola.ref, "no", "SM2")]


def test_stop_opts_the_number_out_of_every_later_text_and_confirms_once(
    signed_post, people, replies, sms_outbox, django_capture_on_commit_callbacks
):
    sam = people.add(safe_contact=registry.SafeContact(channels=(registry.SMS,)))
    with django_capture_on_commit_callbacks(execute=True):
        text_in(signed_post, "Stop")

    assert OptOut.objects.filter(phone="+447400123456").exists()
    assert replies == [(sam.ref, "stop", "SM" + "d" * 32)]
    assert [sms.body for sms in sms_outbox] == [
        "Family group meetings: you will not get more texts from us. To get them again, reply START."
    ]

    with django_capture_on_commit_callbacks(execute=True):
        later = [
            queue_message(recipient_ref=sam.ref, template="test.hello", context={"link": LINK}, idempotency_key=key)
            for key in ("reminder", "invite")
        ]
    assert {m.status for m in later} == {"blocked"}
    assert len(sms_outbox) == 1


def test_stop_in_the_persons_language_counts(signed_post, people, sms_outbox, django_capture_on_commit_callbacks):
    people.add(language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        text_in(signed_post, "KONIEC")
    assert OptOut.objects.filter(phone="+447400123456").exists()


def test_start_lets_texts_through_again(signed_post, people, sms_outbox, django_capture_on_commit_callbacks):
    people.add()
    with django_capture_on_commit_callbacks(execute=True):
        text_in(signed_post, "STOP", sid="SM1")
        text_in(signed_post, "START", sid="SM2")
    assert not OptOut.objects.exists()


def test_help_is_answered_with_the_services_phone_number(
    signed_post, people, replies, sms_outbox, settings, django_capture_on_commit_callbacks
):
    settings.SERVICE_CONTACT_PHONE = "0300 999 0000"
    sam = people.add()
    with django_capture_on_commit_callbacks(execute=True):
        text_in(signed_post, "help")

    assert [(sms.to, sms.body) for sms in sms_outbox] == [
        ("+447400123456", "Family group meetings: for help, call 0300 999 0000. To stop these texts, reply STOP.")
    ]
    assert replies == [(sam.ref, "help", "SM" + "d" * 32)]


def test_a_stranger_who_texts_stop_is_opted_out_and_answered_discreetly(
    signed_post, people, replies, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        text_in(signed_post, "stop", sender="+447400999888")

    assert OptOut.objects.filter(phone="+447400999888").exists()
    assert replies == []  # nobody to tell
    assert [sms.body for sms in sms_outbox] == [
        "You will not get more texts from this number. To get them again, reply START."
    ]


def test_a_reply_from_a_shared_number_answers_the_last_text_sent_to_it(
    signed_post, people, replies, sms_outbox, django_capture_on_commit_callbacks
):
    first = people.add(name="Alex")
    second = people.add(name="Jo")  # the same phone
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(recipient_ref=first.ref, template="test.hello", context={"link": LINK}, idempotency_key="a")
        queue_message(recipient_ref=second.ref, template="test.hello", context={"link": LINK}, idempotency_key="b")
    text_in(signed_post, "yes")
    assert replies == [(second.ref, "yes", "SM" + "d" * 32)]


def test_a_reply_that_is_not_a_keyword_is_kept_for_staff(signed_post, people, replies):
    people.add()
    text_in(signed_post, "Can I bring my sister?")
    reply = InboundMessage.objects.get()
    assert (reply.meaning, reply.body) == ("", "Can I bring my sister?")
    assert replies == []


def test_a_signed_inbound_call_without_a_message_id_is_acknowledged_and_ignored(signed_post, people, replies):
    people.add()
    response = signed_post(INBOUND, {"From": "+447400123456", "Body": "STOP"})
    assert response.status_code == 200
    assert not InboundMessage.objects.exists()
    assert not OptOut.objects.exists()
