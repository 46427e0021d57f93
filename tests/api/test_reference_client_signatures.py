"""The reference client in bin/ verifies a webhook the portal signs. Apart from
test_reference_client.py, whose tests run a live server (and so flush the database after them):
a file holds one kind of database test, so test workers never run one after a flush."""

from datetime import UTC, datetime

import pytest

from api.models import WebhookDelivery
from api.services.clients import add_webhook
from api.services.webhooks import signed_request
from tests.api.test_reference_client import _client_module


@pytest.mark.django_db
def test_the_reference_client_verifies_what_the_portal_signs(api_world):
    client = _client_module()
    endpoint, secret = add_webhook(
        client=api_world.client, url="https://mosaic.example/hooks", events=["plan.agreed"], actor=api_world.manager
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, message_id="msg_1", event_type="plan.agreed", event_key="k", payload={"data": {"plan_id": 1}}
    )
    now = datetime.now(UTC)
    body, headers = signed_request(delivery, now)
    assert client.verify(secret, headers, body.encode()) == {"data": {"plan_id": 1}}
    with pytest.raises(ValueError, match="No signature matches"):
        client.verify(secret, headers, body.replace("1", "2").encode())
    with pytest.raises(ValueError, match="too old"):
        client.verify(secret, headers, body.encode(), now=now.timestamp() + 600)
