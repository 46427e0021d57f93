"""Texts per minute through the real queue: gunicorn, ``manage.py qcluster`` with 2 workers, Twilio's client.

For SQLite (the default settings, the ORM broker) and, when they are here, PostgreSQL with a Redis
of its own, this runs the portal as real processes with production settings
(tests/faults/cluster.py, bench/cluster_settings.py), the real Twilio backend talking to the
local stand-in for Twilio (tests/portal/messaging/fake_twilio.py, which answers at once), and:

1. builds ``BENCH_MEETINGS`` meetings of ``BENCH_PEOPLE`` people (1,000 people by default), each
   person with a phone only, so each invitation is one text;
2. with the queue running, a signed-in coordinator presses "Send invitations" for each meeting,
   one after another, as fast as the web server answers;
3. waits until no row is ``queued`` or ``sending``, and checks the stand-in got each text once.

It prints:

- texts per minute queued: the texts over the time the POSTs took (the web's pace);
- texts per minute, from the first POST to the last row marked sent (the web requests, the broker
  and the workers together), and over the sending alone (the first claim to the last row sent).
  With the workers running while the web queues, they send each batch as it comes, so the
  sending rate is the web's pace, not what the workers could do: the run says so when the last
  text went out within ``KEPT_PACE`` seconds of the last POST. ``BENCH_DRAIN=1`` queues every
  text first and then starts the workers, so its sending rate is the two workers' own ceiling,
  and that is what the target (1,000 a minute) is judged on. A web-paced run fails the target
  only if the workers fell behind the web and, once it stopped queueing, sent the texts left
  (at least ``LATE_ENOUGH``) at fewer than 1,000 a minute;
- queries per text: every SQL statement each process sent through Django's database cursor
  during the run (transaction commits are not statements here and are not counted), counted in
  each process by bench/cluster_settings.py and added up. "web" is what queueing took (the
  POSTs, including the invitation pages they are on), "queue" is everything the qcluster's
  processes did: the send task, django-q's own bookkeeping (with the ORM broker, the broker's
  table too) and the scheduler with the outbox sweep. Redis commands are not counted.

    make bench-messaging                       # SQLite, then PostgreSQL + Redis when available
    BENCH_DATABASES=sqlite make bench-messaging
    BENCH_DRAIN=1 make bench-messaging         # the workers' own ceiling: queue first, then start them

Nothing is kept: the SQLite file and its folder are deleted, the PostgreSQL database
``fgdm_bench_messaging`` (``fgdm_<BENCH_NAME>``) is made for the run and dropped after it, the Redis
is our own and stopped.
"""

import os
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.faults import cluster
from tests.portal.messaging import fake_twilio

MEETINGS = int(os.environ.get("BENCH_MEETINGS", "20"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "50"))
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
# BENCH_DRAIN=1: queue every text with the workers stopped, then start them, so "per minute
# sending" is the two workers' own ceiling rather than the pace the web requests queue at.
DRAIN = os.environ.get("BENCH_DRAIN", "") == "1"
# The PostgreSQL database is fgdm_<BENCH_NAME>, made and dropped by the run.
NAME = os.environ.get("BENCH_NAME", "bench_messaging")
TARGET_PER_MINUTE = 1000
KEPT_PACE = 10  # seconds: sending that ends this soon after the last POST was waiting for the web
LATE_ENOUGH = 100  # texts left when the web stopped: enough to time the workers on their own


def counted(folder: Path) -> Counter:
    totals = Counter()
    for path in folder.iterdir():
        role = path.name.split("-", 1)[0]
        totals[role] += int(path.read_text() or 0)
    return totals


def run(database: str, twilio, folder: Path) -> dict:
    redis = None
    if database == "postgres":
        redis = cluster.Redis(folder)
        redis.start()
    portal = cluster.Portal(
        name=NAME,
        folder=folder,
        twilio_url=twilio.base_url,
        database=database,
        redis=redis,
        settings="bench.cluster_settings",
        # Inviting 50 people is one request; on a busy machine it can take longer than gunicorn's 30 s.
        extra={"GUNICORN_TIMEOUT": "300"},
    )
    try:
        started = time.monotonic()
        world = portal.prepare(cases=MEETINGS, members=PEOPLE)
        print(f"  set up in {time.monotonic() - started:.0f} s (migrate, static files, {MEETINGS * PEOPLE} people)")
        queries = folder / "queries"
        queries.mkdir()
        portal.env["BENCH_QUERY_COUNT_DIR"] = str(queries)
        portal.start_web()
        if not DRAIN:
            portal.start_queue()
            # The queue is up once its scheduler has written its first heartbeat; give it a moment.
            time.sleep(5)
        before = counted(queries)
        twilio.reset()
        first_post = time.time()
        for case_id in world["cases"]:
            portal.send_invitations(case_id)
        posted = time.time()
        if DRAIN:  # every text waits in the outbox and the broker; time the two workers alone
            portal.start_queue()
        rows = portal.wait_settled(world["cases"], seconds=1800, expect=MEETINGS * PEOPLE)
        time.sleep(1.5)  # every process writes its count twice a second
        after = counted(queries)
        times = portal.sql(
            "SELECT MIN(first_attempt_at), MAX(sent_at) FROM messaging_outboundmessage WHERE status = 'sent'"
        )[0]
        sent_at = [
            _timestamp(t) for (t,) in portal.sql("SELECT sent_at FROM messaging_outboundmessage WHERE status = 'sent'")
        ]
    finally:
        portal.stop_all()
        portal.drop_database()
        if redis is not None:
            redis.stop()
    first_claim, last_sent = (_timestamp(t) for t in times)
    late = sum(t > posted for t in sent_at)  # sent once the web had stopped queueing
    sent = twilio.sent_per_ref()
    n = len(rows)
    return {
        "texts": n,
        "statuses": Counter(r["status"] for r in rows),
        "queued": sum(r["status"] in ("queued", "sending") for r in rows),
        "twice": sum(sent[str(r["id"])] > 1 for r in rows),
        "provider": sum(sent[str(r["id"])] for r in rows),
        "posting seconds": posted - first_post,
        "per minute queued": n / (posted - first_post) * 60,
        "web bound": not DRAIN and last_sent - posted < KEPT_PACE,
        "sent after posting": late,
        "per minute after posting": late / (last_sent - posted) * 60 if late >= LATE_ENOUGH else None,
        "per minute end to end": n / (last_sent - first_post) * 60,
        "per minute sending": n / (last_sent - first_claim) * 60,
        "web queries": (after["web"] - before["web"]) / n,
        "queue queries": (after["queue"] - before["queue"]) / n,
    }


def _caught_up(result: dict) -> bool:
    """A web-paced run whose workers, once the web stopped writing, sent at the target rate or faster.

    On SQLite the web's invitation run holds the one write lock for its whole transaction, so
    while it queues without a pause the workers only write between its requests and fall behind;
    how fast they then catch up is what the two of them can send.
    """
    rate = result["per minute after posting"]
    return rate is not None and rate >= TARGET_PER_MINUTE


def _timestamp(value) -> float:
    if isinstance(value, str):  # SQLite gives text
        value = datetime.fromisoformat(value)
    return value.timestamp()


def main():
    twilio, server = fake_twilio.start()
    results = {}
    for database in DATABASES:
        if database == "postgres" and not (cluster.postgres_reachable() and cluster.redis_server_available()):
            print("PostgreSQL or redis-server is not here: skipped")
            continue
        label = "SQLite, default settings, ORM broker" if database == "sqlite" else "PostgreSQL, Redis broker"
        print(f"{label}: {MEETINGS} meetings of {PEOPLE} people, gunicorn + qcluster with 2 workers, Twilio stand-in")
        with tempfile.TemporaryDirectory(prefix="fgdm-bench-messaging-") as folder:
            result = run(database, twilio, Path(folder))
        results[database] = result
        print(
            f"  queued by {MEETINGS} POSTs in {result['posting seconds']:.1f} s: "
            f"{result['per minute queued']:.0f} texts a minute"
        )
        print(f"  texts per minute, first POST to last sent:  {result['per minute end to end']:.0f}")
        print(f"  texts per minute, first claim to last sent: {result['per minute sending']:.0f}")
        if result["web bound"]:
            print(
                "  (the workers kept pace: the last text went out within "
                f"{KEPT_PACE} s of the last POST, so this is the web's pace, not the workers' ceiling; "
                "BENCH_DRAIN=1 measures that)"
            )
        elif not DRAIN and result["per minute after posting"]:
            print(
                f"  {result['sent after posting']} texts were still to send when the last POST ended; once the "
                f"web stopped queueing the workers sent {result['per minute after posting']:.0f} a minute"
            )
        print(
            f"  queries per text: web {result['web queries']:.1f}, queue {result['queue queries']:.1f} "
            "(SQL statements through Django's cursor, all processes)"
        )
        print(
            f"  outcome: {dict(result['statuses'])}; left queued or sending {result['queued']}; "
            f"texts at the provider {result['provider']}; sent twice {result['twice']}"
        )
    server.shutdown()
    failed = [
        name
        for name, r in results.items()
        if r["queued"]
        or r["twice"]
        or r["provider"] != r["texts"]
        or (r["per minute sending"] < TARGET_PER_MINUTE and not r["web bound"] and not _caught_up(r))
    ]
    if failed:
        sys.exit(f"Below target ({TARGET_PER_MINUTE} texts a minute, none left, none twice): {', '.join(failed)}")


if __name__ == "__main__":
    main()
