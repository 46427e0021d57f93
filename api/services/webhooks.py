"""Telling case systems that something changed, by signed webhooks (Standard Webhooks).

A delivery carries ids only; the receiver reads the API for the rest. Each event makes at most one
delivery per address (a unique key), so it is never sent twice; the ``webhook-id`` stays the same on
every retry so a receiver can tell a retry from a new event. Sending happens in the queue, never in
the request that made the change: a slow or broken receiver cannot hold the portal up.
"""

import json
import uuid
from datetime import datetime, timedelta

import requests
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_q.tasks import async_task
from standardwebhooks import Webhook

from api.models import Event, WebhookDelivery, WebhookEndpoint
from api.selectors.access import may_hear_of
from portal.audit.services import record

DELIVER_TASK = "api.tasks.deliver_webhook"
TIMEOUT_SECONDS = 10
# Wait after each failed attempt; after the last the delivery is shown as failed.
BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=8)]
MAX_ATTEMPTS = len(BACKOFF) + 1
# The scope a receiver must hold to hear of each event: it will read that resource next.
EVENT_SCOPES = {
    Event.PLAN_AGREED: "plans",
    Event.PLAN_NOT_AGREED: "plans",
    Event.OUTCOME_RECORDED: "outcomes",
    Event.SUPPORT_DECIDED: "support",
    Event.CASE_CLOSED: "cases",
}


def emit(*, event_type: str, event_key: str, case_id: int, data: dict) -> list[WebhookDelivery]:
    """Queue ``event_type`` for every live address subscribed to it whose client may read the case.

    ``event_key`` names the event itself (e.g. the decision's id): the same key twice is one event.
    """
    made = []
    endpoints = WebhookEndpoint.objects.filter(disabled_at__isnull=True).select_related("client__created_by")
    for endpoint in endpoints:
        if event_type not in endpoint.events or not may_hear_of(endpoint.client, EVENT_SCOPES[event_type], case_id):
            continue
        payload = {
            "type": event_type,
            "timestamp": timezone.now().isoformat().replace("+00:00", "Z"),
            "data": {"case_id": case_id, "case_reference": f"FG-{case_id:05d}", **data},
        }
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    endpoint=endpoint,
                    message_id=f"msg_{uuid.uuid4().hex}",
                    event_type=event_type,
                    event_key=f"{event_type}:{event_key}",
                    payload=payload,
                    next_attempt_at=timezone.now(),
                )
        except IntegrityError:
            continue  # this event already has its delivery to this address
        _queue(delivery.pk)
        made.append(delivery)
    return made


def _queue(pk: int) -> None:
    transaction.on_commit(lambda: async_task(DELIVER_TASK, pk))


def signed_request(delivery: WebhookDelivery, now: datetime) -> tuple[str, dict]:
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True)
    signature = Webhook(delivery.endpoint.secret).sign(delivery.message_id, now, body)
    headers = {
        "content-type": "application/json",
        "user-agent": "fgdm-portal-webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    return body, headers


def deliver(delivery_id: int, *, now: datetime | None = None) -> WebhookDelivery | None:
    """Make one attempt, if the delivery is still waiting and due. Any 2xx answer counts as received.

    The attempt is claimed with a conditional update first, so two workers never both send it.
    """
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return delivery
    if delivery.next_attempt_at and delivery.next_attempt_at > now:
        return delivery
    attempt = delivery.attempts + 1
    # While this attempt runs, nobody else takes it; if the worker dies, the sweep retries after the timeout.
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, status=WebhookDelivery.Status.PENDING, attempts=delivery.attempts
    ).update(attempts=attempt, next_attempt_at=now + timedelta(seconds=TIMEOUT_SECONDS * 3))
    if not claimed:
        return delivery
    body, headers = signed_request(delivery, now)
    status_code, error = None, ""
    try:
        response = requests.post(
            delivery.endpoint.url, data=body.encode(), headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False
        )
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"The receiver answered {status_code}."
    except requests.Timeout:
        error = "The receiver did not answer in time."
    except requests.RequestException as exc:
        error = f"Could not reach the receiver ({type(exc).__name__})."
    fields = {"last_status_code": status_code, "last_error": error}
    if not error:
        fields |= {"status": WebhookDelivery.Status.DELIVERED, "delivered_at": timezone.now(), "next_attempt_at": None}
    elif attempt >= MAX_ATTEMPTS:
        fields |= {"status": WebhookDelivery.Status.FAILED, "next_attempt_at": None}
    else:
        fields |= {"next_attempt_at": now + BACKOFF[attempt - 1]}
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**fields)
    delivery.refresh_from_db()
    return delivery


def retry_due(*, now: datetime | None = None) -> int:
    """The scheduled sweep: queue every waiting delivery whose next attempt is due."""
    now = now or timezone.now()
    due = list(
        WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now).values_list(
            "pk", flat=True
        )[:500]
    )
    for pk in due:
        async_task(DELIVER_TASK, pk)
    return len(due)


@transaction.atomic
def send_again(*, delivery: WebhookDelivery, actor) -> WebhookDelivery:
    """A member of staff asks for another round of attempts, with the same webhook-id."""
    from api.services.clients import _check

    _check(actor)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    record(actor=actor, action="api.webhook_sent_again", target=delivery, detail={"event": delivery.event_type})
    _queue(delivery.pk)
    delivery.refresh_from_db()
    return delivery
