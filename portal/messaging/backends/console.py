import sys
import uuid

from portal.messaging.backends import BaseSmsBackend


class ConsoleBackend(BaseSmsBackend):
    """Development: writes each text to standard output instead of sending it."""

    def send(self, *, to: str, body: str, reference: str) -> str:
        sys.stdout.write(f"--- SMS to {to} (ref {reference}) ---\n{body}\n---\n")
        sys.stdout.flush()
        return f"console-{uuid.uuid4().hex}"
