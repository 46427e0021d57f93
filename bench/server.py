"""Run the portal for real, for the benchmarks: production settings, gunicorn and the queue worker.

Used by page_weight.py and load.py. Everything goes into a temporary folder (static files,
uploads, logs) and a throwaway database, and every process started here is stopped again.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_postgres(url: str) -> None:
    """Drop and create the database named in ``url`` (postgres://user@host:port/name)."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def production_env(*, folder: Path, port: int, database_url: str, redis_url: str = "", **extra: str) -> dict:
    """The environment of a production deployment on this machine, with throwaway secrets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PUBLIC_BASE_URL=f"https://127.0.0.1:{port}",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="60",
        REDIS_URL=redis_url,
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        MESSAGING_SMS_BACKEND="portal.messaging.backends.console.ConsoleBackend",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, log: Path | None = None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if log:
        with log.open("a") as out:
            out.write(result.stdout + result.stderr)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def prepare(env: dict, log: Path, **options) -> dict:
    """Migrate, collect static files, seed the demo, and make the benchmark's data and sessions."""
    manage(env, "migrate", "--noinput", log=log)
    manage(env, "collectstatic", "--noinput", log=log)
    manage(env, "seed_demo", "--allow-production", log=log)
    args = [f"--{key.replace('_', '-')}={value}" for key, value in options.items()]
    result = subprocess.run(
        [PYTHON, "bench/sessions.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"bench/sessions.py failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def wait_healthy(base_url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting; see its log")
        try:
            # Our own server, over http on this machine.
            request = urllib.request.Request(f"{base_url}/healthz", headers={"X-Forwarded-Proto": "https"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{base_url}/healthz did not answer 200 within {seconds} s")


def stop(process: subprocess.Popen, seconds: float = 20) -> int:
    """SIGTERM (gunicorn and qcluster both stop gracefully on it), then SIGKILL if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


@contextmanager
def running(env: dict, folder: Path, *, worker: bool = True):
    """gunicorn (deploy/gunicorn.conf.py) and, if asked, the queue worker; yields the base URL."""
    port = env["GUNICORN_BIND"].rsplit(":", 1)[1]
    base_url = f"http://127.0.0.1:{port}"
    web_log = (folder / "gunicorn.log").open("w")
    web = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=web_log,
        stderr=subprocess.STDOUT,
    )
    queue = None
    if worker:
        queue_log = (folder / "qcluster.log").open("w")
        queue = subprocess.Popen(
            [PYTHON, "manage.py", "qcluster"], cwd=ROOT, env=env, stdout=queue_log, stderr=subprocess.STDOUT
        )
    try:
        wait_healthy(base_url, web)
        yield base_url
    finally:
        stop(web)
        if queue:
            stop(queue)


@contextmanager
def workspace(keep: bool = False):
    folder = Path(tempfile.mkdtemp(prefix="fgdm-bench-"))
    try:
        yield folder
    finally:
        if not keep:
            subprocess.run(["rm", "-rf", str(folder)], check=False)
