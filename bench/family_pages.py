"""Family pages against their budgets: weight on first load (gzip) and queries as the network grows.

For each family page a signed-in member sees, it prints the compressed size of the HTML plus every
stylesheet, script and image the page links to (what an old phone downloads on a first visit),
the JavaScript share of that, and the number of database queries with a network of 5 and of 60
people. Budgets (docs/architecture.md): under 150 KB compressed, under 30 KB of JavaScript, and
queries that do not grow with the network.

    make bench-family             # SQLite
    DATABASE_URL=postgres://... make bench-family
"""

import gzip
import logging
import os
import posixpath
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PAGES = ["/f/meeting/", "/f/meeting/reply/", "/f/meeting/times/", "/f/plan/", "/f/plan/write/", "/f/child/"]
BUDGET_TOTAL, BUDGET_JS = 150 * 1024, 30 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
IMPORT = re.compile(r'(?:import|from)\s*["\']([./][^"\']+)["\']')  # a module's static imports


def build_family(size: int, n: int):
    """The benchmarks' standard case (bench/data.py) with ``size`` people; returns its plan writer."""
    from bench import data

    people = data.staff()
    _case, writer = data.measured_case(
        coordinator=people["coordinator"], practitioner=people["practitioner"], members=size, n=n
    )
    return writer


def measure(client: Client, path: str) -> tuple[int, int, int]:
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    query_count = len(queries)  # read now: the next request clears the connection's query log
    assert response.status_code == 200, (path, response.status_code)
    html = response.content
    total = len(gzip.compress(html))
    script = 0
    pending, seen = sorted(set(ASSET.findall(html.decode()))), set()
    while pending:
        asset = pending.pop()
        if asset in seen:
            continue
        seen.add(asset)
        served = client.get(asset)
        body = b"".join(served.streaming_content) if served.streaming else served.content
        size = len(gzip.compress(body))
        total += size
        if asset.endswith((".js", ".mjs")):
            script += size
            # A module's imports are downloaded too.
            base = asset.rsplit("/", 1)[0]
            for name in IMPORT.findall(body.decode()):
                pending.append(name if name.startswith("/") else posixpath.normpath(f"{base}/{name}"))
    return total, script, query_count


def main():
    from django.conf import settings

    from tests.family import sign_in

    logging.getLogger("django-q").setLevel(logging.WARNING)
    settings.DEBUG = False  # so only the measured requests are logged, and none are dropped
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    results = {}
    for size in (5, 60):
        member = build_family(size, n=size)
        client = Client()
        sign_in(client, member)
        results[size] = {path: measure(client, path) for path in PAGES}
    print(f"{'page':<20} {'KB gzip':>8} {'KB JS':>7} {'queries, 5 people':>18} {'queries, 60 people':>19}")
    worst_total = worst_js = 0
    flat = True
    for path in PAGES:
        total, script, small = results[5][path]
        _total, _script, large = results[60][path]
        worst_total, worst_js = max(worst_total, total), max(worst_js, script)
        flat = flat and small == large
        print(f"{path:<20} {total / 1024:8.1f} {script / 1024:7.1f} {small:18d} {large:19d}")
    print(
        f"heaviest page {worst_total / 1024:.1f} KB (budget 150), JavaScript {worst_js / 1024:.1f} KB (budget 30), "
        f"queries {'flat' if flat else 'GROW'} with the network"
    )
    ok = worst_total < BUDGET_TOTAL and worst_js < BUDGET_JS and flat
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
