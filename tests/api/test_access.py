"""Who gets in: a live key with the right scope. Every call is audited and each client has its own rate."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from api.keys import hash_key
from api.models import ApiClient
from api.services.clients import create_client, revoke_client
from portal.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_live_key_reads_the_agreed_plan(api_world):
    response = api_world.api().get("/api/v1/plans/", {"decision": "agreed"})
    assert response.status_code == 200
    [plan] = response.json()["results"]
    assert plan["case_reference"] == api_world.case.reference
    assert plan["decision"]["agreed"] is True
    assert plan["actions"][0]["what"] == "Nan takes Mia to school on Mondays, Wednesdays and Fridays."


def test_the_key_is_kept_only_as_its_hash(api_world):
    client = ApiClient.objects.get(pk=api_world.client.pk)
    assert client.key_hash == hash_key(api_world.key)
    assert api_world.key not in str(ApiClient.objects.filter(pk=client.pk).values().get())


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer fgdm_not-a-key", "Bearer", "Token abc", "Bearer fgdm_a fgdm_b", "Bearer \x00"],
)
def test_an_unknown_or_missing_key_is_refused_with_401(api_world, authorization):
    from django.test import Client

    response = Client(headers={"authorization": authorization} if authorization else {}).get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_key_is_refused(api_world):
    assert api_world.api().get("/api/v1/cases/").status_code == 200
    revoke_client(client=api_world.client, actor=api_world.manager)
    response = api_world.api().get("/api/v1/cases/")
    assert response.status_code == 401
    assert response.json() == {"detail": "This key is not valid. It may have been revoked or have expired."}


def test_an_expired_key_is_refused(api_world):
    ApiClient.objects.filter(pk=api_world.client.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_world.api().get("/api/v1/plans/").status_code == 401


def test_a_scope_limits_what_a_key_sees(api_world):
    _client, key = create_client(name="Plans only", scopes=["plans"], expires_at=None, actor=api_world.manager)
    api = api_world.api(key)
    assert api.get("/api/v1/plans/").status_code == 200
    for path in ["/api/v1/cases/", "/api/v1/support-requests/", "/api/v1/figures/statutory/", "/api/v1/outcomes/"]:
        response = api.get(path)
        assert response.status_code == 403, path
        assert response.json() == {"detail": "This key's scope does not cover this resource."}
    assert api.get(f"/api/v1/cases/{api_world.case.pk}/").status_code == 403


def test_a_client_sees_only_the_cases_its_manager_may_see(api_world, practitioner):
    """A client made by someone who later loses the manager role sees no case at all."""
    from portal.accounts import roles

    api_world.manager.groups.remove(roles.group_for(roles.SERVICE_MANAGER))
    response = api_world.api().get("/api/v1/cases/")
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert api_world.api().get(f"/api/v1/plans/{api_world.plan.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"updated_since": "yesterday"},
            {"updated_since": ["Give updated_since as a date and time, like 2026-11-30T09:00:00Z."]},
        ),
        ({"case_reference": "12"}, {"case_reference": ["Give case_reference like FG-00012."]}),
        ({"decision": "maybe"}, {"decision": ["Give decision as agreed, not_agreed or waiting."]}),
    ],
)
def test_a_malformed_filter_is_a_400_that_says_why(api_world, query, message):
    response = api_world.api().get("/api/v1/plans/", query)
    assert response.status_code == 400
    assert response.json() == message


def test_updated_since_leaves_out_older_records(api_world):
    later = (timezone.now() + timedelta(minutes=5)).isoformat()
    api = api_world.api()
    assert api.get("/api/v1/plans/", {"updated_since": later}).json()["results"] == []
    earlier = (timezone.now() - timedelta(days=1)).isoformat()
    assert [p["id"] for p in api.get("/api/v1/plans/", {"updated_since": earlier}).json()["results"]] == [
        api_world.plan.pk
    ]


def test_every_call_is_audited_with_the_client_and_the_ids_it_read(api_world):
    before = AuditEvent.objects.filter(action="api.read").count()
    api = api_world.api()
    api.get("/api/v1/plans/")
    api.get(f"/api/v1/cases/{api_world.case.pk}/")
    api.get("/api/v1/plans/", {"decision": "maybe"})
    events = list(AuditEvent.objects.filter(action="api.read").order_by("pk"))[before:]
    assert [(e.actor_label, e.object_type, e.detail) for e in events] == [
        (
            "API client: Mosaic",
            "api.plans",
            {"client": api_world.client.pk, "resource": "plans", "ids": [api_world.plan.pk], "status": 200},
        ),
        (
            "API client: Mosaic",
            "api.cases",
            {"client": api_world.client.pk, "resource": "cases", "ids": [api_world.case.pk], "status": 200},
        ),
        (
            "API client: Mosaic",
            "api.plans",
            {"client": api_world.client.pk, "resource": "plans", "ids": [], "status": 400},
        ),
    ]


def test_each_client_has_its_own_rate_limit(api_world):
    from django.core.cache import cache

    cache.clear()
    ApiClient.objects.filter(pk=api_world.client.pk).update(requests_per_minute=3)
    _other, other_key = create_client(name="Other", scopes=["cases"], expires_at=None, actor=api_world.manager)
    api = api_world.api()
    assert [api.get("/api/v1/cases/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert api_world.api(other_key).get("/api/v1/cases/").status_code == 200
    cache.clear()


def test_manage_py_api_key_create_prints_the_key_alone_on_its_last_line(api_world):
    out = StringIO()
    call_command(
        "api_key", "create", "--name", "Liquidlogic", "--scope", "read", "--by", api_world.manager.email, stdout=out
    )
    key = out.getvalue().strip().splitlines()[-1]
    assert key.startswith("fgdm_") and " " not in key
    client = ApiClient.objects.get(name="Liquidlogic")
    assert client.key_hash == hash_key(key)
    assert client.scopes == ["cases", "meetings", "plans", "outcomes", "support", "figures"]
    from django.test import Client

    assert Client(headers={"authorization": f"Bearer {key}"}).get("/api/v1/plans/").status_code == 200
