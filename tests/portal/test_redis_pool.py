"""One Redis connection pool per process: the cache, queueing a task and /healthz open no new
connections however often they are used. Counted by the real Redis server (CLIENT LIST)."""

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = "redis://127.0.0.1:6379/13"
CACHE = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}


@pytest.fixture
def shared_pool_settings(monkeypatch):
    from django_q.conf import Conf

    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    monkeypatch.setattr(Conf, "BROKER_CLASS", "portal.redis_pool.SharedPoolBroker")
    monkeypatch.setattr(Conf, "ORM", None)
    server.delete("django_q:portal-pool-test:q")
    with override_settings(CACHES=CACHE):
        yield server
    server.delete("django_q:portal-pool-test:q")
    server.close()


def _connections_to_db_13(server) -> int:
    return sum(1 for c in server.client_list() if c.get("db") == "13")


@pytest.mark.django_db
def test_cache_queue_and_health_share_one_pool_and_open_nothing_new(shared_pool_settings, client):
    from django_q.brokers import get_broker

    server = shared_pool_settings
    cache = caches["default"]
    broker = get_broker("portal-pool-test")
    assert broker.connection.connection_pool is cache._cache.get_client(write=True).connection_pool

    cache.set("warm", 1)
    assert client.get("/healthz").status_code == 200
    before = _connections_to_db_13(server)
    for n in range(50):
        cache.set(f"k{n}", n)
        assert cache.get(f"k{n}") == n
        get_broker("portal-pool-test").enqueue(f"task {n}")
        assert client.get("/healthz").json()["checks"]["queue"] == "ok"
    assert get_broker("portal-pool-test").queue_size() == 50
    # The server's own count: one connection for all of it (the test's own client aside).
    assert _connections_to_db_13(server) - before <= 1


@pytest.mark.django_db
def test_the_clusters_blocking_read_waits_longer_than_a_short_call_may(shared_pool_settings):
    """The pool's calls give up after half a second; the cluster's one-second wait on an empty queue
    has its own connection, so it returns nothing rather than failing."""
    from django_q.brokers import get_broker

    broker = get_broker("portal-pool-test")
    assert broker.dequeue() is None
    broker.enqueue("one")
    assert broker.dequeue() == [(None, b"one")]
