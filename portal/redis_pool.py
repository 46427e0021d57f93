"""One Redis connection pool per process, shared by the cache, the queue's broker and ``/healthz``.

Without it, every ``async_task()`` and every health check built a broker with a pool of its own and
opened a fresh connection to Redis, and the cache kept its own pools beside them. Now a web worker
holds a few connections for its whole life. redis-py's pool notices a fork and starts afresh in
the child, so gunicorn's preloaded master never shares a socket with a worker.
"""

import threading

import redis
from django.core.cache.backends.redis import RedisCacheClient
from django_q.brokers.redis_broker import Redis as RedisBroker
from django_q.conf import Conf

# A dead Redis must cost a request milliseconds, not the operating system's TCP timeout.
OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "health_check_interval": 30}
# The cluster waits on the queue with a blocking read of up to a second: its own, longer timeout.
BLOCKING_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 5}

_pools: dict[tuple[str, bool], redis.ConnectionPool] = {}
_lock = threading.Lock()


def pool(url: str, *, blocking: bool = False) -> redis.ConnectionPool:
    """This process's pool for ``url`` (one for short calls, one for the cluster's blocking reads)."""
    key = (url, blocking)
    found = _pools.get(key)
    if found is None:
        with _lock:
            found = _pools.get(key)
            if found is None:
                found = _pools[key] = redis.ConnectionPool.from_url(url, **(BLOCKING_OPTIONS if blocking else OPTIONS))
    return found


class SharedPoolCacheClient(RedisCacheClient):
    """Django's Redis cache client, drawing its connections from the shared pool."""

    def _get_connection_pool(self, write):
        return pool(self._servers[self._get_connection_pool_index(write)])


class SharedPoolBroker(RedisBroker):
    """django-q2's Redis broker on the shared pool: queueing a task or checking health opens nothing."""

    @staticmethod
    def get_connection(list_key: str | None = None) -> redis.Redis:
        return redis.Redis(connection_pool=pool(Conf.REDIS))

    def dequeue(self):
        if not hasattr(self, "_waiting"):
            self._waiting = redis.Redis(connection_pool=pool(Conf.REDIS, blocking=True))
        task = self._waiting.blpop(self.list_key, 1)
        if task:
            return [(None, task[1])]
        return None
