"""Sessions are kept alive while used but written at most once a minute, staff's and the family's alike."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.family_access import session as family_session
from portal.sessions import REFRESHED_KEY
from tests.family import sign_in
from tests.fgdm.conftest import *  # noqa: F403  (case, member and meeting fixtures)

pytestmark = pytest.mark.django_db


def _session_writes(client, path, times):
    with CaptureQueriesContext(connection) as queries:
        for _ in range(times):
            assert client.get(path).status_code == 200
    return [q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].lstrip().startswith("SELECT")]


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _age_refresh(client, seconds):
    stored = client.session
    stored[REFRESHED_KEY] = int(time.time()) - seconds
    stored.save()
    Session.objects.filter(session_key=stored.session_key).update(expire_date=timezone.now() + timedelta(minutes=20))


def test_a_staff_session_is_written_once_a_minute_at_most_and_kept_alive(client, coordinator):
    client.force_login(coordinator)
    client.get("/cases/")  # the first page after signing in starts the minute

    assert _session_writes(client, "/cases/", 5) == []

    _age_refresh(client, 61)
    assert len(_session_writes(client, "/cases/", 3)) == 1
    assert _expiry(client) > timezone.now() + timedelta(minutes=29)


def test_a_family_session_is_written_once_a_minute_at_most_and_kept_alive(client, consented, member_factory, meeting):
    member = member_factory("Gran Oak")
    sign_in(client, member)
    client.get("/f/meeting/")

    assert _session_writes(client, "/f/meeting/", 5) == []

    _age_refresh(client, 61)
    stored = client.session
    stored[family_session.SESSION_KEY]["seen"] -= 61
    stored.save()
    assert len(_session_writes(client, "/f/meeting/", 3)) == 1
    assert _expiry(client) > timezone.now() + timedelta(minutes=29)


def test_a_session_used_within_the_minute_still_ends_after_thirty_idle_minutes(client, coordinator):
    client.force_login(coordinator)
    client.get("/cases/")
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get("/cases/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
