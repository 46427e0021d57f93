"""Production settings, with a query count, for bench/messaging_throughput.py.

The benchmark runs the portal as real processes (gunicorn and ``manage.py qcluster``). With
``BENCH_QUERY_COUNT_DIR`` set, every process counts the SQL statements it sends through Django's
database cursor (the web requests, the queue's own bookkeeping, the send task, the scheduler) and
writes its running total to ``<dir>/<web|queue|other>-<pid>`` twice a second.

Everything else is ``portal.settings.production`` unchanged.
"""

import os
import sys
import threading
import time
from pathlib import Path

from portal.settings.production import *  # noqa: F403

_COUNT_DIR = os.environ.get("BENCH_QUERY_COUNT_DIR", "")


class _QueryCount:
    """One running total per process (a forked queue worker starts its own at 0)."""

    def __init__(self, folder: Path):
        self.folder, self.pid, self.total = folder, None, 0
        argv = " ".join(sys.argv)
        self.role = "queue" if "qcluster" in argv else "web" if "gunicorn" in argv else "other"

    def __call__(self, execute, sql, params, many, context):
        if self.pid != os.getpid():  # first query in this process: start its own count and writer
            self.pid, self.total = os.getpid(), 0
            threading.Thread(target=self._write, daemon=True).start()
        self.total += 1
        return execute(sql, params, many, context)

    def _write(self):
        pid, path, written = self.pid, self.folder / f"{self.role}-{self.pid}", -1
        while True:
            if self.total != written and pid == self.pid:
                written = self.total
                path.write_text(str(written))
            time.sleep(0.5)


if _COUNT_DIR:
    from django.db.backends.signals import connection_created

    _counter = _QueryCount(Path(_COUNT_DIR))

    def _count_queries(sender, connection, **kwargs):
        if _counter not in connection.execute_wrappers:
            connection.execute_wrappers.append(_counter)

    connection_created.connect(_count_queries, weak=False)
