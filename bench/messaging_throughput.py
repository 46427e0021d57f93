"""Queue and send 1,000 text messages through the outbox and the in-memory SMS backend.

Prints messages per second and database queries per message. Each message takes the real path:
queue_message (idempotency, channel, guards, rendering, quiet hours) → on_commit → django-q2 task
(run at once, as the test settings do) → deliver (lock, guards again, send, record).

    make bench-messaging          # SQLite in memory
    DATABASE_URL=postgres://... make bench-messaging
"""

import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django_q.conf import Conf  # noqa: E402

from portal.messaging import registry  # noqa: E402
from portal.messaging.backends import locmem  # noqa: E402
from portal.messaging.models import OutboundMessage  # noqa: E402
from portal.messaging.services import queue_message  # noqa: E402
from portal.messaging.tasks import send_message  # noqa: E402

COUNT = int(os.environ.get("BENCH_MESSAGES", "1000"))
PREFIX = "bench.person"


class People:
    def get(self, ref):
        n = int(ref.partition(":")[2])
        return registry.Recipient(
            ref=ref, name=f"Person {n}", phone=f"+4474001{n:05d}", language="en", case_ref=f"bench.case:{n % 50}"
        )

    def find_by_phone(self, phone):
        return []


class QueryCounter:
    """Counts every query, and those that are django-q's own bookkeeping, without keeping them."""

    def __init__(self):
        self.total = self.django_q = 0

    def __call__(self, execute, sql, params, many, context):
        self.total += 1
        self.django_q += "django_q" in sql
        return execute(sql, params, many, context)


def queue(n: int, run: str):
    return queue_message(
        recipient_ref=f"{PREFIX}:{n}",
        template="bench.invitation",
        context={"service": "Family group meetings", "link": f"https://portal.example.org/f/{n:043d}"},
        idempotency_key=f"bench:{run}:{n}",
        topic=f"bench.meeting:{n % 20}",
        about={"meeting": n % 20},
    )


def measure(label: str, work) -> None:
    counter = QueryCounter()
    locmem.outbox.clear()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        work()
        elapsed = time.perf_counter() - started
    assert len(locmem.outbox) == COUNT, len(locmem.outbox)
    print(f"{label}")
    print(f"  messages per second:  {COUNT / elapsed:.0f}")
    print(f"  queries per message:  {counter.total / COUNT:.1f} (django-q bookkeeping {counter.django_q / COUNT:.1f})")


def web_then_worker():
    # The web process queues (the task goes to the ORM broker); a worker then runs each task.
    Conf.SYNC = False
    try:
        messages = [queue(n, "worker") for n in range(COUNT)]
    finally:
        Conf.SYNC = True
    for message in messages:
        send_message(message.pk)


def sync_runner():
    for n in range(COUNT):
        queue(n, "sync")


def main():
    logging.getLogger("django-q").setLevel(logging.WARNING)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    registry.register_recipient_source(PREFIX, People())
    registry.register_guard(lambda recipient, template_key, about: None)
    registry.register_template(
        registry.MessageTemplate(
            key="bench.invitation",
            sms="%(service)s: you are invited to a family meeting. See the details here: %(link)s",
            email_subject="Invitation",
            email_body="%(link)s",
        )
    )
    print(f"{COUNT} messages, database {connection.vendor}, in-memory SMS backend")
    measure("queued, then sent by the send task (as the web process and a worker would)", web_then_worker)
    measure("queued and sent through django-q2's sync runner (as the tests run)", sync_runner)
    assert OutboundMessage.objects.filter(status="sent").count() == 2 * COUNT
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
