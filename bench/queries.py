"""Queries per page as the network and the caseload grow: the count must stay flat.

Builds one case like the demo family's (meeting, invitations, times offered, a sent plan, a support
request waiting) and measures the main staff and family pages three times:

    A: 5 people in the network, 10 cases for the coordinator
    B: 50 people in the network, 10 cases
    C: 50 people in the network, 1,000 cases

Budget (docs/architecture.md): queries per page do not grow with the size of the network or the
number of cases. A page whose count rises from A to B or C is marked GROWS, and the script
exits non-zero. Each page is also timed at C, warm: the median of BENCH_REPEAT requests' CPU time
in this process (Django, templates and, on SQLite, the database too), in milliseconds, and that
median as a ratio to the floor's: the floor is a view that does nothing (bench/urls.py, a
bench-only URLconf), asked without a session between every two timed page requests, so it is the
least any request costs here (Django's request handling and every middleware) at the same moment.

    make bench-queries                        # SQLite (a throwaway test database)
    DATABASE_URL=postgres://... make bench-queries
    BENCH_CASES=200 make bench-queries         # a quicker run
    BENCH_REPEAT=31 make bench-queries         # more requests timed per page (default 15)
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment  # noqa: E402

MAX_CASES = int(os.environ.get("BENCH_CASES", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "15"))
FLOOR_PATH = "/bench/floor/"  # bench/urls.py
FLOOR = ("floor", "(does nothing)")


def pages(case) -> list[tuple[str, str, str]]:
    """(who, label, path) for every page measured."""
    c = case.pk
    return [
        ("coordinator", "case list", "/cases/"),
        ("coordinator", "case page", f"/cases/{c}/"),
        ("coordinator", "network", f"/cases/{c}/network/"),
        ("coordinator", "meeting", f"/cases/{c}/meeting/"),
        ("coordinator", "reply board", f"/cases/{c}/meeting/replies/"),
        ("coordinator", "times", f"/cases/{c}/meeting/times/"),
        ("coordinator", "plan", f"/cases/{c}/plan/"),
        ("coordinator", "support, home", "/support/"),
        ("coordinator", "support, case", f"/support/cases/{c}/"),
        ("practitioner", "support, home", "/support/"),
        ("practitioner", "case list", "/cases/"),
        ("manager", "figures", "/cases/figures/"),
        ("manager", "support overview", "/support/manager/"),
        ("family", "my meeting", "/f/meeting/"),
        ("family", "reply", "/f/meeting/reply/"),
        ("family", "times", "/f/meeting/times/"),
        ("family", "plan", "/f/plan/"),
        ("family", "write plan", "/f/plan/write/"),
        ("family", "child's voice", "/f/child/"),
        ("family", "help (support)", "/f/help/"),
    ]


def count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def cpu_ms(client: Client, path: str, floor: list[float]) -> float:
    """The median CPU time of ``REPEAT`` warm requests, in milliseconds; a floor request after each
    one is timed into ``floor``."""
    times = []
    anonymous = Client()
    for _ in range(REPEAT):
        started = time.process_time()
        client.get(path)
        times.append((time.process_time() - started) * 1000)
        started = time.process_time()
        response = anonymous.get(FLOOR_PATH)
        floor.append((time.process_time() - started) * 1000)
        assert response.status_code == 200, (FLOOR_PATH, response.status_code)
    return statistics.median(times)


def measure(clients: dict[str, Client], case) -> dict[tuple[str, str], int]:
    results = {}
    for who, label, path in pages(case):
        count(clients[who], path)  # warm: first-request caches (site, locale) are not what grows
        results[(who, label)] = count(clients[who], path)
    results[FLOOR] = count(Client(), FLOOR_PATH)  # none, or it is no floor
    return results


def timings(clients: dict[str, Client], case) -> tuple[dict[tuple[str, str], float], float]:
    """Each page's median CPU ms, and the floor's median over all the floor requests between them."""
    floor: list[float] = []
    cpu = {(who, label): cpu_ms(clients[who], path, floor) for who, label, path in pages(case)}
    return cpu, statistics.median(floor)


def main():
    from django.conf import settings

    from bench import data
    from tests.family import sign_in

    logging.getLogger("django-q").setLevel(logging.WARNING)
    logging.disable(logging.INFO)
    settings.DEBUG = False
    setup_test_environment()
    override_settings(ROOT_URLCONF="bench.urls").enable()  # the portal's URLs and the floor
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    staff = data.staff()
    coordinator, practitioner = staff["coordinator"], staff["practitioner"]
    case, writer = data.measured_case(coordinator=coordinator, practitioner=practitioner, members=5)
    data.filler_cases(9, coordinator=coordinator, practitioner=practitioner)

    clients = {role: Client() for role in ("coordinator", "practitioner", "manager", "family")}
    for role in ("coordinator", "practitioner", "manager"):
        clients[role].force_login(staff[role])
    sign_in(clients["family"], writer)

    columns = {}
    columns["A"] = measure(clients, case)
    data.grow_network(case, to=50, coordinator=coordinator)
    columns["B"] = measure(clients, case)
    started = time.monotonic()
    data.filler_cases(MAX_CASES - 10, coordinator=coordinator, practitioner=practitioner, start=10)
    built = time.monotonic() - started
    columns["C"] = measure(clients, case)
    cpu, floor = timings(clients, case)

    print(f"Database: {connection.vendor}; {MAX_CASES - 10} filler cases built in {built:.0f} s")
    print(f"{'':<31} {'A: 5 people':>12} {'B: 50 people':>13} {'C: 50 people':>13} {'C: CPU ms':>10} {'C: CPU':>8}")
    print(
        f"{'who':<13} {'page':<17} {'10 cases':>12} {'10 cases':>13} {f'{MAX_CASES:,} cases':>13}"
        f" {f'median/{REPEAT}':>10} {'/ floor':>8}"
    )
    growing = []
    for who, label, _path in pages(case):
        a, b, c = (columns[col][(who, label)] for col in "ABC")
        flag = "" if max(b, c) <= a else "  GROWS"  # fewer is fine (e.g. a page of cases fills up)
        if flag:
            growing.append(f"{who} {label}")
        ms = cpu[(who, label)]
        print(f"{who:<13} {label:<17} {a:12d} {b:13d} {c:13d} {ms:10.1f} {ms / floor:7.1f}x{flag}")
    a, b, c = (columns[col][FLOOR] for col in "ABC")
    print(
        f"{FLOOR[0]:<13} {FLOOR[1]:<17} {a:12d} {b:13d} {c:13d} {floor:10.1f} {1:7.1f}x"
        f"  (median of {REPEAT * len(pages(case))}: one after each timed page request)"
    )
    if growing:
        print(f"Queries grow on: {', '.join(growing)}")
    else:
        print("Queries are flat on every page.")
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    sys.exit(1 if growing else 0)


if __name__ == "__main__":
    main()
