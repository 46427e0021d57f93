"""The service's figures are the sum of the rows beneath them, and the finance export lists those rows."""

import csv
import io
from collections import defaultdict
from datetime import date, timedelta

import pytest

from fgdm.factories import CaseFactory, ConsentDecisionFactory, ParentFactory
from fgdm.models import Stage
from network_support.figures import CSV_COLUMNS, figures, payments_csv, this_financial_year
from network_support.models import Outcome, Payment, SupportDecision
from network_support.money import financial_year_bounds
from network_support.services import end_support, mark_paid, set_budget, start_request, submit_request
from tests.network_support.conftest import bunk_beds, bus_fares, today
from tests.network_support.test_services_decisions import REVIEW, decide

YEAR = this_financial_year()


@pytest.fixture
def spending(submitted, practitioner, coordinator, manager):
    """Three decided requests over two stages: some payments paid, some stopped, one decision changed."""
    first = decide(submitted, practitioner, ("approved",), ("approved",))
    for payment in Payment.objects.filter(item_decision__decision=first, amount_pence=1250).order_by("due_on")[:3]:
        mark_paid(payment=payment, paid_on=today(), actor=manager)
    decide(submitted, practitioner, ("partly_approved", 1000, 10), ("approved",), replaces=first)

    other = CaseFactory(
        lead_practitioner=practitioner,
        coordinator=coordinator,
        stage=Stage.FAMILY_HELP,
        worries="Other family",
        child_name="Leo",
        child_born=date(2018, 1, 1),
    )
    aunt = ParentFactory(case=other, relationship="aunt", name="Aunt Rita", phone="+447400999001")
    ConsentDecisionFactory(member=aunt)
    second = submit_request(
        request=start_request(member=aunt, barrier="No bed.", items=[bunk_beds(30000), bus_fares(2000, 8)])
    )
    kept = decide(second, practitioner, ("approved",), ("approved",), review_on=REVIEW)
    end_support(decision=kept, ends_on=today() + timedelta(weeks=3), reason="Moved.", actor=practitioner)
    third = submit_request(request=start_request(member=aunt, barrier="Bills.", items=[bunk_beds(9000)]))
    decide(third, practitioner, ("declined",), reason_for_family="We cannot pay bills.")
    set_budget(year=YEAR, amount_pence=2_000_000, actor=manager)


def test_figures_equal_the_sum_of_the_payment_rows(spending):
    first, last = financial_year_bounds(YEAR)
    rows = [
        p
        for p in Payment.objects.select_related("item_decision__item", "item_decision__decision__request__case")
        if first <= p.due_on <= last and p.status != Payment.Status.STOPPED
    ]
    by_category, by_stage, by_month = (
        defaultdict(lambda: [0, 0]),
        defaultdict(lambda: [0, 0]),
        defaultdict(lambda: [0, 0]),
    )
    for p in rows:
        paid = p.amount_pence if p.status == Payment.Status.PAID else 0
        for bucket, key in (
            (by_category, p.item_decision.item.category),
            (by_stage, p.item_decision.decision.request.case.stage),
            (by_month, p.due_on.strftime("%Y-%m")),
        ):
            bucket[key][0] += p.amount_pence
            bucket[key][1] += paid

    got = figures(YEAR)

    assert got.committed_pence == sum(p.amount_pence for p in rows) > 0
    assert got.paid_pence == sum(p.amount_pence for p in rows if p.status == Payment.Status.PAID)
    assert {r.key: [r.committed_pence, r.paid_pence] for r in got.by_category} == dict(by_category)
    assert {r.key: [r.committed_pence, r.paid_pence] for r in got.by_stage} == dict(by_stage)
    assert {r.key: [r.committed_pence, r.paid_pence] for r in got.by_month} == dict(by_month)
    assert set(by_stage) == {Stage.CHILD_PROTECTION, Stage.FAMILY_HELP}
    assert got.budget_pence == 2_000_000 and got.remaining_pence == 2_000_000 - got.committed_pence


def test_outcome_shares_and_days_to_decision_come_from_the_decisions(spending):
    got = figures(YEAR)
    current = SupportDecision.objects.current()
    assert got.decisions == current.count() == 3
    assert got.outcomes == {Outcome.APPROVED: 1, Outcome.PARTLY_APPROVED: 1, Outcome.DECLINED: 1}
    assert [share for _label, _n, share in got.shares] == [33, 33, 33]
    waits = [
        (d.decided_at - d.request.submitted_at).total_seconds() / 86400
        for d in SupportDecision.objects.filter(number=1)
    ]
    assert got.average_days_to_decision == round(sum(waits) / len(waits), 1)


def test_the_finance_export_lists_every_payment_of_the_year(spending):
    first, last = financial_year_bounds(YEAR)
    in_year = Payment.objects.filter(due_on__gte=first, due_on__lte=last)
    rows = list(csv.DictReader(io.StringIO(payments_csv(YEAR))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == in_year.count()
    committed = sum(int(r["amount_gbp"].replace(".", "")) for r in rows if r["status"] != "stopped")
    assert committed == figures(YEAR).committed_pence
    assert {r["status"] for r in rows} == {"due", "paid", "stopped"}
    # Ids and codes only: no family's words reach the finance file.
    assert "Nan" not in payments_csv(YEAR) and "Bunk" not in payments_csv(YEAR)


def test_an_empty_year_has_no_figures(db):
    got = figures(1999)
    assert (got.committed_pence, got.paid_pence, got.decisions, got.average_days_to_decision) == (0, 0, 0, None)
    assert got.by_month == [] and got.remaining_pence is None
