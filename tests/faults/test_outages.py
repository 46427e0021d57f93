"""Outages: Redis (the cache and the queue's broker) and PostgreSQL going away.

The cache is an optimisation, so with Redis down pages still render; the friendly 500 page is
standalone, so with the database down people still get it, styled and in their language.
"""

import os
import shutil
import signal
import subprocess
import time

import pytest
import redis
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import Client, override_settings

from bench.server import free_port
from tests.factories import make_staff
from tests.security.world import build_world
from tests.text import normalize_spaces

# A Redis of this test's own on a free port, so stopping it touches nobody else's (the SQLite and
# PostgreSQL passes run side by side, each may start one).
PORT = free_port()
REDIS_URL = f"redis://127.0.0.1:{PORT}/11"
RESILIENT = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}
SORRY = "Sorry, there is a problem with the service"


@pytest.fixture
def own_redis(tmp_path):
    """A private redis-server on PORT, started here; the test stops it to make the outage."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    pidfile = tmp_path / "redis.pid"
    server = shutil.which("redis-server")
    arguments = ["--port", str(PORT), "--save", "", "--appendonly", "no", "--daemonize", "yes"]
    subprocess.run([server, *arguments, "--pidfile", str(pidfile), "--dir", str(tmp_path)], check=True)  # noqa: S603
    client = redis.Redis.from_url(REDIS_URL)
    for _ in range(50):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)

    def stop():
        if pidfile.exists():
            pid = int(pidfile.read_text())
            os.kill(pid, signal.SIGTERM)
            for _ in range(50):
                try:
                    client.ping()
                except redis.ConnectionError:
                    return
                time.sleep(0.1)

    yield stop
    stop()


def _text(response) -> str:
    from bs4 import BeautifulSoup

    return normalize_spaces(BeautifulSoup(response.content, "html.parser").body.get_text(" "))


@pytest.mark.django_db
def test_with_redis_stopped_guides_staff_pages_and_sign_in_still_render(own_redis):
    world = build_world()
    with override_settings(CACHES=RESILIENT):
        cache = caches["default"]
        cache.set("portal:outage-test", "here", 30)
        assert cache.get("portal:outage-test") == "here"  # Redis really is the cache until it stops
        own_redis()
        anonymous = Client(raise_request_exception=True)
        for path in ["/", "/help/", "/search/?q=meeting", "/accounts/login/", "/pl/"]:
            assert anonymous.get(path).status_code == 200, path
        coordinator = world.client("coordinator_a", raise_request_exception=True)
        assert coordinator.get("/cases/").status_code == 200
        assert coordinator.get(f"/cases/{world.ids['case_id']}/").status_code == 200
        assert world.client("manager", raise_request_exception=True).get("/support/manager/").status_code == 200
        assert world.client("family_a", raise_request_exception=True).get("/f/meeting/").status_code == 200
        assert cache.get("portal:outage-test") is None
        assert cache.is_down


@pytest.mark.django_db
def test_every_cache_call_failing_costs_a_request_no_more_than_one_short_wait(own_redis):
    own_redis()
    with override_settings(CACHES=RESILIENT):
        cache = caches["default"]
        started = time.monotonic()
        for n in range(200):
            cache.set(f"k{n}", n)
            assert cache.get(f"k{n}") is None
            assert cache.get_or_set(f"g{n}", 1) == 1
        with pytest.raises(ValueError):
            cache.incr("counter")
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert time.monotonic() - started < 2


@pytest.mark.django_db
def test_health_says_unavailable_when_redis_is_down(own_redis, client, monkeypatch):
    import django_q.brokers
    from django_q.brokers.redis_broker import Redis
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    own_redis()
    monkeypatch.setattr(django_q.brokers, "get_broker", lambda *a, **k: Redis())
    with override_settings(CACHES=RESILIENT):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "queue": "unavailable"}


def _database_gone(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


@pytest.mark.django_db
def test_with_the_database_down_a_signed_in_member_of_staff_gets_the_styled_500_page(monkeypatch):
    staff = make_staff()
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    monkeypatch.setattr(connection, "cursor", _database_gone)
    monkeypatch.setattr(connection, "chunked_cursor", _database_gone)

    response = client.get("/cases/")

    assert response.status_code == 500
    assert _text(response).startswith(f"Skip to main content Demo Borough Council Family group meetings {SORRY}")
    assert "Try again later. Anything you saved before the problem has been kept." in _text(response)
    assert b'href="/static/build/app.css"' in response.content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_with_the_database_down_a_polish_guide_gives_the_500_page_in_polish(monkeypatch):
    client = Client(raise_request_exception=False)
    monkeypatch.setattr(connection, "cursor", _database_gone)
    monkeypatch.setattr(connection, "chunked_cursor", _database_gone)

    response = client.get("/pl/")

    assert response.status_code == 500
    assert b'<html lang="pl" dir="ltr"' in response.content
    assert "Przepraszamy, wystąpił problem z usługą" in _text(response)


def test_the_500_page_renders_with_no_request_at_all():
    from django.test import RequestFactory

    from portal.views import server_error

    with override_settings(CACHES=RESILIENT):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert SORRY in response.content.decode()
