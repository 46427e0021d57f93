"""Webhooks: signed so the standardwebhooks verifier accepts them, retried after a failure, shown as
failed after the last attempt, and never sent twice for one event."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from api.models import WebhookDelivery
from api.services import webhooks
from api.services.clients import add_webhook
from fgdm.services.plans import decide_plan
from tests.api.receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def subscribed(api_world, receiver):
    endpoint, secret = add_webhook(
        client=api_world.client,
        url=receiver.url,
        events=["plan.agreed", "plan.not_agreed", "case.closed", "support.decided"],
        actor=api_world.manager,
    )
    return endpoint, secret


def _agree_again(api_world, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return decide_plan(
            version=api_world.plan,
            agreed=False,
            reason="The plan does not say who collects Mia.",
            review_on=None,
            actor=practitioner,
        )


def test_a_decision_is_delivered_signed_and_the_verifier_accepts_it(
    api_world, subscribed, receiver, practitioner, django_capture_on_commit_callbacks
):
    _endpoint, secret = subscribed
    decision = _agree_again(api_world, practitioner, django_capture_on_commit_callbacks)
    [arrived] = receiver.received
    payload = Webhook(secret).verify(arrived.body, arrived.headers)
    assert payload["type"] == "plan.not_agreed"
    assert payload["data"] == {
        "case_id": api_world.case.pk,
        "case_reference": api_world.case.reference,
        "plan_id": api_world.plan.pk,
        "decision_id": decision.pk,
    }
    assert arrived.headers["webhook-id"].startswith("msg_")
    delivery = WebhookDelivery.objects.get(message_id=arrived.headers["webhook-id"])
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 204)
    # Signed with another secret, or changed on the way, it is refused.
    with pytest.raises(Exception, match="No matching signature found"):
        Webhook("whsec_" + "A" * 43 + "=").verify(arrived.body, arrived.headers)
    with pytest.raises(Exception, match="No matching signature found"):
        Webhook(secret).verify(arrived.body.replace(b"plan.not_agreed", b"plan.agreed"), arrived.headers)


def test_a_500_is_retried_with_the_same_webhook_id(
    api_world, subscribed, receiver, practitioner, django_capture_on_commit_callbacks
):
    receiver.answers = [500]
    _agree_again(api_world, practitioner, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("pending", 1, "The receiver answered 500.")
    assert webhooks.retry_due() == 0  # not yet: the back-off has not passed
    # A minute passes: the back-off is over, and the scheduled sweep queues the retry.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=delivery.next_attempt_at - timedelta(minutes=2)
    )
    assert webhooks.retry_due() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert [r.headers["webhook-id"] for r in receiver.received] == [delivery.message_id] * 2


def test_a_receiver_that_keeps_failing_is_shown_as_failed_then_sent_again_by_staff(
    api_world, subscribed, receiver, practitioner, django_capture_on_commit_callbacks, client
):
    receiver.answers = [500] * webhooks.MAX_ATTEMPTS
    _agree_again(api_world, practitioner, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    now = timezone.now()
    for _attempt in range(webhooks.MAX_ATTEMPTS - 1):
        now += timedelta(hours=9)
        webhooks.deliver(delivery.pk, now=now)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", webhooks.MAX_ATTEMPTS)
    assert len(receiver.received) == webhooks.MAX_ATTEMPTS

    client.force_login(api_world.manager)
    page = client.get(f"/staff/api/{api_world.client.pk}/").content.decode()
    assert "Failed" in page and "The receiver answered 500." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/api/{api_world.client.pk}/deliveries/{delivery.pk}/send-again/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


def test_a_receiver_that_does_not_answer_in_time_is_retried(
    api_world, subscribed, receiver, practitioner, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 0.5)
    receiver.answers = ["slow"]
    _agree_again(api_world, practitioner, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_error) == ("pending", "The receiver did not answer in time.")


def test_one_event_is_never_sent_twice(api_world, subscribed, receiver, django_capture_on_commit_callbacks):
    case = type(api_world.case).objects.get(pk=api_world.case.pk)
    assert case.closed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        # The case was closed before the address subscribed; saving it again makes its one event...
        case.save(update_fields=["closed_at"])
        # ...and saving it once more, or a task run twice, makes no second one.
        case.save(update_fields=["closed_at"])
        case.save()
    [delivery] = WebhookDelivery.objects.filter(event_type="case.closed")
    webhooks.deliver(delivery.pk)
    webhooks.retry_due(now=timezone.now() + timedelta(days=1))
    assert [json.loads(r.body)["type"] for r in receiver.received] == ["case.closed"]


def test_a_client_without_the_scope_or_the_case_hears_nothing(
    api_world, receiver, practitioner, django_capture_on_commit_callbacks
):
    from api.services.clients import create_client

    cases_only, _key = create_client(name="Cases only", scopes=["cases"], expires_at=None, actor=api_world.manager)
    add_webhook(client=cases_only, url=receiver.url, events=["plan.not_agreed"], actor=api_world.manager)
    _agree_again(api_world, practitioner, django_capture_on_commit_callbacks)
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()
