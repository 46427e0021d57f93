"""Deciding: the limit rule, per-item outcomes, review dates, superseding, payments, ending early."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from network_support.models import Outcome, Payment, SupportDecision, SupportRequest
from network_support.selectors import over_limit, reviews_due, waiting
from network_support.services import (
    ItemOutcomeInput,
    decide_request,
    end_support,
    mark_paid,
    set_limit,
    start_request,
    submit_request,
    withdraw_request,
)
from portal.accounts import roles
from portal.audit.models import AuditEvent
from portal.messaging.models import OutboundMessage
from portal.records import FinalRecordError
from tests.factories import make_staff
from tests.network_support.conftest import bunk_beds, bus_fares, today

REVIEW = today() + timedelta(days=60)


def outcomes(request, *choices):
    """One ItemOutcomeInput per item, in item order: ("approved",) or ("partly_approved", pence, payments)."""
    return [
        ItemOutcomeInput(
            item_id=item.pk,
            outcome=choice[0],
            amount_pence=(choice[1:2] or [None])[0],
            payments=(choice[2:3] or [None])[0],
        )
        for item, choice in zip(request.items.all(), choices, strict=True)
    ]


def decide(request, actor, *choices, **fields):
    fields.setdefault("reason_for_family", "We can pay for the bus but not the beds.")
    fields.setdefault("review_on", REVIEW)
    return decide_request(request=request, outcomes=outcomes(request, *choices), actor=actor, **fields)


def big_request(member, pence=60000):
    return submit_request(
        request=start_request(member=member, barrier="No beds.", items=[bunk_beds(amount_pence=pence)])
    )


# --- the limit rule -------------------------------------------------------------------------------


def test_a_practitioner_decides_within_the_default_limit(submitted, practitioner):
    decision = decide(submitted, practitioner, ("approved",), ("approved",))
    assert decision.outcome == Outcome.APPROVED and decision.approved_pence == 40250
    assert decision.decider_limit_pence == 50000


def test_over_the_limit_only_a_service_manager_decides_and_it_is_on_their_list(consented, practitioner, manager):
    request = big_request(consented)  # £600, over the £500 default

    with pytest.raises(ValidationError) as refused:
        decide(request, practitioner, ("approved",))
    assert refused.value.messages == [
        "This request is worth £600, more than your limit of £500. A service manager must decide it."
    ]
    assert [row.request for row in over_limit(manager)] == [request]
    assert [row.over_limit for row in waiting(practitioner)] == [True]

    decision = decide(request, manager, ("approved",))
    assert decision.decided_by == manager and decision.decider_limit_pence is None
    assert over_limit(manager) == []


def test_a_limit_set_by_a_manager_replaces_the_default(consented, practitioner, manager):
    request = big_request(consented)
    set_limit(decider=practitioner, limit_pence=100000, actor=manager)
    assert over_limit(manager) == []
    assert decide(request, practitioner, ("declined",)).outcome == Outcome.DECLINED


def test_the_limit_counts_recurring_items_over_their_whole_period(consented, practitioner):
    # £40 a week is under £500, but 13 weeks of it is £520.
    request = submit_request(
        request=start_request(member=consented, barrier="Bus", items=[bus_fares(amount_pence=4000, payments=13)])
    )
    with pytest.raises(ValidationError, match="worth £520, more than your limit of £500"):
        decide(request, practitioner, ("approved",))


def test_a_managers_own_limit_holds_too(consented, manager):
    set_limit(decider=manager, limit_pence=50000, actor=manager)
    with pytest.raises(ValidationError, match="more than your limit of £500"):
        decide(big_request(consented), manager, ("approved",))


def test_coordinators_and_other_practitioners_cannot_decide(submitted, coordinator):
    other = make_staff(roles.LEAD_PRACTITIONER)
    for person in (coordinator, other):
        with pytest.raises(ValidationError, match="Only the case's lead practitioner or a service manager"):
            decide(submitted, person, ("approved",), ("approved",))
    assert not SupportDecision.objects.exists()


# --- outcomes, review dates and payments ----------------------------------------------------------


def test_partly_approving_item_by_item_makes_a_payment_schedule(submitted, practitioner):
    decision = decide(submitted, practitioner, ("partly_approved", 1000, 8), ("declined",))

    assert decision.outcome == Outcome.PARTLY_APPROVED and decision.approved_pence == 8000
    bus, beds = decision.item_decisions.order_by("item_id")
    assert (bus.outcome, bus.approved_amount_pence, bus.approved_payments) == ("partly_approved", 1000, 8)
    assert (beds.outcome, beds.approved_total_pence) == ("declined", 0)
    payments = list(Payment.objects.order_by("due_on"))
    assert [p.amount_pence for p in payments] == [1000] * 8
    assert payments[1].due_on - payments[0].due_on == timedelta(weeks=1)
    assert SupportRequest.objects.get().status == SupportRequest.Status.DECIDED


def test_in_part_with_everything_asked_for_is_a_full_yes(submitted, practitioner):
    decision = decide(submitted, practitioner, ("partly_approved", 1250, 13), ("approved",))
    assert decision.outcome == Outcome.APPROVED


@pytest.mark.parametrize(
    ("choice", "field", "words"),
    [
        (
            ("partly_approved", 2000, 13),
            "amount_{bus}",
            "The amount you agree to must not be more than the £12.50 asked for.",
        ),
        (("partly_approved", 0, 13), "amount_{bus}", "Give the amount you agree to, more than £0."),
        (("partly_approved", 1000, 14), "payments_{bus}", "The number of payments must be between 1 and 13."),
        (("maybe",), "outcome_{bus}", "Choose yes, yes in part, or no."),
    ],
)
def test_bad_item_outcomes_are_refused(submitted, practitioner, choice, field, words):
    bus = submitted.items.first().pk
    with pytest.raises(ValidationError) as refused:
        decide(submitted, practitioner, choice, ("approved",))
    assert refused.value.message_dict[field.format(bus=bus)] == [words]
    assert not SupportDecision.objects.exists()


def test_recurring_support_needs_a_review_date_in_the_future(submitted, practitioner):
    with pytest.raises(ValidationError) as refused:
        decide(submitted, practitioner, ("approved",), ("declined",), review_on=None)
    assert refused.value.message_dict["review_on"] == ["Recurring support needs a review date."]
    with pytest.raises(ValidationError) as refused:
        decide(submitted, practitioner, ("approved",), ("declined",), review_on=today())
    assert refused.value.message_dict["review_on"] == ["The review date must be in the future."]


def test_one_off_support_needs_no_review_date(submitted, practitioner):
    decision = decide(submitted, practitioner, ("declined",), ("approved",), review_on=None)
    assert decision.review_on is None and decision.outcome == Outcome.PARTLY_APPROVED


def test_the_reason_for_the_family_is_needed(submitted, practitioner):
    with pytest.raises(ValidationError) as refused:
        decide(submitted, practitioner, ("approved",), ("approved",), reason_for_family=" ")
    assert refused.value.message_dict["reason_for_family"] == ["Write the reason for the family, in plain words."]


def test_reviews_due_appear_on_the_practitioners_list(submitted, practitioner):
    decision = decide(submitted, practitioner, ("approved",), ("approved",), review_on=today() + timedelta(days=10))
    assert list(reviews_due(practitioner)) == [decision]
    assert list(reviews_due(make_staff(roles.LEAD_PRACTITIONER))) == []
    assert list(reviews_due(practitioner, today=today() - timedelta(days=30))) == []


def test_the_family_is_told_through_the_outbox(submitted, practitioner, consented):
    decision = decide(submitted, practitioner, ("approved",), ("approved",))
    message = OutboundMessage.objects.get(template="network_support.decided")
    assert message.recipient_ref == consented.ref and message.idempotency_key.endswith(f":{decision.pk}")
    assert (
        message.body
        == f"Family group meetings, {settings.COUNCIL_NAME}: we have answered your family's request for help. "
        "See it here: personal link (hidden)"
    )
    assert message.sealed_body  # the real link goes to the family, sealed until it is sent


# --- decided once; changes supersede --------------------------------------------------------------


def test_a_request_is_decided_once(submitted, practitioner, manager):
    decide(submitted, practitioner, ("approved",), ("approved",))
    with pytest.raises(ValidationError, match=r"This request was decided by .* To change it, make a new decision"):
        decide(submitted, manager, ("declined",), ("declined",))
    assert SupportDecision.objects.count() == 1


def test_a_withdrawn_request_cannot_be_decided(submitted, practitioner):
    withdraw_request(request=submitted)
    with pytest.raises(ValidationError, match="The family took this request back, so it cannot be decided"):
        decide(submitted, practitioner, ("approved",), ("approved",))


def test_a_draft_cannot_be_decided(consented, practitioner):
    draft = start_request(member=consented, barrier="No beds.", items=[bunk_beds()])
    with pytest.raises(ValidationError, match="has not sent this request yet"):
        decide(draft, practitioner, ("approved",))


def test_a_change_is_a_new_decision_that_supersedes_the_old_and_is_audited(submitted, practitioner):
    first = decide(submitted, practitioner, ("approved",), ("declined",))
    first_payments = list(Payment.objects.order_by("due_on"))
    mark_paid(payment=first_payments[0], paid_on=today(), actor=practitioner)

    second = decide(submitted, practitioner, ("partly_approved", 1000, 13), ("approved",), replaces=first)

    first.refresh_from_db()
    assert first.superseded_by == second and second.number == 2
    assert list(SupportDecision.objects.current()) == [second]
    assert (
        AuditEvent.objects.filter(action="support.decision_changed", object_id=str(second.pk))
        .get()
        .detail["supersedes"]
        == first.pk
    )
    # The old schedule's unpaid payments stop; the paid week is not paid twice.
    statuses = sorted(Payment.objects.filter(item_decision__decision=first).values_list("status", flat=True))
    assert statuses == ["paid"] + ["stopped"] * 12
    new_bus = Payment.objects.filter(
        item_decision__decision=second, item_decision__item__description="Weekly bus pass for Nan"
    )
    assert new_bus.count() == 12 and first_payments[0].due_on not in set(new_bus.values_list("due_on", flat=True))
    with pytest.raises(ValidationError, match="The decision has changed since you opened this page"):
        decide(submitted, practitioner, ("declined",), ("declined",), replaces=first)


def test_a_recorded_decision_cannot_be_edited_or_deleted(submitted, practitioner):
    decision = decide(submitted, practitioner, ("approved",), ("approved",))
    decision.reason_for_family = "Something else"
    with pytest.raises(FinalRecordError):
        decision.save()
    with pytest.raises(FinalRecordError):
        decision.delete()
    with pytest.raises(FinalRecordError, match="cannot be changed"):
        decision.item_decisions.first().save()


def test_ending_support_early_records_why_and_stops_later_payments(submitted, practitioner):
    decision = decide(submitted, practitioner, ("approved",), ("approved",))
    ends_on = today() + timedelta(weeks=4)
    with pytest.raises(ValidationError) as refused:
        end_support(decision=decision, ends_on=ends_on, reason="", actor=practitioner)
    assert refused.value.message_dict["reason"] == ["Say why the support is ending early."]

    ending = end_support(decision=decision, ends_on=ends_on, reason="Nan moved in with the family.", actor=practitioner)

    assert ending.reason == "Nan moved in with the family."
    stopped = Payment.objects.filter(status=Payment.Status.STOPPED)
    assert stopped.count() == 13 - 4 and all(p.due_on > ends_on for p in stopped)
    assert AuditEvent.objects.filter(action="support.ended_early").exists()
    assert list(reviews_due(practitioner, today=REVIEW)) == []
    with pytest.raises(ValidationError, match="already been ended"):
        end_support(decision=decision, ends_on=ends_on, reason="again", actor=practitioner)


def test_a_stopped_payment_is_never_paid(submitted, practitioner):
    decide(submitted, practitioner, ("approved",), ("declined",))
    payment = Payment.objects.last()
    Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.STOPPED)
    with pytest.raises(ValidationError, match="Only a payment that is due"):
        mark_paid(payment=payment, paid_on=today(), actor=practitioner)
