"""Faults: the queue worker stopping mid-send, and the database going away mid-request.

A message is never sent twice and never silently lost; a decision is written whole or not at all.
(The text provider failing — 500s, rate limits, timeouts, unreachable — is proved with the real
twilio client in tests/portal/messaging/test_delivery_twilio.py.)
"""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from fgdm.models import ExclusionDecision, PlanAgreement
from network_support.models import Payment, SupportDecision
from portal.messaging import delivery as messaging
from portal.messaging.backends import locmem
from portal.messaging.models import OutboundMessage, Status
from tests.security.world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def queued(world):
    """A text waiting in the outbox, as the worker finds it."""
    locmem.outbox.clear()
    message = OutboundMessage.objects.filter(channel="sms").first()
    OutboundMessage.objects.filter(pk=message.pk).update(status=Status.QUEUED, send_after=None, attempts=0)
    return message


def _later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_worker_that_stops_before_sending_leaves_a_message_that_is_settled_not_doubled(queued):
    assert messaging._claim(queued.pk) is not None  # the worker marks it sending... and stops here
    messaging.deliver(queued.pk)  # the job is run again by another worker
    assert locmem.outbox == []
    assert messaging.sweep_outbox(now=_later(1)).settled == 0  # not yet: it may still be on its way
    assert messaging.sweep_outbox(now=_later(3)).settled == 1
    queued.refresh_from_db()
    # The in-memory "provider" cannot be asked whether it took the text, so a person decides.
    assert queued.status == Status.FAILED
    assert queued.last_error == (
        "The send stopped part way, so we do not know if it arrived. Check with the person before sending it again."
    )


def test_a_worker_that_stops_after_the_provider_took_the_text_never_sends_it_again(queued, monkeypatch):
    def stop(*args, **kwargs):
        raise SystemExit("worker stopped")

    monkeypatch.setattr(messaging, "_record_sent", stop)
    with pytest.raises(SystemExit):
        messaging.deliver(queued.pk)
    monkeypatch.undo()
    messaging.deliver(queued.pk)
    messaging.deliver(queued.pk)
    messaging.sweep_outbox(now=_later(1))
    assert [sms.reference for sms in locmem.outbox].count(str(queued.pk)) == 1
    messaging.sweep_outbox(now=_later(3))
    queued.refresh_from_db()
    assert queued.status == Status.FAILED  # staff see it, and decide whether to resend
    assert [sms.reference for sms in locmem.outbox].count(str(queued.pk)) == 1


def _connection_lost(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize(
    ("module", "role", "url", "data", "model"),
    [
        (
            "fgdm.services.plans",
            "lead_practitioner",
            "/cases/{case_id}/plan/",
            {"agreed": "no", "reason": "Not yet."},
            PlanAgreement,
        ),
        (
            "fgdm.services.exclusions",
            "lead_practitioner",
            "/cases/{case_id}/network/{member_id}/participation/",
            {"participation": "information_only", "reasons": ["domestic_abuse"], "review_on": "01/01/2030"},
            ExclusionDecision,
        ),
        (
            "network_support.services.decisions",
            "lead_practitioner",
            "/support/cases/{case_id}/requests/{request_id}/decide/",
            None,
            SupportDecision,
        ),
    ],
)
def test_the_database_going_away_mid_request_leaves_no_half_written_decision(
    world, monkeypatch, module, role, url, data, model
):
    import importlib

    url = url.format(**world.ids)
    client: Client = world.client(role)
    client.raise_request_exception = False
    if data is None:  # a changed decision, as the practitioner would make it on the decision page
        current = SupportDecision.objects.current().get(request_id=world.ids["request_id"])
        data = {
            "replaces": current.pk,
            f"outcome_{world.ids['item_id']}": "approved",
            "reason_for_family": "Yes, for longer.",
            "review_on": (timezone.localdate() + timedelta(days=40)).strftime("%d/%m/%Y"),
        }
    before = (model.objects.count(), Payment.objects.count())
    monkeypatch.setattr(importlib.import_module(module), "record", _connection_lost)
    response = client.post(url, data)
    assert response.status_code == 500
    assert (model.objects.count(), Payment.objects.count()) == before
    monkeypatch.undo()  # the database is back: the same request goes through whole
    assert client.post(url, data).status_code == 302
    assert model.objects.count() > before[0]
