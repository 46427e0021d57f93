"""Two people decide the same request at the same moment: one decision is recorded, the other is refused.

This needs real row locks, so it runs on PostgreSQL only (CI runs the suite there too). SQLite has
no SELECT ... FOR UPDATE; it serialises whole-database writes instead, which proves nothing here.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from network_support.models import SupportDecision, SupportRequest
from network_support.services import decisions as decision_service
from tests.network_support.test_services_decisions import REVIEW, outcomes

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; run with DATABASE_URL=postgres://...",
    ),
]
HOLD_LOCK_SECONDS = 0.5


def test_two_concurrent_decisions_one_wins_the_other_is_refused(submitted, practitioner, manager, monkeypatch):
    # Whoever gets the lock first holds it a moment, so the other is certain to arrive while it is held.
    why_may_not_decide = decision_service.why_may_not_decide

    def slow_check(actor, request):
        refusal = why_may_not_decide(actor, request)
        time.sleep(HOLD_LOCK_SECONDS)
        return refusal

    monkeypatch.setattr(decision_service, "why_may_not_decide", slow_check)
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def decide_as(name, actor, outcome):
        # Without the lock the loser would not be refused in words: it would hit the unique
        # (request, number) constraint and raise IntegrityError, which is recorded as a failure.
        try:
            start.wait()
            results[name] = decision_service.decide_request(
                request=submitted,
                outcomes=outcomes(submitted, (outcome,), (outcome,)),
                reason_for_family=f"Decided by {name}.",
                review_on=REVIEW,
                actor=actor,
            )
        except ValidationError as refusal:
            results[name] = refusal
        except Exception as error:
            results[name] = repr(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide_as, args=("practitioner", practitioner, "approved")),
        threading.Thread(target=decide_as, args=("manager", manager, "declined")),
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    elapsed = time.monotonic() - began

    recorded = [r for r in results.values() if isinstance(r, SupportDecision)]
    refused = [r for r in results.values() if isinstance(r, ValidationError)]
    assert len(recorded) == 1 and len(refused) == 1, results
    assert "To change it, make a new decision that replaces it." in refused[0].messages[0]
    # The loser waited for the winner's lock, then saw the decision: at least one hold went by.
    assert elapsed >= HOLD_LOCK_SECONDS
    assert SupportDecision.objects.count() == 1
    winner = SupportDecision.objects.get()
    assert winner.reason_for_family == recorded[0].reason_for_family
    assert SupportRequest.objects.get().status == SupportRequest.Status.DECIDED
