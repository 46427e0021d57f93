"""Asking for help: drafts, sending, taking back, and the plain errors for bad input."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fgdm.factories import ConsentDecisionFactory, PlanVersionFactory
from fgdm.models.consent import ConsentMethod, ConsentStatus
from network_support.models import Frequency, SupportItem, SupportRequest
from network_support.money import due_dates, payments_between, pounds, to_pence
from network_support.services import (
    ItemInput,
    add_item,
    remove_item,
    start_request,
    submit_request,
    withdraw_request,
)
from portal.audit.models import AuditEvent
from tests.network_support.conftest import bunk_beds, bus_fares, today


def test_a_member_saves_a_draft_from_a_plan_action_then_sends_it(consented, plan_action):
    draft = start_request(
        member=consented, barrier="Nan cannot afford the bus.", items=[bus_fares()], plan_action=plan_action
    )
    assert draft.status == SupportRequest.Status.DRAFT and draft.plan_action == plan_action
    add_item(request=draft, item=bunk_beds())
    assert draft.total_pence == 1250 * 13 + 24000

    sent = submit_request(request=draft)

    assert sent.status == SupportRequest.Status.SUBMITTED and sent.submitted_at is not None
    event = AuditEvent.objects.get(action="support.request_submitted")
    assert event.actor_label == consented.ref and event.detail["total_pence"] == 40250


def test_a_sent_request_cannot_be_changed(submitted):
    with pytest.raises(ValidationError, match="cannot be changed"):
        add_item(request=submitted, item=bunk_beds())
    with pytest.raises(ValidationError, match="cannot be changed"):
        remove_item(request=submitted, item_id=submitted.items.first().pk)


def test_a_draft_needs_something_asked_for_before_it_is_sent(consented):
    draft = start_request(member=consented, barrier="No beds.", items=[bunk_beds()])
    remove_item(request=draft, item_id=draft.items.get().pk)
    with pytest.raises(ValidationError, match="at least one thing"):
        submit_request(request=draft)


def test_the_end_date_or_number_of_payments_sets_the_period():
    from network_support.services.requests import clean_item

    start = today()
    weekly = clean_item(bus_fares(payments=None, starts_on=start, ends_on=start + timedelta(weeks=12)))
    assert weekly["payments"] == 13 and weekly["ends_on"] == start + timedelta(weeks=12)
    monthly = clean_item(
        ItemInput(
            category="wage_subsidy",
            description="A month's wages",
            amount_pence=150000,
            frequency=Frequency.MONTHLY,
            starts_on=date(2027, 1, 31),
            payments=3,
        )
    )
    assert monthly["payments"] == 3 and monthly["ends_on"] == date(2027, 3, 31)
    assert payments_between(Frequency.MONTHLY, date(2027, 1, 31), date(2027, 3, 30)) == 2
    assert due_dates(Frequency.MONTHLY, date(2027, 1, 31), 3) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
    ]
    once = clean_item(bunk_beds())
    assert once["payments"] == 1 and once["ends_on"] == once["starts_on"]


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        (bus_fares(amount_pence=-500), "amount", "The amount must be more than £0."),
        (bus_fares(amount_pence=0), "amount", "The amount must be more than £0."),
        (
            bunk_beds(amount_pence=5_000_000),
            "amount",
            "The amount must be £10,000 or less each time. Check it is right.",
        ),
        (bus_fares(amount_pence=900_000, payments=100), "amount", "This comes to more than £50,000 in all."),
        (
            bus_fares(payments=None, ends_on=today()),
            "ends_on",
            "The last date must be the same as or after the first date.",
        ),
        (bus_fares(payments=None), "ends_on", "Give the last date you need it, or how many payments you need."),
        (bus_fares(payments=500), "payments", "Ask for 104 payments or fewer. You can ask again later."),
        (bus_fares(payments=0), "ends_on", "Give the last date you need it, or how many payments you need."),
    ],
)
def test_bad_items_are_refused_with_plain_words_and_nothing_is_saved(consented, item, field, words):
    with pytest.raises(ValidationError) as refused:
        start_request(member=consented, barrier="No money for the bus.", items=[item])
    assert any(message.startswith(words) for message in refused.value.message_dict[field])
    assert not SupportRequest.objects.exists() and not SupportItem.objects.exists()


def test_the_barrier_is_needed(consented):
    with pytest.raises(ValidationError) as refused:
        start_request(member=consented, barrier="  ", items=[bunk_beds()])
    assert refused.value.message_dict["barrier"] == ["Say what is stopping you."]


def test_no_request_on_a_case_whose_consent_was_withdrawn(case, consented, coordinator):
    draft = start_request(member=consented, barrier="No beds.", items=[bunk_beds()])
    ConsentDecisionFactory(member=consented, status=ConsentStatus.WITHDRAWN, method=ConsentMethod.PHONE)
    words = "Consent for this family meeting has been withdrawn or not given, so help cannot be asked for now."
    with pytest.raises(ValidationError, match=words):
        start_request(member=consented, barrier="No beds.", items=[bunk_beds()])
    with pytest.raises(ValidationError, match=words):
        submit_request(request=draft)


def test_a_plan_action_from_another_case_is_refused(consented, plan_action):
    foreign = PlanVersionFactory().actions.get()  # another family's plan

    with pytest.raises(ValidationError) as refused:
        start_request(member=consented, barrier="No beds.", items=[bunk_beds()], plan_action=foreign)

    assert refused.value.messages == ["That part of the plan is not part of this family's plan."]


def test_the_family_can_take_back_a_request_until_it_is_decided(submitted):
    withdrawn = withdraw_request(request=submitted)
    assert withdrawn.status == SupportRequest.Status.WITHDRAWN
    with pytest.raises(ValidationError, match="cannot be taken back"):
        withdraw_request(request=withdrawn)


def test_money_is_whole_pence():
    assert to_pence("£1,234.56") == 123456 and to_pence("0.125") == 13 and pounds(120000) == "£1,200"
    with pytest.raises(ValueError):
        to_pence("twelve")
    with pytest.raises(ValueError):
        to_pence("NaN")
