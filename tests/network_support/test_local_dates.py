"""A support decision made at half past midnight on a summer night is dated that day everywhere it
is shown: the family's page, the finance export, what a person asks to see, the statutory return."""

from datetime import UTC, datetime

import pytest

from fgdm.factories import CaseFactory
from fgdm.models import Case, DutyToOfferDecision, Stage
from fgdm.services.cases import record_duty_to_offer
from network_support.data_rights import requests_of
from network_support.figures import payment_rows, this_financial_year
from network_support.models import SupportDecision, SupportRequest
from network_support.selectors import as_family_view
from tests.network_support.test_services_decisions import decide

pytestmark = pytest.mark.django_db

JUST_AFTER_MIDNIGHT = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London


def test_a_support_decision_is_dated_by_the_day_in_england(submitted, practitioner):
    decision = decide(submitted, practitioner, ("approved",), ("approved",))
    SupportDecision.objects.filter(pk=decision.pk).update(decided_at=JUST_AFTER_MIDNIGHT)
    SupportRequest.objects.filter(pk=submitted.pk).update(created_at=JUST_AFTER_MIDNIGHT)

    assert str(as_family_view(SupportRequest.objects.get(pk=submitted.pk)).decided_on) == "2026-07-01"
    year = this_financial_year()
    finance = [row for y in (year, year + 1) for row in payment_rows(y) if row[10] == decision.pk]
    assert finance and {row[-1] for row in finance} == {"2026-07-01"}
    asked = requests_of([submitted.member.ref])[0].rows
    assert [row["Asked"] for row in asked] == ["2026-07-01"]


def test_the_statutory_return_dates_a_decision_not_to_offer_by_the_day_in_england(practitioner):
    from api.selectors.statutory import _reasons_not_offered

    case = CaseFactory(stage=Stage.PRE_PROCEEDINGS, lead_practitioner=practitioner)
    record_duty_to_offer(case=case, offered=False, reason_not_offered="The child's safety.", actor=practitioner)
    DutyToOfferDecision.objects.filter(case=case).update(decided_at=JUST_AFTER_MIDNIGHT)
    assert [row[1] for row in _reasons_not_offered(Case.objects.all()).rows] == ["2026-07-01"]
