"""Headers on every kind of page, HSTS as production sends it, idle sessions, and check --deploy."""

import os
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests.security.world import build_world

PAGES = {"anonymous": "/help/", "family_a": "/f/meeting/", "manager": "/cases/", "coordinator_a": "/cases/1/plan/"}
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_every_kind_of_page_sends_the_security_headers():
    world = build_world()
    for role, path in PAGES.items():
        response = world.client(role).get(path.replace("/1/", f"/{world.ids['case_id']}/"))
        assert response.status_code == 200, (role, path)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
    family = world.client("family_a").get("/f/meeting/")
    assert "no-store" in family["Cache-Control"]


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_over_https(client, db):
    response = client.get("/help/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_a_staff_session_ends_after_thirty_idle_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # kept alive while used: tests/portal/test_sessions.py
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
    world = build_world()
    client = world.client("manager")
    assert client.get("/cases/").status_code == 200
    session = client.session
    session.set_expiry(-1)  # what 30 quiet minutes leave behind: an expired session
    session.save()
    assert client.get("/cases/")["Location"].startswith("/accounts/login/")


def test_check_deploy_is_clean_under_production_settings():
    # Only the test run sets DJANGO_ALLOW_ASYNC_UNSAFE (for the browser tests); a deployment never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(  # noqa: S603  (our own script)
        [str(ROOT / "bin" / "check-deploy")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _inline_scripts(response):
    """Scripts the browser would run that are written into the page rather than loaded from a file."""
    page = BeautifulSoup(response.content, "html.parser")
    runnable = {None, "", "text/javascript", "module"}
    return [s for s in page.find_all("script") if not s.get("src") and s.get("type") in runnable]


@pytest.mark.django_db
def test_the_wagtail_admin_loads_under_a_policy_that_runs_only_its_own_nonced_inline_script(client, staff_factory):
    from wagtail.models import Page

    client.force_login(staff_factory(None, is_superuser=True))
    page = Page.objects.filter(depth__gt=1).first()
    nonces = set()
    for path in ["/cms/", "/cms/pages/", f"/cms/pages/{page.pk}/edit/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
        script = policy["script-src"].split()
        assert script[0] == "'self'" and script[1].startswith("'nonce-") and len(script) == 2, policy
        assert (policy["default-src"], policy["object-src"], policy["base-uri"]) == ("'self'", "'none'", "'self'")
        assert policy["frame-ancestors"] == "'self'"  # the editor's preview frame, nobody else's
        nonce = script[1][len("'nonce-") : -1]
        nonces.add(nonce)
        # Whatever Wagtail writes inline carries this response's nonce; nothing else inline would run.
        assert all(s.get("nonce") == nonce for s in _inline_scripts(response)), path
    edit = client.get(f"/cms/pages/{page.pk}/edit/")
    assert any("initDateTimeChooser" in s.text for s in _inline_scripts(edit))  # the go-live date picker
    assert len(nonces) == 3  # a fresh nonce for every response


def test_the_rest_of_the_site_keeps_its_policy_without_any_inline_script(client, db):
    policy = client.get("/help/")["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "nonce" not in policy and "unsafe-inline" not in policy
