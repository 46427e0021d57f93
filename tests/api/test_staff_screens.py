"""The service manager's screen: a key shown once, a revoke button that works, the statutory export."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from api.keys import hash_key
from api.models import ApiClient
from portal.audit.models import AuditEvent
from tests.text import normalize_spaces

pytestmark = pytest.mark.django_db


def text(response, selector):
    return normalize_spaces(BeautifulSoup(response.content, "html.parser").select_one(selector).text)


def test_a_manager_creates_a_client_and_sees_its_key_once(client, manager):
    client.force_login(manager)
    response = client.post("/staff/api/", {"name": "Mosaic", "scopes": ["plans", "outcomes"], "expires_on": ""})
    assert response.status_code == 200
    assert text(response, ".govuk-panel__title") == "API client created: Mosaic"
    key = text(response, "#api-key")
    made = ApiClient.objects.get(name="Mosaic")
    assert made.key_hash == hash_key(key) and made.scopes == ["plans", "outcomes"]
    assert "no-store" in response["Cache-Control"]
    listing = client.get("/staff/api/")
    assert key not in listing.content.decode()
    assert text(listing, "tbody tr") == f"Mosaic {made.key_prefix}… plans, outcomes Active Never"
    assert AuditEvent.objects.filter(action="api.client_created", object_id=str(made.pk)).exists()


def test_a_client_needs_a_scope_and_a_future_expiry(client, manager):
    client.force_login(manager)
    response = client.post("/staff/api/", {"name": "Mosaic", "expires_on": "1/1/2020"})
    errors = [
        normalize_spaces(li.text)
        for li in BeautifulSoup(response.content, "html.parser").select(".govuk-error-summary__list li")
    ]
    assert errors == ["Choose at least one thing it may read", "The expiry date must be in the future"]
    assert not ApiClient.objects.exists()


def test_revoking_on_the_screen_refuses_the_key(client, api_world):
    client.force_login(api_world.manager)
    response = client.post(f"/staff/api/{api_world.client.pk}/revoke/")
    assert response.status_code == 302
    assert text(client.get(response["Location"]), "#client-status") == "Revoked"
    assert api_world.api().get("/api/v1/plans/").status_code == 401


def test_a_webhook_secret_is_shown_once(client, api_world):
    client.force_login(api_world.manager)
    response = client.post(
        f"/staff/api/{api_world.client.pk}/", {"url": "https://mosaic.example/hooks", "events": ["plan.agreed"]}
    )
    secret = text(response, "#webhook-secret")
    assert secret.startswith("whsec_")
    assert secret not in client.get(f"/staff/api/{api_world.client.pk}/").content.decode()


def test_a_webhook_address_must_be_https(client, api_world):
    client.force_login(api_world.manager)
    response = client.post(
        f"/staff/api/{api_world.client.pk}/", {"url": "http://mosaic.example/hooks", "events": ["plan.agreed"]}
    )
    assert text(response, ".govuk-error-summary__list") == "The address must start with https://"


def test_the_statutory_figures_export_as_csv_and_json(client, api_world, practitioner):
    client.force_login(practitioner)
    query = {"start": "1/1/2000", "end": "31/12/2099", "format": "csv"}
    rows = list(csv.reader(io.StringIO(client.get("/staff/statutory-figures/", query).content.decode())))
    assert ["Duty to offer a meeting at pre-proceedings"] in rows
    assert ["Family plans"] in rows and ["Agreed", "1"] in rows
    assert ["Support spend by category"] in rows
    assert ["Furniture and equipment", "240.00", "0.00"] in rows
    assert ["Transport", "162.50", "0.00"] in rows
    assert ["Long-term"] not in rows and ["Short-term (up to 6 months)", "162.50", "0.00"] in rows
    assert ["One-off", "240.00", "0.00"] in rows

    answer = api_world.api().get("/api/v1/figures/statutory/", {"start": "2000-01-01", "end": "2099-12-31"}).json()
    by_key = {figure["key"]: figure for figure in answer["figures"]}
    assert by_key["plans"]["rows"][1] == ["Agreed", 1]
    assert by_key["support_spend_by_duration"]["rows"] == [
        ["One-off", "240.00", "0.00"],
        ["Short-term (up to 6 months)", "162.50", "0.00"],
    ]
    bad = api_world.api().get("/api/v1/figures/statutory/", {"start": "2027-01-01", "end": "2026-01-01"})
    assert (bad.status_code, bad.json()) == (400, {"end": ["The end must be on or after the start."]})


def test_the_reference_is_readable_without_javascript(client, practitioner):
    client.force_login(practitioner)
    response = client.get("/api/v1/reference/")
    headings = [normalize_spaces(h.text) for h in BeautifulSoup(response.content, "html.parser").select("h3")]
    assert "GET /api/v1/plans/ — List plan versions sent by families" in headings
    assert "<script>" not in response.content.decode()
