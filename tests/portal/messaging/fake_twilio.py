"""A stand-in for Twilio's Messages API on 127.0.0.1, for the real ``twilio`` client to talk to.

It answers like Twilio: 201 with the new message's sid, 400 with Twilio's error JSON (21211,
21610, ...), 429, 500, or a reply slower than the client will wait. Tests script the answers in
order with ``server.script``; once the script runs out every request succeeds.

For the tests that run real processes (tests/faults/test_outbox_cluster.py) it also:

- lists the messages sent to a number (``GET .../Messages.json?To=...``, Twilio's list format),
  so a backend can ask "did this text go?" after an answer it never got;
- can answer every request slowly (``slow_seconds``): the message is created first, as Twilio
  would, and the answer comes too late for the client;
- can hold requests (``hold()`` / ``release()``): a request waits, nothing created, until
  released, and ``holding`` names the client addresses waiting, so a test can find the process
  that is mid-send;
- remembers each message it created (``messages``), with the outbox row it names (the
  ``ref`` of the status callback), so a test can count how often each row reached "Twilio".
"""

import base64
import contextlib
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "fake-auth-token-0123456789abcdef"
MESSAGING_SERVICE_SID = "MG" + "2" * 32
MESSAGES_PATH = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
ERRORS = {
    21211: "The 'To' number is not a valid phone number.",
    21610: "Attempt to send to unsubscribed recipient",
    21614: "'To' number is not a valid mobile number",
}


@dataclass
class FakeTwilio:
    script: list = field(default_factory=list)  # "ok", 429, 500, 21211, 21610, ("slow", seconds)
    requests: list = field(default_factory=list)  # the form fields of every request received
    accepted: list = field(default_factory=list)  # sids of the messages "sent"
    messages: list = field(default_factory=list)  # every message created, in Twilio's JSON
    lookups: list = field(default_factory=list)  # the query of every list request
    base_url: str = ""
    slow_seconds: float = 0.0  # answer every create this late (the message is created first)
    holding: list = field(default_factory=list)  # (host, port) of each client held right now
    lock: threading.Lock = field(default_factory=threading.Lock)
    gate: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        self.gate.set()

    def next_answer(self):
        return self.script.pop(0) if self.script else "ok"

    def hold(self) -> None:
        """From now on each request waits, before anything is created, until ``release``."""
        self.gate.clear()

    def release(self) -> None:
        self.gate.set()

    def sent_per_ref(self) -> Counter:
        """How many texts were created for each outbox row (the ``ref`` of the status callback)."""
        with self.lock:
            return Counter(message["ref"] for message in self.messages)

    def reset(self) -> None:
        with self.lock:
            self.script.clear()
            self.requests.clear()
            self.accepted.clear()
            self.messages.clear()
            self.lookups.clear()
        self.slow_seconds = 0.0
        self.release()


def _reference(callback: str) -> str:
    return parse_qs(urlsplit(callback or "").query).get("ref", [""])[0]


def start() -> tuple[FakeTwilio, ThreadingHTTPServer]:
    fake = FakeTwilio()
    lock = fake.lock

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _authorised(self) -> bool:
            expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self._json(401, {"code": 20003, "message": "Authenticate", "status": 401})
                return False
            return True

        def do_GET(self):
            if not self._authorised():
                return None
            url = urlsplit(self.path)
            if url.path != MESSAGES_PATH:
                return self._json(404, {"code": 20404, "message": "Not found", "status": 404})
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            with lock:
                fake.lookups.append(query)
                found = [
                    message
                    for message in reversed(fake.messages)  # newest first, as Twilio lists them
                    if not query.get("To") or message["to"] == query["To"]
                ]
            size = int(query.get("PageSize", 50))
            return self._json(
                200,
                {
                    "messages": [{k: v for k, v in m.items() if k != "ref"} for m in found[:size]],
                    "end": min(size, len(found)) - 1,
                    "first_page_uri": f"{MESSAGES_PATH}?{url.query}&Page=0",
                    "next_page_uri": None,
                    "page": 0,
                    "page_size": size,
                    "previous_page_uri": None,
                    "start": 0,
                    "uri": f"{MESSAGES_PATH}?{url.query}",
                },
            )

        def do_POST(self):
            if not self._authorised():
                return None
            if self.path != MESSAGES_PATH:
                return self._json(404, {"code": 20404, "message": "Not found", "status": 404})
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if not fake.gate.is_set():
                with lock:
                    fake.holding.append(self.client_address)
                fake.gate.wait(120)
                with lock:
                    fake.holding.remove(self.client_address)
            with lock:
                fake.requests.append(form)
                answer = fake.next_answer()
            slow = fake.slow_seconds
            if isinstance(answer, tuple) and answer[0] == "slow":
                slow, answer = answer[1], "ok"
            if answer == "ok":
                with lock:
                    sid = f"SM{len(fake.accepted) + 1:032x}"
                    fake.accepted.append(sid)
                    message = self._message(sid, form)
                    fake.messages.append({**message, "ref": _reference(form.get("StatusCallback"))})
                if slow:
                    time.sleep(slow)  # the client gives up first; Twilio has sent it all the same
                return self._json(201, message)
            if answer in (429, 500):
                return self._json(answer, {"code": 20429 if answer == 429 else None, "message": "", "status": answer})
            return self._json(400, {"code": answer, "message": ERRORS.get(answer, "Bad request"), "status": 400})

        def _message(self, sid, form):
            return {
                "sid": sid,
                "account_sid": ACCOUNT_SID,
                "messaging_service_sid": form.get("MessagingServiceSid"),
                "to": form.get("To"),
                "from": None,
                "body": form.get("Body"),
                "status": "accepted",
                "num_segments": "0",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
                "date_created": format_datetime(datetime.now(UTC).replace(microsecond=0), usegmt=True),
                "date_sent": None,
                "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
            }

        def _json(self, status, payload):
            body = json.dumps(payload).encode()
            # The client may have stopped waiting (the slow answer).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server
