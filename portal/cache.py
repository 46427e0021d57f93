"""The cache is an optimisation: when Redis is down, every page still renders from the database.

Django's own ``RedisCache`` raises on every call while Redis is unreachable, which took the whole
site down with it. ``ResilientRedisCache`` answers a miss instead, logs the outage once, and stops
trying for a few seconds so each request does not wait for a connection that will not come.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from portal.redis_pool import SharedPoolCacheClient

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
_UNREACHABLE = (RedisError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        # Connections come from the process's one pool (portal/redis_pool.py), with short timeouts.
        self._class = SharedPoolCacheClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _call(self, method, miss, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return miss
        try:
            return getattr(super(), method)(*args, **kwargs)
        except _UNREACHABLE:
            with self._lock:
                if time.monotonic() >= self._down_until:
                    logger.warning("The cache (Redis) is unreachable: serving without it for now", exc_info=True)
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            return miss

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._call("incr", missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Nothing was stored: every key "failed", as Django's contract for set_many says.
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until
