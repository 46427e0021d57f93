"""An outage of the queue's broker while a family member asks for a code. Apart from
test_outages.py because it runs in real transactions (texts go to the broker when the request
commits): a file holds one kind of database test, so test workers never run one after a flush."""

import pytest
import redis
from django.test import Client

from tests.family import link_path
from tests.faults.test_outages import PORT
from tests.security.world import build_world


@pytest.mark.django_db(transaction=True)
def test_send_me_a_code_with_the_broker_down_takes_the_person_on_to_the_code_page(monkeypatch):
    from portal.messaging import services as messaging
    from portal.messaging.models import OutboundMessage

    world = build_world()
    member = world.members["family_a"]
    path = link_path(member)

    def broker_down(*args, **kwargs):
        raise redis.ConnectionError(f"Error 111 connecting to 127.0.0.1:{PORT}. Connection refused.")

    monkeypatch.setattr(messaging, "async_task", broker_down)
    client = Client(raise_request_exception=True)
    assert client.get(path).status_code == 200
    response = client.post(path, follow=True)

    assert response.redirect_chain == [("/f/code/", 302)]
    assert response.status_code == 200
    # The code waits in the outbox for the sweep, which sends it when the broker is back.
    assert OutboundMessage.objects.filter(recipient_ref=member.ref, template="family_access.code").exists()
