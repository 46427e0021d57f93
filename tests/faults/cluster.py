"""The portal as real processes, for the outbox's fault tests and the messaging benchmark.

``Portal`` is one deployment on this machine: a database (a SQLite file, or a PostgreSQL database
of its own), a queue broker (the database, or a Redis), gunicorn with deploy/gunicorn.conf.py and
``manage.py qcluster``, all with production settings (the benchmark adds a query count:
bench/cluster_settings.py). Texts go through the real Twilio backend to the stand-in for Twilio
(tests/portal/messaging/fake_twilio.py, ``TWILIO_API_BASE_URL``), which runs in the calling process.

Messages are queued the way staff queue them: a signed-in coordinator POSTs "Send invitations"
for a meeting. The world those meetings belong to is built by this file run as a script against
the same database (``python -m tests.faults.cluster world --cases 10 --members 30``): cases with
consent recorded and a meeting tomorrow (too soon for a reminder), each person with a phone only,
so every invitation is one text. It prints the coordinator's session and the cases' ids as JSON.

The outbox is read straight from the database with SQL, not through Django, so the caller needs
no settings of its own.
"""

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.server import PYTHON, free_port, fresh_postgres, production_env, stop, wait_healthy  # noqa: E402

POSTGRES = os.environ.get("CLUSTER_POSTGRES", "postgres://postgres@127.0.0.1:5432")
SETTLED = ("sent", "delivered", "failed", "blocked", "cancelled")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def postgres_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3):
            return True
    except Exception:  # any failure means "not here"
        return False


REDIS_SERVER = shutil.which("redis-server") or "redis-server"


def redis_server_available() -> bool:
    return shutil.which("redis-server") is not None


class Redis:
    """A Redis of our own on a free port, so a test may flush it and restart it."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder, free_port(), None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/13"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=(self.folder / f"redis-{self.port}.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.command("PING") == "+PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("our Redis did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()  # as a crash would: nothing saved, every job in it gone
            self.process.wait()
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def command(self, *words: str) -> str:
        """One command in Redis's wire protocol, on database 13; its first reply line."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as conn:
                for command in (("SELECT", "13"), words):
                    conn.sendall(
                        f"*{len(command)}\r\n".encode()
                        + b"".join(f"${len(w.encode())}\r\n{w}\r\n".encode() for w in command)
                    )
                time.sleep(0.05)
                replies = conn.recv(4096).decode().split("\r\n")
                return replies[1] if len(replies) > 1 else replies[0]
        except OSError:
            return ""


@dataclass
class Portal:
    """One deployment: its environment, its processes, its outbox."""

    name: str
    folder: Path
    twilio_url: str
    database: str = "sqlite"  # or "postgres"
    redis: Redis | None = None
    extra: dict = field(default_factory=dict)
    settings: str = "portal.settings.production"
    world: dict = field(default_factory=dict)
    web: subprocess.Popen | None = None
    queue: subprocess.Popen | None = None

    def __post_init__(self):
        from tests.portal.messaging import fake_twilio

        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        if self.database == "sqlite":
            self.database_url = f"sqlite:///{self.folder / 'portal.sqlite3'}"
        else:
            self.database_url = f"{POSTGRES}/fgdm_{self.name}"
        self.env = production_env(
            folder=self.folder,
            port=self.port,
            database_url=self.database_url,
            redis_url=self.redis.url if self.redis else "",
            DJANGO_SETTINGS_MODULE=self.settings,
            MESSAGING_SMS_BACKEND="portal.messaging.backends.twilio.TwilioBackend",
            TWILIO_ACCOUNT_SID=fake_twilio.ACCOUNT_SID,
            TWILIO_AUTH_TOKEN=fake_twilio.AUTH_TOKEN,
            TWILIO_MESSAGING_SERVICE_SID=fake_twilio.MESSAGING_SERVICE_SID,
            TWILIO_API_BASE_URL=self.twilio_url,
            QUEUE_WORKERS="2",
            WEB_CONCURRENCY="2",
            LOG_LEVEL="INFO",
            **self.extra,
        )
        if self.database == "sqlite":
            self.env.pop("DATABASE_CONN_MAX_AGE")  # the default settings: a connection per request

    # --- setting up -------------------------------------------------------------------------

    def manage(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own command line
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        with (self.folder / "manage.log").open("a") as log:
            log.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}")
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare(self, *, cases: int, members: int, static_root: Path | None = None) -> dict:
        """A fresh database, migrated, static files, and the world; returns the world."""
        if self.database == "postgres":
            fresh_postgres(self.database_url)
        if static_root is not None:
            self.env["STATIC_ROOT"] = str(static_root)
        self.manage("migrate", "--noinput")
        if static_root is None or not (static_root / "staticfiles.json").exists():
            self.manage("collectstatic", "--noinput")
        result = subprocess.run(  # noqa: S603 - our own command line
            [PYTHON, "-m", "tests.faults.cluster", "world", f"--cases={cases}", f"--members={members}"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"building the world failed:\n{result.stderr[-3000:]}")
        self.world = json.loads(result.stdout.strip().splitlines()[-1])
        return self.world

    # --- the processes ----------------------------------------------------------------------

    def start_web(self) -> None:
        self.web = subprocess.Popen(  # noqa: S603 - our own command line
            [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=(self.folder / "gunicorn.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_healthy(self.base_url, self.web)

    def start_queue(self, seconds: float = 120) -> None:
        """Start ``manage.py qcluster`` and wait until it says it is running."""
        log = self.folder / "qcluster.log"
        running = log.read_text().count("running.") if log.exists() else 0
        self.queue = subprocess.Popen(  # noqa: S603 - our own command line
            [PYTHON, "manage.py", "qcluster"],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + seconds
        while log.read_text().count("running.") == running:
            if self.queue.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"qcluster did not start; see {log}")
            time.sleep(0.2)

    def stop_queue(self) -> None:
        if self.queue is not None:
            stop(self.queue, seconds=30)
            self.queue = None

    def drop_database(self) -> None:
        """The throwaway PostgreSQL database goes (a SQLite file goes with its folder)."""
        if self.database == "postgres":
            import psycopg

            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "fgdm_{self.name}" WITH (FORCE)')

    def stop_all(self) -> None:
        self.stop_queue()
        if self.web is not None:
            stop(self.web)
            self.web = None

    def queue_processes(self) -> list[int]:
        """Every process of the running qcluster: the command, its sentinel, pusher, monitor and workers."""
        if self.queue is None:
            return []
        return descendants(self.queue.pid)

    def kill_sender(self, held: list, seconds: float = 60) -> int:
        """SIGKILL the queue worker waiting for one of these held requests (client addresses); its pid.

        The worker is found by the local port of its connection to the provider, in /proc.
        """
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for _host, port in reversed(list(held)):  # the newest first: its client is still waiting
                pid = process_with_local_port(port, self.queue_processes())
                if pid is not None:
                    os.kill(pid, signal.SIGKILL)
                    return pid
            time.sleep(0.1)
        raise RuntimeError("no queue worker was waiting for the provider")

    # --- what staff do ----------------------------------------------------------------------

    def send_invitations(self, case_id: int) -> str:
        """A signed-in coordinator presses "Send invitations"; the message shown on the next page."""
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}/",
            "Cookie": f"{self.world['session_cookie']}={self.world['coordinator']}",
        }
        path = f"/cases/{case_id}/meeting/invite/"
        page = _read(opener, urllib.request.Request(self.base_url + path, headers=headers))  # noqa: S310
        token = CSRF.search(page)
        if token is None:
            raise RuntimeError(f"no form on {path}:\n{page[:2000]}")
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        data = f"csrfmiddlewaretoken={token.group(1)}".encode()
        headers["Cookie"] += f"; csrftoken={csrf}"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method="POST")  # noqa: S310
        try:
            opener.open(request, timeout=60)
        except urllib.error.HTTPError as answer:
            if answer.code != 302:
                raise RuntimeError(f"POST {path}: {answer.code}\n{answer.read()[:2000]!r}") from None
            return answer.headers["Location"]
        raise RuntimeError(f"POST {path} did not redirect")

    # --- the outbox, read with SQL ----------------------------------------------------------

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        if self.database == "sqlite":
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=30) as conn:
                return conn.execute(query, params).fetchall()
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            return conn.execute(query.replace("?", "%s"), params).fetchall()

    def outbox(self, case_ids=None) -> list[dict]:
        """Every outbox row (of these cases, when given): id, status, attempts, last_error, case."""
        rows = self.sql(
            "SELECT id, status, attempts, last_error, case_ref, template FROM messaging_outboundmessage ORDER BY id"
        )
        wanted = None if case_ids is None else {f"fgdm.case:{pk}" for pk in case_ids}
        return [
            {"id": r[0], "status": r[1], "attempts": r[2], "last_error": r[3], "case": r[4], "template": r[5]}
            for r in rows
            if wanted is None or r[4] in wanted
        ]

    def wait_settled(self, case_ids, *, seconds: float, expect: int | None = None) -> list[dict]:
        """Wait until every row of these cases is settled (none queued or sending); the rows."""
        deadline = time.monotonic() + seconds
        while True:
            rows = self.outbox(case_ids)
            if (expect is None or len(rows) >= expect) and all(r["status"] in SETTLED for r in rows):
                return rows
            if time.monotonic() > deadline:
                left = Counter(r["status"] for r in rows)
                raise AssertionError(f"not settled after {seconds:.0f} s: {dict(left)}; logs in {self.folder}")
            if self.queue is not None and self.queue.poll() is not None:
                raise AssertionError(f"qcluster stopped (exit {self.queue.returncode}); see {self.folder}")
            time.sleep(1)

    def empty_broker(self) -> None:
        """Every job waiting in the broker is lost: Redis FLUSHDB, or the ORM broker's table emptied."""
        if self.redis is not None:
            assert self.redis.command("FLUSHDB") == "+OK"
        else:
            self.sql("DELETE FROM django_q_ormq")

    def jobs_in_broker(self) -> int:
        if self.redis is not None:
            reply = self.redis.command("LLEN", "django_q:portal:q")
            return int(reply.lstrip(":") or 0)
        return self.sql("SELECT COUNT(*) FROM django_q_ormq")[0][0]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _read(opener, request) -> str:
    with opener.open(request, timeout=60) as response:
        return response.read().decode()


def descendants(pid: int) -> list[int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        found.append(current)
        frontier += [child for child, parent in parents.items() if parent == current]
    return found


def process_with_local_port(port: int, pids: list[int]) -> int | None:
    """Which of ``pids`` holds the TCP socket whose local port is ``port`` (from /proc/net/tcp)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") in inodes:
                    return pid
            except OSError:
                continue
    return None


# --- the world, built inside the portal's own environment --------------------------------------


def build_world(*, cases: int, members: int) -> dict:
    """Cases with consent and a meeting tomorrow, ``members`` people each with a phone; not yet invited."""
    from datetime import datetime, timedelta
    from datetime import time as clock

    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from bench import data
    from bench.sessions import staff_session
    from fgdm.models import PartKind
    from fgdm.models.consent import ConsentMethod, ConsentStatus, SharingScope
    from fgdm.services.consent import record_consent
    from fgdm.services.meetings import PartPlan, arrange_meeting
    from fgdm.services.network import add_member

    staff = data.staff()
    coordinator, practitioner = staff["coordinator"], staff["practitioner"]
    day = timezone.localdate() + timedelta(days=1)
    ids = []
    for n in range(cases):
        with transaction.atomic():
            case = data._referral(coordinator=coordinator, practitioner=practitioner, n=n)
            child = case.children.get()
            people = [
                add_member(
                    case=case,
                    relationships={child.pk: "relative" if m else "mother"},
                    actor=coordinator,
                    confirm_not_duplicate=True,
                    name=f"Person {case.pk}-{m}",
                    # Valid UK mobile numbers (07400...), one per person.
                    phone=f"+4474{case.pk % 100:02d}{m:06d}",
                    email="",
                    language="en",
                    has_parental_responsibility=m == 0,
                )
                for m in range(members)
            ]
            record_consent(
                case=case,
                member=people[0],
                status=ConsentStatus.GIVEN,
                method=ConsentMethod.IN_PERSON,
                may_share=[SharingScope.WORRIES, SharingScope.BOTTOM_LINES],
                actor=coordinator,
            )

            def at(hour, day=day):
                return timezone.make_aware(datetime.combine(day, clock(hour)))

            venue = {"venue_name": "Riverside Family Centre", "venue_address": "1 Riverside Walk, Northtown"}
            arrange_meeting(
                case=case,
                kind="first",
                parts=[
                    PartPlan(kind=PartKind.INFORMATION_SHARING, starts_at=at(10), ends_at=at(11), **venue),
                    PartPlan(kind=PartKind.PLAN_AGREEMENT, starts_at=at(13), ends_at=at(14), **venue),
                ],
                actor=coordinator,
            )
            ids.append(case.pk)
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "coordinator": staff_session(coordinator),
        "cases": ids,
    }


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["world"])
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--members", type=int, default=30)
    options = parser.parse_args(argv)
    import django

    django.setup()
    print(json.dumps(build_world(cases=options.cases, members=options.members)))


if __name__ == "__main__":
    main(sys.argv[1:])
