"""fgdm.services.cases: a referral, its independent coordinator, and the duty to offer a meeting."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import CaseFactory
from fgdm.models import DutyToOfferDecision, Stage
from fgdm.services.cases import assign_coordinator, create_referral, record_duty_to_offer
from portal.accounts import roles
from portal.audit.models import AuditEvent
from portal.records import FinalRecordError
from tests.factories import make_staff
from tests.text import errors_of

pytestmark = pytest.mark.django_db


def _refer(lead, **fields):
    fields.setdefault("children", [{"name": "Mia", "date_of_birth": date(2016, 5, 14)}])
    return create_referral(lead_practitioner=lead, stage=Stage.FAMILY_HELP, worries="Worry.", actor=lead, **fields)


def test_a_referral_opens_a_case_for_each_child_named_and_is_audited(practitioner):
    case = _refer(
        practitioner,
        children=[
            {"name": "Mia", "date_of_birth": date(2016, 5, 14)},
            {"name": "Leo", "date_of_birth": date(2019, 1, 2)},
        ],
    )

    assert [child.name for child in case.children.all()] == ["Mia", "Leo"]
    assert (case.lead_practitioner, case.coordinator, case.stage) == (practitioner, None, Stage.FAMILY_HELP)
    event = AuditEvent.objects.get(action="case.referred")
    assert (event.actor, event.detail) == (practitioner, {"stage": "family_help", "children": 2})


def test_only_a_lead_practitioner_refers_and_only_for_a_child_already_born(practitioner, coordinator):
    with pytest.raises(ValidationError) as not_lead:
        _refer(coordinator)
    with pytest.raises(ValidationError) as no_child:
        _refer(practitioner, children=[])
    with pytest.raises(ValidationError) as unborn:
        _refer(practitioner, children=[{"name": "Baby", "date_of_birth": date.today() + timedelta(days=1)}])

    assert errors_of(not_lead) == {"lead_practitioner": ["Choose a lead practitioner."]}
    assert errors_of(no_child) == {"child_name": ["Enter the child's name."]}
    assert errors_of(unborn) == {"child_date_of_birth": ["Date of birth must be today or in the past."]}
    assert not AuditEvent.objects.filter(action="case.referred").exists()


def test_the_coordinator_is_never_the_cases_lead_practitioner(case, practitioner):
    practitioner.groups.add(roles.group_for(roles.COORDINATOR))

    with pytest.raises(ValidationError) as error:
        assign_coordinator(case=case, coordinator=practitioner, actor=practitioner)

    assert errors_of(error) == {
        "coordinator": ["The coordinator must be independent: choose someone other than the lead practitioner."]
    }
    case.refresh_from_db()
    assert case.coordinator != practitioner


def test_a_new_coordinator_needs_the_role_and_the_change_is_audited_with_the_previous_one(case, coordinator):
    with pytest.raises(ValidationError) as error:
        assign_coordinator(case=case, coordinator=make_staff(roles.SERVICE_MANAGER), actor=case.lead_practitioner)
    assert errors_of(error) == {"coordinator": ["Choose someone with the coordinator role."]}

    successor = make_staff(roles.COORDINATOR)
    assign_coordinator(case=case, coordinator=successor, actor=case.lead_practitioner)

    case.refresh_from_db()
    assert case.coordinator == successor
    event = AuditEvent.objects.filter(action="case.coordinator_assigned").latest("pk")
    assert event.detail == {"coordinator": successor.pk, "previous": coordinator.pk}


def test_the_duty_to_offer_is_recorded_at_pre_proceedings_only(case, practitioner):
    with pytest.raises(ValidationError) as error:
        record_duty_to_offer(case=case, offered=True, offered_on=date.today(), actor=practitioner)

    assert errors_of(error) == {"__all__": ["The duty to offer is recorded for cases at pre-proceedings."]}
    assert not DutyToOfferDecision.objects.exists()


@pytest.mark.parametrize(
    "offered, offered_on, reason, expected",
    [
        (True, None, "", {"offered_on": ["Enter the date the meeting was offered."]}),
        (
            True,
            date.today() + timedelta(days=1),
            "",
            {"offered_on": ["The date offered must be today or in the past."]},
        ),
        (False, None, "  ", {"reason_not_offered": ["Explain why a meeting is not in the child's best interests."]}),
    ],
)
def test_an_offer_needs_its_date_and_no_offer_needs_its_reason(offered, offered_on, reason, expected):
    case = CaseFactory(stage=Stage.PRE_PROCEEDINGS)

    with pytest.raises(ValidationError) as error:
        record_duty_to_offer(
            case=case, offered=offered, offered_on=offered_on, reason_not_offered=reason, actor=case.lead_practitioner
        )

    assert errors_of(error) == expected


def test_a_changed_duty_to_offer_decision_supersedes_the_last_and_keeps_it():
    case = CaseFactory(stage=Stage.PRE_PROCEEDINGS)
    lead = case.lead_practitioner
    first = record_duty_to_offer(case=case, offered=False, reason_not_offered=" Mother in hospital. ", actor=lead)
    second = record_duty_to_offer(case=case, offered=True, offered_on=date.today(), reason_not_offered="x", actor=lead)

    first.refresh_from_db()
    assert first.superseded_by == second
    assert (first.offered, first.reason_not_offered) == (False, "Mother in hospital.")
    assert (second.offered_on, second.reason_not_offered) == (date.today(), "")
    assert list(DutyToOfferDecision.objects.current()) == [second]
    with pytest.raises(FinalRecordError):
        first.delete()
