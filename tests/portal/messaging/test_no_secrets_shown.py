"""No staff page and no log line carries a live sign-in code or a personal-link token.

The world's families get invitations (each with a personal link) and sign in with codes sent to
their phones; the secrets are read from what the phones received. Every staff URL is then read as
every member of staff, and the log lines written on the way, through the real logging handlers.
"""

import io
import logging
import re
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from gunicorn.config import Config

from fgdm.models import Case
from portal.messaging.backends import locmem
from portal.messaging.models import OutboundMessage
from tests.family import deliver_queued
from tests.security.routes import fill, our_routes
from tests.security.world import build_world

STAFF = ("coordinator_a", "coordinator_b", "lead_practitioner", "manager", "editor")
TOKEN = re.compile(r"/f/([A-Za-z0-9_-]{20,})")


@pytest.fixture
def console():
    """What the real console handler (settings.LOGGING) writes, for the length of a test."""
    [handler] = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def secrets_the_phones_got() -> set[str]:
    deliver_queued()
    found = set()
    for sms in locmem.outbox:
        found.update(TOKEN.findall(sms.body))
        found.update(re.findall(r"\b\d{6}\b", sms.body))
    return found


@pytest.mark.django_db(transaction=False)
def test_no_staff_page_or_log_line_shows_a_code_or_a_personal_link(console):
    world = build_world()
    for role in ("family_a", "family_excluded", "family_b"):
        world.client(role)  # each opens their link and signs in with the code sent to their phone
    secrets = secrets_the_phones_got()
    tokens = {s for s in secrets if not s.isdigit()}
    assert len(tokens) >= 3 and len(secrets - tokens) >= 3  # the test has something to find

    # A failing request on a personal link: Django logs its path.
    world.client("anonymous").get(f"/f/{next(iter(tokens))}/no-such-page/?code=123456")

    pages = [fill(route, world.ids) for route, _view in our_routes() if not route.startswith("f/")]
    for role in STAFF:
        client = world.client(role)
        for path in pages:
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode(errors="replace")
            leaked = [s for s in secrets if s in text and (not s.isdigit() or re.search(rf"\b{s}\b", text))]
            assert leaked == [], f"{role} sees a secret on {path}"

    messages_page = world.client("coordinator_a").get(f"/staff/messages/fgdm.case:{world.ids['case_id']}/")
    caption = BeautifulSoup(messages_page.content, "html.parser").select_one(".govuk-caption-l").text
    assert caption == Case.objects.get(pk=world.ids["case_id"]).reference  # the case's reference, not its id

    stored = " ".join(OutboundMessage.objects.values_list("body", flat=True))
    assert not [s for s in secrets if s in stored]
    assert "personal link (hidden)" in stored and "sign-in code (hidden)" in stored

    logged = console.getvalue()
    assert "Not Found: /f/[token]/no-such-page/" in logged
    assert not [s for s in tokens if s in logged]


def test_gunicorn_error_log_redacts_tokens_and_query_strings():
    spec = spec_from_file_location("gunicorn_conf", Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py")
    conf = module_from_spec(spec)
    spec.loader.exec_module(conf)
    config = Config()
    config.set("errorlog", "-")
    logger = conf.JsonAccessLogger(config)
    stream = io.StringIO()
    for handler in logger.error_log.handlers:
        handler.setStream(stream)

    token = "A" * 43
    logger.error("Error handling request /f/%s?code=123456", token)
    try:
        raise ValueError(f"bad request line GET /f/{token}")
    except ValueError:
        logger.exception("Error handling request")

    written = stream.getvalue()
    assert "Error handling request /f/[token]?[query]" in written
    assert token not in written and "123456" not in written
