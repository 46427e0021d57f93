"""The reference client in bin/ reads an agreed plan from a running portal and verifies a webhook."""

import importlib.machinery
import importlib.util
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings


def _client_module():
    path = Path(settings.BASE_DIR) / "bin" / "case-system-client"
    loader = importlib.machinery.SourceFileLoader("case_system_client", str(path))
    spec = importlib.util.spec_from_loader("case_system_client", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_reference_client_fetches_the_agreed_plan_from_a_running_portal(live_server, api_world, capsys):
    client = _client_module()
    assert client.main(["--url", live_server.url, "--key", api_world.key, "plans"]) == 0
    printed = capsys.readouterr().out
    plan = json.loads(printed[: printed.index("\n}") + 2])
    assert plan["id"] == api_world.plan.pk
    assert plan["actions"][0]["what"] == "Nan takes Mia to school on Mondays, Wednesdays and Fridays."
    # Nothing agreed since tomorrow.
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert client.agreed_plans_since(live_server.url, api_world.key, datetime.fromisoformat(tomorrow)) == []


@pytest.mark.django_db(transaction=True)
def test_on_the_demo_portal_the_reference_client_fetches_the_agreed_plan(live_server, settings, capsys):
    """What docs/api.md shows after ``make run``: ``api_demo``, then ``bin/case-system-client plans``."""
    from io import StringIO

    from django.core.management import call_command

    from fgdm import demo
    from portal.accounts.demo import ensure_demo_staff

    settings.DEBUG = True
    ensure_demo_staff()
    demo.seed()
    out = StringIO()
    call_command("api_demo", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    client = _client_module()
    assert client.main(["--url", live_server.url, "--key", key, "plans"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["decision"]["agreed"] is True
    assert plan["case_reference"] == demo.seed().reference
    assert plan["actions"] and all(action["what"] for action in plan["actions"])
