"""No message is ever lost, none is sent twice: proved against real processes.

For each database — SQLite with the default settings (the ORM broker), and PostgreSQL with Redis —
this starts gunicorn (deploy/gunicorn.conf.py) and ``manage.py qcluster`` with 2 workers, with
production settings and the real Twilio backend talking to the stand-in for Twilio
(tests/portal/messaging/fake_twilio.py), and queues texts the way staff do: a signed-in
coordinator presses "Send invitations" for meetings of 30 people (tests/faults/cluster.py).

"Sent once" is counted at the provider: the stand-in records each text it created with the outbox
row it names (the reference in the status callback), so a text sent twice shows up as a count of 2.

The faults share one running deployment per database and one wait, because the outbox sweep
runs from django-q's scheduler (a 1-minute schedule, looked at every 30 s): each fault hits its
own meeting's 30 invitations, then every row of every fault must settle.

- empty broker: the cluster is stopped, invitations are queued, every job is deleted from the
  broker (Redis FLUSHDB / the ORM broker's table), the cluster starts again;
- killed worker: while the provider holds every request, the worker sending one text is killed
  with SIGKILL; the provider then creates that text (the request had reached it);
- restarted broker (Redis only): right after a meeting's invitations are queued, while their jobs
  wait in Redis and the cluster runs, Redis is killed and started again, empty;
- provider timeout: the provider answers 6 texts 7 s late while the client waits 5 s; each is
  created at the provider but the worker never hears so.
"""

import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.faults import cluster
from tests.portal.messaging import fake_twilio

MEMBERS = 30
MAIN_CASES = 10  # 300 invitations
FAULTS = ("flush", "kill", "restart", "timeout")
SLOW = 6  # texts the provider answers too late
TIMEOUT = 5  # seconds the Twilio client waits: long enough to find and kill a worker that is held
ENV = {
    "TWILIO_TIMEOUT_SECONDS": str(TIMEOUT),
    # A row still "sending" this long is settled by the sweep (production: 120 s; a send here
    # either answers or times out within 5 s).
    "MESSAGING_STUCK_AFTER_SECONDS": "20",
    # Inviting 30 people is one request: on a busy machine it can take longer than gunicorn's 30 s.
    "GUNICORN_TIMEOUT": "120",
    # 2 texts a job (production: 10), so a meeting's 30 texts make 15 jobs: more than the running
    # cluster takes at once (2 workers, and 4 more in hand), so jobs still wait in Redis when it
    # restarts; a worker killed mid-send still has a row of its batch left, which the sweep sends.
    "MESSAGING_SEND_BATCH": "2",
}


@pytest.fixture(scope="session")
def twilio():
    fake, server = fake_twilio.start()
    yield fake
    server.shutdown()
    server.server_close()


def _folder(name: str) -> Path:
    # Not pytest's tmp_path: other pytest sessions on the machine may tidy those away mid-run.
    return Path(tempfile.mkdtemp(prefix=f"fgdm-cluster-{name}-"))


@pytest.fixture(scope="session")
def static_root():
    folder = _folder("static")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)
    return found


needs_postgres = pytest.mark.skipif(
    not (cluster.postgres_reachable() and cluster.redis_server_available()),
    reason="needs PostgreSQL on 127.0.0.1:5432 and redis-server",
)


# Each run of the suite proves its own kind of deployment: the SQLite run (the embedded default)
# runs gunicorn and qcluster on SQLite with the ORM broker, the PostgreSQL run (as CI's second pass
# sets DATABASE_URL) on PostgreSQL with Redis. Both are always exercised by `.ci/run`.
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
DEPLOYMENTS = [pytest.param("postgres", marks=needs_postgres)] if ON_POSTGRES else [pytest.param("sqlite")]


@pytest.fixture(scope="module", params=DEPLOYMENTS)
def deployment(request, twilio, static_root):
    folder = _folder(request.param)
    redis = None
    if request.param == "postgres":
        redis = cluster.Redis(folder)
        redis.start()
    portal = cluster.Portal(
        # The PostgreSQL database is fgdm_<name>: CLUSTER_NAME keeps two runs on one server apart.
        name=os.environ.get("CLUSTER_NAME", "h13c_cluster"),
        folder=folder,
        twilio_url=twilio.base_url,
        database=request.param,
        redis=redis,
        extra=ENV,
    )
    try:
        world = portal.prepare(cases=MAIN_CASES + len(FAULTS), members=MEMBERS, static_root=static_root)
        portal.cases = dict(zip(["main"] * MAIN_CASES + list(FAULTS), world["cases"], strict=True))
        portal.main_cases = world["cases"][:MAIN_CASES]
        portal.start_web()
        portal.start_queue()
        yield portal
    finally:
        portal.stop_all()
        if redis is not None:
            redis.stop()
        twilio.reset()
        if not os.environ.get("CLUSTER_KEEP"):  # CLUSTER_KEEP=1 keeps the logs and the database
            shutil.rmtree(folder, ignore_errors=True)
            portal.drop_database()


@pytest.fixture(scope="module")
def sent_through_the_web(deployment, twilio):
    """300 invitations queued by 10 POSTs while both workers send; the rows once all have settled."""
    started = time.monotonic()
    for case_id in deployment.main_cases:
        deployment.send_invitations(case_id)
    rows = deployment.wait_settled(deployment.main_cases, seconds=180, expect=MAIN_CASES * MEMBERS)
    return rows, time.monotonic() - started


def test_300_invitations_queued_through_the_web_are_each_sent_exactly_once(sent_through_the_web, twilio):
    rows, _seconds = sent_through_the_web
    assert len(rows) == 300
    assert Counter(r["template"] for r in rows) == {"fgdm.invitation": 300}
    assert Counter(r["status"] for r in rows) == {"sent": 300}
    sent = twilio.sent_per_ref()
    assert [sent[str(r["id"])] for r in rows] == [1] * 300


@pytest.fixture(scope="module")
def faults(deployment, twilio, sent_through_the_web):
    """Every fault, each on its own meeting's invitations, then one wait until every row has settled."""
    portal, done = deployment, {}

    # An empty broker: jobs queued while the cluster is down are deleted before it starts again.
    portal.stop_queue()
    portal.send_invitations(portal.cases["flush"])
    done["jobs before flush"] = portal.jobs_in_broker()
    portal.empty_broker()
    done["jobs after flush"] = portal.jobs_in_broker()
    portal.start_queue()

    # A worker killed mid-send. The provider holds every request until released, so the worker
    # sending a text is found by its connection to the provider, and killed.
    twilio.hold()
    portal.send_invitations(portal.cases["kill"])
    done["killed"] = portal.kill_sender(twilio.holding)
    time.sleep(0.5)
    twilio.release()

    # A restarted broker: Redis dies (nothing saved) while jobs wait in it, and comes back empty.
    if portal.redis is not None:
        portal.send_invitations(portal.cases["restart"])
        done["jobs before restart"] = portal.jobs_in_broker()
        portal.redis.restart()
        done["jobs after restart"] = portal.jobs_in_broker()

    # A provider that does not answer in time: the first 6 texts are created, and the answers come
    # after the client gave up; the others go normally.
    twilio.script = [("slow", TIMEOUT + 2)] * SLOW
    portal.send_invitations(portal.cases["timeout"])

    wanted = [portal.cases[name] for name in FAULTS if name != "restart" or portal.redis is not None]
    rows = portal.wait_settled(wanted, seconds=300, expect=len(wanted) * MEMBERS)
    done["timeouts"] = SLOW - len(twilio.script)
    done["rows"] = {name: [r for r in rows if r["case"] == f"fgdm.case:{portal.cases[name]}"] for name in FAULTS}
    return done


def _each_settled_once(rows, twilio):
    """Every row sent (the provider has it once) or failed with a reason (the provider never had it)."""
    sent = twilio.sent_per_ref()
    assert len(rows) == MEMBERS
    for row in rows:
        times = sent[str(row["id"])]
        assert times <= 1, f"message {row['id']} was sent {times} times"
        if row["status"] == "failed":
            assert row["last_error"], row
            assert times == 0, f"message {row['id']} reached the provider but is marked failed: {row}"
        else:
            assert (row["status"], times) == ("sent", 1), row


def test_an_emptied_broker_loses_no_message(faults, twilio):
    # Every text had its job in the broker: the texts of one run share jobs, 2 to a job here.
    assert faults["jobs before flush"] >= MEMBERS // int(ENV["MESSAGING_SEND_BATCH"])
    assert faults["jobs after flush"] == 0
    _each_settled_once(faults["rows"]["flush"], twilio)
    assert Counter(r["status"] for r in faults["rows"]["flush"]) == {"sent": MEMBERS}


def test_a_worker_killed_mid_send_loses_no_message_and_sends_none_twice(faults, twilio):
    assert faults["killed"]
    _each_settled_once(faults["rows"]["kill"], twilio)
    # The killed worker's text reached the provider: asking the provider settles it as sent.
    assert Counter(r["status"] for r in faults["rows"]["kill"]) == {"sent": MEMBERS}


def test_a_restarted_broker_loses_no_message(deployment, faults, twilio):
    if deployment.redis is None:
        pytest.skip("the ORM broker is the database: there is no broker to restart")
    assert faults["jobs before restart"] > 0
    assert faults["jobs after restart"] == 0
    _each_settled_once(faults["rows"]["restart"], twilio)
    assert Counter(r["status"] for r in faults["rows"]["restart"]) == {"sent": MEMBERS}


def test_a_provider_that_times_out_gets_each_text_once(faults, twilio):
    assert faults["timeouts"] == SLOW
    _each_settled_once(faults["rows"]["timeout"], twilio)
    # Every text was created at the provider; asking it settles each one as sent.
    assert Counter(r["status"] for r in faults["rows"]["timeout"]) == {"sent": MEMBERS}


def test_no_send_and_no_request_met_a_locked_database(deployment, faults):
    logs = (deployment.folder / "qcluster.log").read_text() + (deployment.folder / "gunicorn.log").read_text()
    assert "database is locked" not in logs
