import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client

from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_queue_without_personal_data(client, staff_factory):
    staff_factory(email="private.person@council.example")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "queue": "ok"}}
    assert "private.person" not in response.content.decode()


def test_health_says_unavailable_when_the_queue_cannot_be_reached(client, monkeypatch):
    import django_q.brokers

    class UnreachableBroker:
        def ping(self):
            raise ConnectionError("refused")

    monkeypatch.setattr(django_q.brokers, "get_broker", lambda *a, **k: UnreachableBroker())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "queue": "unavailable"}


def test_home_page_tells_families_what_the_service_is(client):
    response = client.get("/")

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert normalize_spaces(page.h1.text) == "Family group meetings"
    assert "make a plan to keep the child safe and well" in normalize_spaces(page.main.text)


def test_every_page_has_the_skip_link_phase_banner_service_name_and_footer_links(client):
    page = BeautifulSoup(client.get("/help/").content, "html.parser")

    assert page.select_one("a.govuk-skip-link")["href"] == "#main-content"
    assert page.select_one("main#main-content") is not None
    assert normalize_spaces(page.select_one(".govuk-phase-banner__content__tag").text) == "Beta"
    assert normalize_spaces(page.select_one(".govuk-service-navigation__service-name").text) == settings.SERVICE_NAME
    assert normalize_spaces(page.select_one(".govuk-generic-header").text) == settings.COUNCIL_NAME
    footer = {normalize_spaces(a.text): a["href"] for a in page.select("footer a")}
    assert footer == {
        "Help and contact": "/help/",
        "Accessibility statement": "/accessibility/",
        "Privacy notice": "/privacy/",
    }


def test_service_name_is_the_councils_own(client, settings):
    settings.SERVICE_NAME = "Family Meetings Northshire"

    page = BeautifulSoup(client.get("/privacy/").content, "html.parser")

    assert "Family Meetings Northshire" in page.title.text


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/help/"])
def test_footer_pages_are_there(client, path):
    assert client.get(path).status_code == 200


def test_unknown_address_gets_the_styled_not_found_page(client):
    response = client.get("/no-such-page/")

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 404
    assert normalize_spaces(page.h1.text) == "Page not found"
    assert page.select_one(".govuk-footer") is not None


def test_a_csrf_failure_is_explained_plainly(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"login": "a@b.example", "password": "x"})

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 403
    assert normalize_spaces(page.h1.text) == "Your form could not be sent"


def test_a_server_error_gets_the_styled_page(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 500
    assert normalize_spaces(page.h1.text) == "Sorry, there is a problem with the service"


def test_pages_send_security_headers(client):
    response = client.get("/help/")

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def _start_production(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "PUBLIC_BASE_URL"}
    }
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("missing", "given"),
    [
        ("SECRET_KEY", {}),
        ("DATABASE_URL", {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "portal.example"}),
        ("PUBLIC_BASE_URL", {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "portal.example", "DATABASE_URL": "sqlite:///x"}),
    ],
)
def test_production_will_not_start_without_a_setting_and_names_it(missing, given):
    result = _start_production(given)

    assert result.returncode != 0
    assert f"The environment variable {missing} is not set" in result.stderr


def test_production_names_a_malformed_setting():
    result = _start_production(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "portal.example",
            "DATABASE_URL": "sqlite:///x",
            "PUBLIC_BASE_URL": "https://portal.example",
            "SECURE_HSTS_SECONDS": "a year",
        }
    )

    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a whole number" in result.stderr


def test_the_privacy_notice_says_how_long_records_are_kept(client, settings):
    settings.RETENTION_DAYS_AFTER_CLOSURE = 6 * 365
    text = normalize_spaces(BeautifulSoup(client.get("/privacy/").content, "html.parser").select_one("main").text)
    assert "We keep it for 6 years after the case closes." in text
    assert "It will not have other people's details." in text


def test_the_service_name_is_in_the_visitors_language_unless_the_council_chose_its_own(client, settings):
    from bs4 import BeautifulSoup

    def header(path):
        page = BeautifulSoup(client.get(path).content, "html.parser")
        return normalize_spaces(page.select_one(".govuk-service-navigation__service-name").text)

    assert header("/help/") == "Family group meetings"
    assert header("/help/?lang=ar") == "اجتماعات المجموعة العائلية"  # a footer page, with a language picked
    client.cookies["django_language"] = "pl"
    assert header("/pl/") == "Rodzinne spotkania grupowe"
    settings.SERVICE_NAME = "Northtown Family Meetings"
    assert header("/pl/") == "Northtown Family Meetings"
