"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Every value can be changed with an environment variable, so the same file serves a 2-core
machine and a larger one. See docs/deploy.md.

The access log is one JSON object per request — request id, method, path without the query
string (personal-link tokens replaced), status and duration — and nothing personal: no query
strings, no referrer, no user agent, no client address.
"""

import json
import os
import re
import time

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gthread, cores + 1 processes x 4 threads (3 x 4 on 2 cores): a cached guide page (~3 ms) takes a
# free thread instead of queueing behind signed-in pages for one of the sync workers. bench/load.py,
# 50 people, 45 s, runs one after the other (docs/performance.md, section 3): anonymous p95 at the
# client 20.4-36.1 ms (3 runs) against 44.7-73.5 with 5 sync workers (3 runs); signed-in p95
# 110.3-164.0 against 133.0-167.7; 0 errors. Each thread keeps a database connection of its own.
# Threads are safe here: no per-request state on module level, process caches behind locks or
# written in one step (portal/redis_pool.py, portal/cache.py, content/templatetags/languages.py).
# Sync workers as before: GUNICORN_THREADS=1 WEB_CONCURRENCY=5.
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread" if threads > 1 else "sync")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never takes the site down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the app once in the master: workers start faster and share memory.
preload_app = True
# The proxy in front sets X-Forwarded-Proto; only trust it from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 4094
limit_request_fields = 100

errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

_TOKEN = re.compile(r"(/f/)[A-Za-z0-9_-]{20,}")  # a personal link's token; the same rule as portal/jsonlog.py


class JsonAccessLogger(Logger):
    """gunicorn's logger with a JSON access line and no personal data in it, and an error log that
    redacts personal-link tokens and query strings ("Error handling request /f/…")."""

    def setup(self, cfg):
        from portal.jsonlog import RedactSecrets

        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(RedactSecrets())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        headers = dict(resp.headers) if not isinstance(resp.headers, dict) else resp.headers
        request_id = next((v for k, v in headers.items() if k.lower() == "x-request-id"), None)
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "type": "access",
            "request_id": request_id,
            "method": environ.get("REQUEST_METHOD"),
            "path": _TOKEN.sub(r"\1[token]", environ.get("PATH_INFO", "")),
            "status": int(str(resp.status).split()[0]) if resp.status else None,
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
        }
        try:
            self.access_log.info(json.dumps(entry))
        except Exception:
            self.exception("Could not write the access log")


logger_class = JsonAccessLogger

# No control socket: it would live in $HOME (read-only under systemd) and clash between two
# gunicorns on one machine. Reload with SIGHUP (systemctl reload portal-web) instead.
control_socket_disable = True


def when_ready(server):
    """The app is loaded in the master (``preload_app``): warm it once, and every worker forked from
    it, the replacements of recycled workers too, serves its first page as fast as its thousandth."""
    import gc

    from portal.warmup import warm

    server.log.info("Warmed %d templates, URL resolvers and translations before forking workers", warm())
    # What is loaded by now lives as long as the process. Frozen, the garbage collector leaves it
    # alone: a worker's collections scan only what its requests make (no pause of a tenth of a
    # second over some 300,000 objects in the middle of a page), and the memory the workers share
    # with the master stays shared instead of being copied when a collection touches it.
    gc.freeze()
    server.log.info("Froze %d objects out of the garbage collector's sight", gc.get_freeze_count())
