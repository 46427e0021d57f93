"""Tests: texts are kept in ``outbox``, read like Django's ``mail.outbox``."""

from dataclasses import dataclass

from portal.messaging.backends import BaseSmsBackend


@dataclass(frozen=True)
class SentSms:
    to: str
    body: str
    reference: str
    sid: str


outbox: list[SentSms] = []


class LocmemBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str, reference: str) -> str:
        sid = f"SMlocmem{len(outbox) + 1:024d}"
        outbox.append(SentSms(to=to, body=body, reference=reference, sid=sid))
        return sid
