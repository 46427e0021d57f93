"""Load: 50 people using the portal at once, against gunicorn, PostgreSQL and Redis on this machine.

Starts the portal as in production (deploy/gunicorn.conf.py, production settings plus the floor page
of bench/load_settings.py, PostgreSQL, Redis as cache and django-q2 broker, the queue worker running,
texts going through the real Twilio client to the local stand-in for Twilio) on a fresh database
with the demo and four more families, then runs simulated people for a minute:

- family members (half): their meeting, the reply form, a reply sent (POST, with CSRF), times,
  the plan, help for the family. ``BENCH_SIGN_IN_FAMILY`` of them (0.4 by default) sign in for real
  at the start of each visit: they open their personal link ``/f/<token>``, ask for a code, read
  the text the queue worker sent to the Twilio stand-in, enter it, go through the pages once and
  sign out; the next visit is another person's (a person may ask for a code once a minute and 5
  times an hour, and the bench keeps to that). The others stay on sessions made beforehand
  (bench/sessions.py), as someone who signed in earlier does;
- staff (a third): coordinators through case list, case, network, reply board, plan and support;
  practitioners through support, case list and figures; a manager through figures and support.
  One coordinator, one practitioner and the manager (``BENCH_SIGN_IN_STAFF``) sign in for real at
  the start of each session: email and password, then the authenticator's code (TOTP, computed
  from the demo account's secret as a phone app does), go round their pages twice and sign out.
  An authenticator code works once, so the next sign-in of the same account waits for the next
  30-second code, as a person would. The other staff stay on sessions made beforehand: staff
  sign in once and work for hours;
- readers (the rest): the home page and guides, in English, Polish and Arabic, not signed in;
- the floor: ``FLOOR_PROBES`` more clients ask ``/bench/floor/`` between their pauses, all run
  long, without a session cookie. It is a Django view that does nothing (bench/urls.py): it goes
  through every middleware and touches no database, so it is what any page costs at the least on
  this machine at this moment, measured by the same client at the same time as the pages.

Every simulated person sends its own address in ``X-Forwarded-For`` and the portal trusts one
proxy (``TRUSTED_PROXY_COUNT=1``), as behind nginx in docs/deploy.md, so per-address sign-in limits
count per person. Nothing is switched off: the sign-in limits, the code rules and the
authenticator's replay check all apply (none is reached at this mix).

Each simulated person waits 0.5-2 s between pages (like locust's ``between(0.5, 2)``). Prints, for
each kind (signed-in pages, anonymous guides, sign-in steps, the floor) and for each page, the
count, p50 and p95 as the client saw them and as ratios to the floor's p50 and p95; gunicorn's own
(server) times per kind; how long a code took from "Send me a code" to the stand-in for Twilio;
the load average before and after; and the workers gunicorn ran. Budgets
(docs/architecture.md), each PASS or FAIL, exit non-zero if any fails: signed-in pages p95 at
most 300 ms, anonymous guides p95 at most 50 ms (each judged twice: as gunicorn timed it, which
is how docs/architecture.md words it, and as the client waited, which is what a person feels),
0 errors, and each page's median at most 5 times the floor's median (every page, the sign-in
steps and guides too).

    make bench-load
    BENCH_USERS=50 BENCH_SECONDS=60 BENCH_THINK=0.5-2 make bench-load
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fgdm_bench_load   # the default
    BENCH_REDIS_URL=redis://127.0.0.1:6379/15                               # the default; flushed
    BENCH_SIGN_IN_FAMILY=0.4 BENCH_SIGN_IN_STAFF=coordinator,practitioner,manager

The client, and the Twilio stand-in, run on the same machine and take some of its two cores.
"""

import asyncio
import hashlib
import hmac
import json
import os
import random
import re
import runpy
import struct
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import server
from tests.portal.messaging import fake_twilio

USERS = int(os.environ.get("BENCH_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "0.5-2").split("-"))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fgdm_bench_load")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
SIGN_IN_FAMILY = float(os.environ.get("BENCH_SIGN_IN_FAMILY", "0.4"))
SIGN_IN_STAFF = [r for r in os.environ.get("BENCH_SIGN_IN_STAFF", "coordinator,practitioner,manager").split(",") if r]
FLOOR_PATH = "/bench/floor/"  # bench/urls.py
FLOOR_PROBES = 3
BUDGET_P95_MS = {"signed in": 300, "anonymous": 50}
FLOOR_TIMES = 5  # each page's median at most this many times the floor's
TEXT_WAIT_SECONDS = 60  # a code that has not reached the Twilio stand-in by then is an error
CODE_EVERY_SECONDS = 65  # a person may ask for a code once a minute (portal/family_access/services.py)
CODES_PER_HOUR = 5
TOTP_PERIOD = 30
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
TOKEN_PATH = re.compile(r"^/f/[A-Za-z0-9_-]{16,}$")
SIGN_IN_PATHS = ("/accounts/login/", "/accounts/2fa/authenticate/", "/f/code/", "/f/home/")
KINDS = ("signed in", "anonymous", "sign-in", "floor")
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
FAMILY_PAGES = ("/f/meeting/", "/f/meeting/reply/", "/f/meeting/times/", "/f/plan/", "/f/help/")


def kind_of(path: str) -> str | None:
    if path.startswith(("/static/", "/healthz")):
        return None
    if path == FLOOR_PATH:
        return "floor"
    if path in SIGN_IN_PATHS or path == "/f/[token]" or TOKEN_PATH.match(path):  # the log hides tokens
        return "sign-in"
    if path.startswith(("/f/", "/cases/", "/support/", "/staff/", "/accounts/")):
        return "signed in"
    return "anonymous"


def pattern(path: str) -> str:
    """The page a path is, with ids and tokens taken out."""
    return "/f/<token>" if TOKEN_PATH.match(path) else re.sub(r"/\d+/", "/<id>/", path)


class Person:
    addresses = iter(f"10.{n // 250}.{n % 250}.{1 + n % 7}" for n in range(10**6))

    def __init__(self, http, base_url: str, session: str | None, cookie_name: str, results: list):
        self.http, self.base_url, self.results = http, base_url, results
        self.cookies = {cookie_name: session} if session else {}
        self.address = next(Person.addresses)  # where nginx saw this person come from
        self.ok = True  # whether the last answer was the one expected

    async def request(self, method: str, path: str, expect: int = 200, data: dict | None = None) -> str:
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Origin": self.base_url.replace("http://", "https://"),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)
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
        self.ok = status == expect
        self.results.append((kind_of(path), f"{method} {pattern(path)}", elapsed, self.ok, status))
        return body

    def failed(self, kind: str, label: str, why: str) -> None:
        """A step that went wrong without a bad answer (no form, no text): counted as an error."""
        self.results.append((kind, label, 0.0, False, why))

    async def think(self):
        await asyncio.sleep(random.uniform(*THINK))


async def family_pass(person: Person):
    """Once through a family member's pages, replying on the way."""
    page = ""
    for path in FAMILY_PAGES[:2]:
        page = await person.request("GET", path)
        await person.think()
    token = CSRF.search(page)
    if token:
        data = {"csrfmiddlewaretoken": token.group(1), "answer": random.choice(["yes", "maybe"])}
        await person.request("POST", "/f/meeting/reply/", expect=302, data=data)
        await person.think()
    for path in FAMILY_PAGES[2:]:
        await person.request("GET", path)
        await person.think()


async def family(person: Person, _prepared: dict, stop_at: float):
    while time.monotonic() < stop_at:
        await family_pass(person)


class Texts:
    """The texts the queue worker sent to the Twilio stand-in, read as a phone would."""

    def __init__(self, fake):
        self.fake = fake
        self.waits: list[float] = []  # ms from asking for a code to the text reaching "Twilio"

    def seen(self) -> int:
        with self.fake.lock:
            return len(self.fake.messages)

    async def code_for(self, phone: str, after: int, asked: float) -> str | None:
        deadline = time.monotonic() + TEXT_WAIT_SECONDS
        while time.monotonic() < deadline:
            with self.fake.lock:
                mine = [m["body"] for m in self.fake.messages[after:] if m["to"] == phone]
            found = [CODE.search(body) for body in mine]
            if any(found):
                self.waits.append((time.perf_counter() - asked) * 1000)
                return [f for f in found if f][-1].group(1)
            await asyncio.sleep(0.05)
        return None


class People:
    """Family members who sign in for real, each visit the next one the code rules allow."""

    def __init__(self, family: list[dict]):
        self.waiting = list(family)
        self.asked: dict[str, list[float]] = defaultdict(list)
        self.signed_in = 0

    async def next(self, stop_at: float) -> dict | None:
        while time.monotonic() < stop_at:
            now = time.monotonic()
            for who in self.waiting:
                asked = [t for t in self.asked[who["token"]] if t > now - 3600]
                if len(asked) < CODES_PER_HOUR and all(t < now - CODE_EVERY_SECONDS for t in asked):
                    self.waiting.remove(who)
                    self.asked[who["token"]].append(now)
                    return who
            await asyncio.sleep(1)  # everyone has asked too recently: wait, as the rules say
        return None

    def done(self, who: dict) -> None:
        self.waiting.append(who)


async def sign_in_family(person: Person, who: dict, texts: Texts) -> bool:
    """Open the personal link, ask for a code, enter the code from the text."""
    link = f"/f/{who['token']}"
    page = await person.request("GET", link)
    await person.think()
    token = CSRF.search(page)
    if not token:
        person.failed("sign-in", "GET /f/<token>", "no form")
        return False
    before = texts.seen()
    await person.request("POST", link, expect=302, data={"csrfmiddlewaretoken": token.group(1)})
    asked = time.perf_counter()
    page = await person.request("GET", "/f/code/")
    token = CSRF.search(page)
    code = await texts.code_for(who["phone"], before, asked)
    if code is None or not token:
        person.failed("sign-in", "text with the code", "no text" if code is None else "no form")
        return False
    await person.think()
    data = {"csrfmiddlewaretoken": token.group(1), "code": code}
    await person.request("POST", "/f/code/", expect=302, data=data)
    if not person.ok:
        return False
    await person.request("GET", "/f/home/", expect=302)
    return person.ok


def family_signing_in(people: People, texts: Texts):
    async def journey(person: Person, _prepared: dict, stop_at: float):
        while time.monotonic() < stop_at:
            who = await people.next(stop_at)
            if who is None:
                return
            person.cookies = {}
            try:
                if await sign_in_family(person, who, texts):
                    people.signed_in += 1
                    await family_pass(person)
                    await person.request("GET", "/f/sign-out/", expect=302)
            finally:
                people.done(who)
            await person.think()

    return journey


def staff_paths(role: str, case: int) -> list[str]:
    if role == "coordinator":
        return [
            "/cases/",
            f"/cases/{case}/",
            f"/cases/{case}/network/",
            f"/cases/{case}/meeting/replies/",
            f"/cases/{case}/plan/",
            "/support/",
            f"/support/cases/{case}/",
        ]
    if role == "practitioner":
        return ["/support/", "/cases/", f"/cases/{case}/", "/cases/figures/"]
    return ["/cases/figures/", "/support/manager/", "/cases/"]


def staff_journey(role: str, cases: list[int]):
    async def journey(person: Person, _prepared: dict, stop_at: float):
        while time.monotonic() < stop_at:
            for path in staff_paths(role, random.choice(cases)):
                await person.request("GET", path)
                await person.think()

    return journey


def totp(secret: str, counter: int) -> str:
    """An authenticator app's 6-digit code (RFC 6238: HMAC-SHA1, 30-second steps)."""
    import base64

    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


async def authenticator_code(secret: str, used: set[int]) -> str:
    """The code the app shows now; a new one when this one was used or has under 5 s left, as a
    person waits for the next code (allauth takes each code once)."""
    while True:
        now = time.time()
        counter, left = int(now // TOTP_PERIOD), TOTP_PERIOD - now % TOTP_PERIOD
        if counter not in used and left >= 5:
            used.add(counter)
            return totp(secret, counter)
        await asyncio.sleep(left + 0.1)


def staff_signing_in(role: str, cases: list[int], account: dict, counts: dict):
    async def journey(person: Person, _prepared: dict, stop_at: float):
        used: set[int] = set()
        while time.monotonic() < stop_at:
            person.cookies = {}
            page = await person.request("GET", "/accounts/login/")
            token = CSRF.search(page)
            await person.think()
            if not token:
                person.failed("sign-in", "GET /accounts/login/", "no form")
                continue
            data = {"csrfmiddlewaretoken": token.group(1), "login": account["email"], "password": account["password"]}
            await person.request("POST", "/accounts/login/", expect=302, data=data)
            page = await person.request("GET", "/accounts/2fa/authenticate/")
            token = CSRF.search(page)
            if not token:
                person.failed("sign-in", "GET /accounts/2fa/authenticate/", "no form")
                await person.think()
                continue
            code = await authenticator_code(account["totp_secret"], used)
            if time.monotonic() >= stop_at:  # the run ended while they waited for a new code
                return
            await person.think()
            data = {"csrfmiddlewaretoken": token.group(1), "code": code}
            await person.request("POST", "/accounts/2fa/authenticate/", expect=302, data=data)
            if not person.ok:
                await person.think()
                continue
            counts[role] += 1
            await person.request("GET", "/staff/")
            await person.think()
            for _ in range(2):
                for path in staff_paths(role, random.choice(cases)):
                    if time.monotonic() >= stop_at:  # a long session: stop with the others
                        return
                    await person.request("GET", path)
                    await person.think()
            page = await person.request("GET", "/accounts/logout/")
            token = CSRF.search(page)
            if token:
                await person.request(
                    "POST", "/accounts/logout/", expect=302, data={"csrfmiddlewaretoken": token.group(1)}
                )
            else:
                person.failed("signed in", "GET /accounts/logout/", "no form")
            await person.think()

    return journey


async def reader(person: Person, _prepared: dict, stop_at: float):
    while time.monotonic() < stop_at:
        await person.request("GET", random.choice(GUIDES))
        await person.think()


async def floor_probe(person: Person, _prepared: dict, stop_at: float):
    while time.monotonic() < stop_at:
        await person.request("GET", FLOOR_PATH)
        await person.think()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


async def run(base_url: str, prepared: dict, log: Path, texts: Texts):
    import aiohttp

    cookie = prepared["session_cookie"]
    results: list = []
    families = USERS // 2
    staff = USERS // 3
    readers = USERS - families - staff
    signing_in = round(families * SIGN_IN_FAMILY)
    roles = ["coordinator"] * (staff - staff // 3) + ["practitioner"] * (staff // 3 - 1) + ["manager"]
    roles = roles[:staff]
    # One person of each role asked for (and present in this mix) signs in for real.
    accounts = prepared["staff_sign_in"]
    staff_signing = [role for role in dict.fromkeys(SIGN_IN_STAFF) if role in roles and role in accounts]
    people = []
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=30)
    signed_in_staff = defaultdict(int)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()) as http:
        # Those on sessions made beforehand take the first people; those who sign in, the rest.
        family_sessions = prepared["family"]
        premade = families - signing_in
        for n in range(premade):
            people.append((family, family_sessions[n % len(family_sessions)]["session"]))
        # Only people whose code goes by text to a phone of their own (in the demo family one has
        # email only and two share a phone: their codes are not for this bench to read).
        phones = [who["phone"] for who in family_sessions]
        pool = People([who for who in family_sessions[premade:] if who["phone"] and phones.count(who["phone"]) == 1])
        people += [(family_signing_in(pool, texts), None)] * signing_in
        for role in staff_signing:
            roles.remove(role)
            account = prepared["staff_sign_in"][role]
            people.append((staff_signing_in(role, prepared["cases"], account, signed_in_staff), None))
        sessions = {role: iter(prepared["staff"][role]) for role in prepared["staff"]}
        for role in roles:
            people.append((staff_journey(role, prepared["cases"]), next(sessions[role])))
        people += [(reader, None)] * readers
        people += [(floor_probe, None)] * FLOOR_PROBES
        # Warm every worker, and every thread of a gthread worker (its own database connection), with
        # passes over the pages from 16 people at once on fresh connections; not counted.
        async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0, force_close=True), timeout=timeout
        ) as fresh:

            async def warm(person: Person):
                for path in ("/f/meeting/", "/f/plan/", FLOOR_PATH, *GUIDES):
                    await person.request("GET", path)

            family_session = prepared["family"][0]["session"]
            for _ in range(2):
                await asyncio.gather(*(warm(Person(fresh, base_url, family_session, cookie, [])) for _ in range(16)))
        print("One request at a time, no load (median of 5, ms):", flush=True)
        solo_paths = (FLOOR_PATH, "/f/meeting/", "/f/plan/", f"/cases/{prepared['cases'][0]}/", "/", GUIDES[1], "/pl/")
        for path in solo_paths:
            solo = Person(http, base_url, None, cookie, [])
            if path.startswith("/f/"):
                solo = Person(http, base_url, prepared["family"][0]["session"], cookie, [])
            elif path.startswith("/cases/"):
                solo = Person(http, base_url, prepared["staff"]["coordinator"][-1], cookie, [])
            for _ in range(5):
                await solo.request("GET", path)
            print(f"  {path:<40} {sorted(r[2] for r in solo.results)[2]:7.1f}", flush=True)
        await asyncio.sleep(1)  # let gunicorn write the access lines of the requests above
        # Other work on the machine skews every figure: say how busy it was before and after.
        load_before = os.getloadavg()
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
        load_after = os.getloadavg()
    mix = {
        "people": len(people) - FLOOR_PROBES,
        "families": families,
        "family signing in": signing_in,
        "family sign-ins": pool.signed_in,
        "staff": staff,
        "staff signing in": staff_signing,
        "staff sign-ins": dict(signed_in_staff),
        "readers": readers,
        "load": (load_before, load_after),
    }
    return results, elapsed, offset, mix


def server_times(log: Path, offset: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Durations gunicorn recorded in its JSON access log, from ``offset`` on: by kind and by page."""
    times, pages = defaultdict(list), defaultdict(list)
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
            page = "/f/<token>" if entry["path"] == "/f/[token]" else pattern(entry["path"])
            pages[f"{entry['method']} {page}"].append(entry["duration_ms"])
    return times, pages


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:5.1f}x" if floor > 0 else "    -"


def report(results: list, served: tuple[dict, dict], seconds: float, texts: Texts) -> bool:
    served, served_pages = served
    floor = [r[2] for r in results if r[0] == "floor" and r[3]]
    floor50, floor95 = percentile(floor, 0.5), percentile(floor, 0.95)
    print(f"\n{len(results)} requests in {seconds:.0f} s ({len(results) / seconds:.1f} per second)")
    print(
        f"The floor ({FLOOR_PATH}, a view that does nothing, no session, no database): p50 {floor50:.1f} ms, "
        f"p95 {floor95:.1f} ms over {len(floor)} requests in the same run. Ratios below are to these."
    )
    head = f"{'':<52} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p50/floor':>9} {'p95/floor':>9}"
    print("\nBy kind (client time, then gunicorn's own time)")
    print(head)
    by_kind = {}
    for kind in KINDS:
        rows = [r for r in results if r[0] == kind]
        times = [r[2] for r in rows if r[3]]
        by_kind[kind] = times
        errors = sum(1 for r in rows if not r[3])
        p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
        print(
            f"{kind + ', client':<52} {len(rows):>6} {errors:>6} {p50:8.1f} {p95:8.1f} "
            f"{ratio(p50, floor50):>9} {ratio(p95, floor95):>9}"
        )
        server_ms = served.get(kind, [])
        print(
            f"{kind + ', server':<52} {len(server_ms):>6} {'':>6} {percentile(server_ms, 0.5):8.1f} "
            f"{percentile(server_ms, 0.95):8.1f}"
        )
    print(
        f"\nBy page (client time; median budget: at most {FLOOR_TIMES} x the floor's median = "
        f"{FLOOR_TIMES * floor50:.1f} ms)"
    )
    print(head + "  median budget  server p50")
    by_page = defaultdict(list)
    for kind, label, elapsed, good, _status in results:
        by_page[(kind, label)].append((elapsed, good))
    slow_pages = []
    for kind in KINDS:
        for (page_kind, label), rows in sorted(by_page.items()):
            if page_kind != kind:
                continue
            times = [t for t, good in rows if good]
            errors = sum(1 for _t, good in rows if not good)
            p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
            verdict = ""
            if kind != "floor" and times:
                met = p50 <= FLOOR_TIMES * floor50
                verdict = "PASS" if met else "FAIL"
                if not met:
                    slow_pages.append((label, p50 / floor50))
            server_p50 = percentile(served_pages.get(label, []), 0.5)
            print(
                f"  {kind + ': ' + label:<50} {len(rows):>6} {errors:>6} {p50:8.1f} {p95:8.1f} "
                f"{ratio(p50, floor50):>9} {ratio(p95, floor95):>9}  {verdict:<13} {server_p50:10.1f}"
            )
    if texts.waits:
        waits = texts.waits
        print(
            f"\nCodes: {len(waits)} texts from 'Send me a code' to the Twilio stand-in (outbox, Redis, queue "
            f"worker, Twilio client): p50 {percentile(waits, 0.5):.0f} ms, p95 {percentile(waits, 0.95):.0f} ms"
        )
    failures = defaultdict(int)
    for _kind, label, _elapsed, good, status in results:
        if not good:
            failures[(label, status)] += 1
    for (label, status), count in sorted(failures.items(), key=str):
        print(f"  error: {label} -> {status} x{count}")
    errors = sum(failures.values())

    print("\nBudgets")
    checks = []
    for kind, limit in BUDGET_P95_MS.items():
        name = "signed-in pages" if kind == "signed in" else "anonymous guides"
        for side, times in (("client", by_kind[kind]), ("server", served.get(kind, []))):
            p95 = percentile(times, 0.95)
            checks.append((p95 <= limit, f"{name} p95 {p95:.1f} ms <= {limit} ms ({side})"))
    checks.append((errors == 0, f"errors {errors} = 0"))
    pages = sum(1 for (kind, _label) in by_page if kind != "floor")
    worst = ", ".join(f"{label} {times:.1f}x" for label, times in sorted(slow_pages, key=lambda s: -s[1]))
    checks.append(
        (
            not slow_pages,
            f"each page's median <= {FLOOR_TIMES} x the floor's ({FLOOR_TIMES * floor50:.1f} ms): "
            f"{pages - len(slow_pages)} of {pages} pages within" + (f"; over: {worst}" if worst else ""),
        )
    )
    for met, line in checks:
        print(f"  {'PASS' if met else 'FAIL'}  {line}")
    return all(met for met, _line in checks)


def main():
    import redis

    keep = bool(os.environ.get("BENCH_KEEP"))
    twilio, twilio_server = fake_twilio.start()
    texts = Texts(twilio)
    with server.workspace(keep=keep) as folder:
        port = server.free_port()
        server.fresh_postgres(DATABASE_URL)
        redis.Redis.from_url(REDIS_URL).flushdb()
        env = server.production_env(
            folder=folder,
            port=port,
            database_url=DATABASE_URL,
            redis_url=REDIS_URL,
            DJANGO_SETTINGS_MODULE="bench.load_settings",
            TRUSTED_PROXY_COUNT="1",
            MESSAGING_SMS_BACKEND="portal.messaging.backends.twilio.TwilioBackend",
            TWILIO_ACCOUNT_SID=fake_twilio.ACCOUNT_SID,
            TWILIO_AUTH_TOKEN=fake_twilio.AUTH_TOKEN,
            TWILIO_MESSAGING_SERVICE_SID=fake_twilio.MESSAGING_SERVICE_SID,
            TWILIO_API_BASE_URL=twilio.base_url,
        )
        print(f"Preparing PostgreSQL {DATABASE_URL.rsplit('/', 1)[1]}, Redis {REDIS_URL} in {folder} ...", flush=True)
        prepared = server.prepare(env, folder / "prepare.log", cases=4, members=12, filler=15, staff_sessions=12)
        print(f"{len(prepared['cases'])} families, {len(prepared['family']) + 1} family sessions", flush=True)
        with server.running(env, folder, worker=True) as base_url:
            log = folder / "gunicorn.log"
            results, elapsed, offset, mix = asyncio.run(run(base_url, prepared, log, texts))
        twilio_server.shutdown()
        # What gunicorn ran: its config file read with this environment (WEB_CONCURRENCY, GUNICORN_THREADS, ...).
        conf = runpy.run_path(str(server.ROOT / "deploy" / "gunicorn.conf.py"))
        workers = f"{conf['workers']} {conf['worker_class']} x {conf['threads']} thread(s)"
        print(f"gunicorn workers: {workers}; think time {THINK[0]}-{THINK[1]} s; cores: {os.cpu_count()}")
        before, after = mix["load"]
        print(f"Load average (1, 5, 15 min) before the run: {before}; after: {after}")
        staff_in = ", ".join(f"{role} {mix['staff sign-ins'].get(role, 0)}" for role in mix["staff signing in"])
        print(
            f"{mix['people']} people and {FLOOR_PROBES} floor probes. Family {mix['families']}: "
            f"{mix['family signing in']} sign in for real at each visit ({mix['family sign-ins']} sign-ins), "
            f"{mix['families'] - mix['family signing in']} on sessions made beforehand. Staff {mix['staff']}: "
            f"{len(mix['staff signing in'])} sign in for real at each session ({staff_in}), "
            f"{mix['staff'] - len(mix['staff signing in'])} on sessions made beforehand. Readers {mix['readers']}."
        )
        ok = report(results, server_times(log, offset), elapsed, texts)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
