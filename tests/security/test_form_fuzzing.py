"""Every form on every page of ours, fuzzed: whatever a visitor types, the server answers without an error.

The forms are found the way a browser finds them — on each page, as the person allowed to use it
sees it — and each field gets hypothesis-made input: empty, huge, unicode, numbers, dates, ids.
"""

import os

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.routes import fill, our_routes
from tests.security.world import build_world

EXAMPLES = int(os.environ.get("FORM_FUZZ_EXAMPLES", "150"))
# Who may use the forms on each kind of page.
FAMILY_PREFIX = "f/"
SKIP = ("cms/", "f/sign-out/", "f/leave/", "messaging/twilio/")
VALUES = st.one_of(
    st.text(max_size=40),
    st.text(max_size=3000),
    st.from_regex(r"-?\d{1,12}", fullmatch=True),
    st.from_regex(r"\d{1,2}/\d{1,2}/\d{2,5}", fullmatch=True),
    st.from_regex(r"\d{1,2}:\d{2}", fullmatch=True),
    st.sampled_from(
        ["", "0", "-1", "999999999999", "1e9", "£1,200.50", "on", "yes", "no", "\x00", "%(name)s", "{{ x }}"]
    ),
)


def _forms(client, url):
    """(action, {field: [choices or None]}) for each POST form on the page."""
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    found = []
    for form in BeautifulSoup(response.content, "html.parser").select("form[method=post]"):
        fields: dict[str, list | None] = {}
        for control in form.select("input[name], textarea[name], select[name], button[name]"):
            name = control["name"]
            if name == "csrfmiddlewaretoken":
                continue
            if control.name == "select":
                fields[name] = [o.get("value", "") for o in control.select("option")]
            elif control.get("type") in ("radio", "checkbox") or control.name == "button":
                fields.setdefault(name, [])
                fields[name].append(control.get("value", "on"))
            else:
                fields[name] = None
        found.append((form.get("action") or url, fields))
    return found


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_input_to_any_form_breaks_the_server(data):
    global _world
    if _world is None:
        world = build_world()
        clients = {role: world.client(role) for role in ("manager", "lead_practitioner", "family_a")}
        for client in clients.values():
            client.raise_request_exception = False
        targets = []
        for route, _view in our_routes():
            if route.startswith(SKIP):
                continue
            roles = ["family_a"] if route.startswith(FAMILY_PREFIX) else ["manager", "lead_practitioner"]
            for role in roles:
                for action, fields in _forms(clients[role], fill(route, world.ids)):
                    targets.append((role, action, fields))
        _world = (clients, targets)
    clients, targets = _world
    role, action, fields = data.draw(st.sampled_from(targets))
    posted = {}
    for name, choices in fields.items():
        strategy = VALUES if choices is None else st.one_of(st.sampled_from(choices), VALUES)
        if data.draw(st.booleans()):
            posted[name] = data.draw(strategy)
    response = clients[role].post(action, posted)
    assert response.status_code < 500, f"{role} POST {action} {posted!r} → {response.status_code}"


_world = None


@pytest.fixture(autouse=True)
def _fresh_world():
    global _world
    _world = None
    yield
    _world = None
