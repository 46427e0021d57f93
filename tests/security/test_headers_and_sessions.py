"""Headers on every kind of page, HSTS as production sends it, idle sessions, and check --deploy."""

import os
import subprocess
from pathlib import Path

import pytest
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
