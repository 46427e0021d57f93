"""Every state-changing request needs a CSRF token; only Twilio's webhooks do without, because they
check Twilio's signature instead."""

import pytest

from tests.security.routes import fill, our_routes
from tests.security.world import build_world

SIGNED_INSTEAD = {"messaging/twilio/status/", "messaging/twilio/inbound/"}
# The read API takes no cookie, only a key in a header, so a forged cross-site POST carries nothing to
# use; and it is read-only. A POST there must still be turned away: 401 without a key, 405 for the schema.
KEY_INSTEAD = "api/v1/"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "family_a", "anonymous"])
def test_a_post_without_a_csrf_token_is_refused_everywhere(role):
    world = build_world()
    client = world.client(role, enforce_csrf_checks=True)
    client.raise_request_exception = False
    accepted = []
    for route, _view in our_routes():
        response = client.post(fill(route, world.ids), {"anything": "1"})
        # /cms/ turns away anyone who is not an editor before the CSRF check is reached.
        explained = "Your form could not be sent" in response.content.decode() or route.startswith("cms/")
        refused = response.status_code == 403 and explained
        if route.startswith(KEY_INSTEAD) and route != "api/v1/reference/":
            refused = response.status_code in (401, 405)
        if not refused and route not in SIGNED_INSTEAD:
            accepted.append(f"{route} → {response.status_code}")
    assert accepted == [], "POST accepted without a CSRF token:\n" + "\n".join(accepted)


@pytest.mark.django_db
def test_the_webhooks_refuse_an_unsigned_post():
    world = build_world()
    client = world.client("anonymous", enforce_csrf_checks=True)
    for route in SIGNED_INSTEAD:
        assert client.post("/" + route, {"MessageSid": "SM" + "a" * 32}).status_code == 403
