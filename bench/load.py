"""Load: 50 people using the portal at once, against gunicorn, PostgreSQL and Redis on this machine.

Starts the portal as in production (deploy/gunicorn.conf.py, production settings, PostgreSQL,
Redis as cache and django-q2 broker, the queue worker running) on a fresh database with the demo
and four more families, then runs simulated people for a minute:

- family members (half): their meeting, the reply form, a reply sent (POST, with CSRF), times,
  the plan, help for the family;
- staff (a third): coordinators through case list, case, network, reply board, plan and support;
  practitioners through support, case list and figures; a manager through figures and support;
- readers (the rest): the home page and guides, in English, Polish and Arabic, not signed in.

Each simulated person waits 0.5-2 s between pages (like locust's ``between(0.5, 2)``). Prints
p50/p95/p99 and errors for signed-in and for anonymous pages, as the client saw them and as
gunicorn's access log recorded them (server time). Budget (docs/architecture.md): p95 under 300 ms
signed in and under 50 ms for anonymous guide pages, with 0 errors. Exits non-zero when missed.

    make bench-load
    BENCH_USERS=50 BENCH_SECONDS=60 BENCH_THINK=0.5-2 make bench-load
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fgdm_bench_load   # the default
    BENCH_REDIS_URL=redis://127.0.0.1:6379/15                               # the default; flushed

Signing in is skipped (bench/sessions.py makes the sessions); every measured request goes through
gunicorn. The client runs on the same machine and takes some of its two cores.
"""

import asyncio
import json
import os
import random
import re
import runpy
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server

USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "0.5-2").split("-"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fgdm_bench_load")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
BUDGET_MS = {"signed in": 300, "anonymous": 50}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GUIDES = [
    "/",
    "/what-is-a-family-group-meeting/",
    "/who-can-come/",
    "/private-family-time/",
    "/your-rights/",
    "/jargon-buster/",
    "/pl/",
    "/pl/what-is-a-family-group-meeting/",
    "/ar/who-can-come/",
]


def kind_of(path: str) -> str | None:
    if path.startswith(("/static/", "/healthz")):
        return None
    return "signed in" if path.startswith(("/f/", "/cases/", "/support/", "/staff/")) else "anonymous"


class Person:
    def __init__(self, http, base_url: str, session: str | None, cookie_name: str, results: list):
        self.http, self.base_url, self.results = http, base_url, results
        self.cookies = {cookie_name: session} if session else {}

    async def request(self, method: str, path: str, expect: int = 200, data: dict | None = None) -> str:
        headers = {"X-Forwarded-Proto": "https", "Origin": self.base_url.replace("http://", "https://")}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            async with self.http.request(
                method, self.base_url + path, headers=headers, data=data, allow_redirects=False
            ) as response:
                body = await response.text()
                status = response.status
                for name, morsel in response.cookies.items():
                    self.cookies[name] = morsel.value
        except Exception as error:  # a refused or dropped connection is an error like a 500
            body, status = "", f"{type(error).__name__}"
        elapsed = (time.perf_counter() - started) * 1000
        label = re.sub(r"/\d+/", "/<id>/", path)
        self.results.append((kind_of(path), f"{method} {label}", elapsed, status == expect, status))
        return body

    async def think(self):
        await asyncio.sleep(random.uniform(*THINK))


async def family(person: Person, _prepared: dict, stop_at: float):
    while time.monotonic() < stop_at:
        for path in ("/f/meeting/", "/f/meeting/reply/"):
            page = await person.request("GET", path)
            await person.think()
        token = CSRF.search(page)
        if token:
            data = {"csrfmiddlewaretoken": token.group(1), "answer": random.choice(["yes", "maybe"])}
            await person.request("POST", "/f/meeting/reply/", expect=302, data=data)
            await person.think()
        for path in ("/f/meeting/times/", "/f/plan/", "/f/help/"):
            await person.request("GET", path)
            await person.think()


def staff_journey(role: str, cases: list[int]):
    async def journey(person: Person, _prepared: dict, stop_at: float):
        while time.monotonic() < stop_at:
            case = random.choice(cases)
            if role == "coordinator":
                paths = [
                    "/cases/",
                    f"/cases/{case}/",
                    f"/cases/{case}/network/",
                    f"/cases/{case}/meeting/replies/",
                    f"/cases/{case}/plan/",
                    "/support/",
                    f"/support/cases/{case}/",
                ]
            elif role == "practitioner":
                paths = ["/support/", "/cases/", f"/cases/{case}/", "/cases/figures/"]
            else:
                paths = ["/cases/figures/", "/support/manager/", "/cases/"]
            for path in paths:
                await person.request("GET", path)
                await person.think()

    return journey


async def reader(person: Person, _prepared: dict, stop_at: float):
    while time.monotonic() < stop_at:
        await person.request("GET", random.choice(GUIDES))
        await person.think()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


async def run(base_url: str, prepared: dict, log: Path):
    import aiohttp

    cookie = prepared["session_cookie"]
    results: list = []
    families = USERS // 2
    staff = USERS // 3
    readers = USERS - families - staff
    people = []
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()) as http:
        family_sessions = prepared["family"]
        for n in range(families):
            people.append((family, family_sessions[n % len(family_sessions)]["session"]))
        roles = ["coordinator"] * (staff - staff // 3) + ["practitioner"] * (staff // 3 - 1) + ["manager"]
        sessions = {role: iter(prepared["staff"][role]) for role in prepared["staff"]}
        for role in roles[:staff]:
            people.append((staff_journey(role, prepared["cases"]), next(sessions[role])))
        people += [(reader, None)] * readers
        # Warm every worker, and every thread of a gthread worker (its own database connection), with
        # passes over the pages from 16 people at once on fresh connections; not counted.
        async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, force_close=True), timeout=timeout
        ) as fresh:

            async def warm(person: Person):
                for path in ("/f/meeting/", "/f/plan/", *GUIDES):
                    await person.request("GET", path)

            family_session = prepared["family"][0]["session"]
            for _ in range(2):
                await asyncio.gather(*(warm(Person(fresh, base_url, family_session, cookie, [])) for _ in range(16)))
        print("One request at a time, no load (median of 5, ms):", flush=True)
        for path in ("/f/meeting/", "/f/plan/", f"/cases/{prepared['cases'][0]}/", "/", GUIDES[1], "/pl/"):
            solo = Person(http, base_url, None, cookie, [])
            if path.startswith("/f/"):
                solo = Person(http, base_url, prepared["family"][0]["session"], cookie, [])
            elif path.startswith("/cases/"):
                solo = Person(http, base_url, prepared["staff"]["coordinator"][-1], cookie, [])
            for _ in range(5):
                await solo.request("GET", path)
            print(f"  {path:<40} {sorted(r[2] for r in solo.results)[2]:7.1f}", flush=True)
        await asyncio.sleep(1)  # let gunicorn write the access lines of the requests above
        # Other work on the machine skews every figure: say how busy it was before we started.
        print(f"Load average before the run (1, 5, 15 min): {os.getloadavg()}", flush=True)
        offset = log.stat().st_size
        started = time.monotonic()
        stop_at = started + SECONDS
        tasks = []
        for journey, session in people:
            await asyncio.sleep(random.uniform(0, THINK[1]) / len(people))  # stagger the start a little
            person = Person(http, base_url, session, cookie, results)
            tasks.append(asyncio.create_task(journey(person, prepared, stop_at)))
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
        print(f"{len(people)} people: {families} family, {staff} staff, {readers} readers", flush=True)
    return results, elapsed, offset


def server_times(log: Path, offset: int) -> dict[str, list[float]]:
    """Durations gunicorn recorded in its JSON access log, from ``offset`` on."""
    times = defaultdict(list)
    with log.open() as lines:
        lines.seek(offset)
        text = lines.read()
    for line in text.splitlines():
        start = line.find("{")
        if start < 0 or '"type": "access"' not in line:
            continue
        entry = json.loads(line[start:])
        kind = kind_of(entry["path"])
        if kind:
            times[kind].append(entry["duration_ms"])
    return times


def report(results: list, served: dict, seconds: float) -> bool:
    ok = True
    print(f"\n{len(results)} requests in {seconds:.0f} s ({len(results) / seconds:.1f} per second)")
    columns = ("requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")
    print(f"{'':<19} {columns[0]:>8} {columns[1]:>7} " + " ".join(f"{c:>8}" for c in columns[2:]) + "   budget p95")
    for kind in ("signed in", "anonymous"):
        rows = [r for r in results if r[0] == kind]
        times = [r[2] for r in rows]
        errors = sum(1 for r in rows if not r[3])
        p95 = percentile(times, 0.95)
        met = p95 < BUDGET_MS[kind] and errors == 0
        ok = ok and met
        verdict = f"{BUDGET_MS[kind]} {'met' if met else 'MISSED'}"
        print(
            f"{kind + ', client':<19} {len(rows):>8} {errors:>7} {percentile(times, 0.5):8.1f} {p95:8.1f} "
            f"{percentile(times, 0.99):8.1f} {max(times, default=0):8.1f}   {verdict}"
        )
        server_ms = served.get(kind, [])
        print(
            f"{kind + ', server':<19} {len(server_ms):>8} {'':>7} {percentile(server_ms, 0.5):8.1f} "
            f"{percentile(server_ms, 0.95):8.1f} {percentile(server_ms, 0.99):8.1f} {max(server_ms, default=0):8.1f}"
        )
    print("\nBy page (client time)")
    by_page = defaultdict(list)
    for _kind, label, elapsed, _ok, _status in results:
        by_page[label].append(elapsed)
    for label, times in sorted(by_page.items()):
        print(f"  {label:<40} {len(times):>6} p50 {percentile(times, 0.5):7.1f}  p95 {percentile(times, 0.95):7.1f}")
    failures = defaultdict(int)
    for _kind, label, _elapsed, good, status in results:
        if not good:
            failures[(label, status)] += 1
    for (label, status), count in sorted(failures.items(), key=str):
        print(f"  error: {label} -> {status} x{count}")
    return ok


def main():
    import redis

    keep = bool(os.environ.get("BENCH_KEEP"))
    with server.workspace(keep=keep) as folder:
        port = server.free_port()
        server.fresh_postgres(DATABASE_URL)
        redis.Redis.from_url(REDIS_URL).flushdb()
        env = server.production_env(folder=folder, port=port, database_url=DATABASE_URL, redis_url=REDIS_URL)
        print(f"Preparing PostgreSQL {DATABASE_URL.rsplit('/', 1)[1]}, Redis {REDIS_URL} in {folder} ...", flush=True)
        prepared = server.prepare(env, folder / "prepare.log", cases=4, members=12, filler=15, staff_sessions=12)
        print(f"{len(prepared['cases'])} families, {len(prepared['family']) + 1} family sessions", flush=True)
        with server.running(env, folder, worker=True) as base_url:
            log = folder / "gunicorn.log"
            results, elapsed, offset = asyncio.run(run(base_url, prepared, log))
        # What gunicorn ran: its config file read with this environment (WEB_CONCURRENCY, GUNICORN_THREADS, ...).
        conf = runpy.run_path(str(server.ROOT / "deploy" / "gunicorn.conf.py"))
        workers = f"{conf['workers']} {conf['worker_class']} x {conf['threads']} thread(s)"
        print(f"gunicorn workers: {workers}; think time {THINK[0]}-{THINK[1]} s; cores: {os.cpu_count()}")
        ok = report(results, server_times(log, offset), elapsed)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
