"""A stand-in for Twilio's Messages API on 127.0.0.1, for the real ``twilio`` client to talk to.

It answers like Twilio: 201 with the new message's sid, 400 with Twilio's error JSON (21211,
21610, ...), 429, 500, or a reply slower than the client will wait. Tests script the answers in
order with ``server.script``; once the script runs out every request succeeds.
"""

import base64
import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "fake-auth-token-0123456789abcdef"
MESSAGING_SERVICE_SID = "MG" + "2" * 32
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
    sent: list = field(default_factory=list)  # the messages "sent", as Twilio would list them
    base_url: str = ""

    def next_answer(self):
        return self.script.pop(0) if self.script else "ok"


def start() -> tuple[FakeTwilio, ThreadingHTTPServer]:
    fake = FakeTwilio()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def do_POST(self):
            expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self._json(401, {"code": 20003, "message": "Authenticate", "status": 401})
            if self.path != f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json":
                return self._json(404, {"code": 20404, "message": "Not found", "status": 404})
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            with lock:
                fake.requests.append(form)
                answer = fake.next_answer()
            if isinstance(answer, tuple) and answer[0] == "slow":
                time.sleep(answer[1])  # the client gives up first; Twilio would still send it
                answer = "ok"
            if answer == "ok":
                with lock:
                    sid = f"SM{len(fake.accepted) + 1:032x}"
                    fake.accepted.append(sid)
                    message = self._message(sid, form)
                    fake.sent.append(message)
                return self._json(201, message)
            if answer in (429, 500):
                return self._json(answer, {"code": 20429 if answer == 429 else None, "message": "", "status": answer})
            return self._json(400, {"code": answer, "message": ERRORS.get(answer, "Bad request"), "status": 400})

        def do_GET(self):
            """The messages list, filtered by ``To``: what the outbox sweep asks about an unsettled send."""
            expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self._json(401, {"code": 20003, "message": "Authenticate", "status": 401})
            path, _sep, query = self.path.partition("?")
            if path != f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json":
                return self._json(404, {"code": 20404, "message": "Not found", "status": 404})
            to = parse_qs(query).get("To", [""])[0]
            with lock:
                found = [m for m in fake.sent if not to or m["to"] == to]
            return self._json(200, {"messages": found, "page": 0, "page_size": 100, "next_page_uri": None, "uri": path})

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
                "date_created": formatdate(usegmt=True),
                "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
            }

        def _json(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may have stopped waiting (the slow answer).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server
