"""Factories for Family Network Support Packages, built through the services like ``fgdm.factories``:
a request is started and sent by a member of a family whose consent is in place, and decided by the
case's lead practitioner within the rules of ``decide_request``."""

from datetime import timedelta

import factory
from django.utils import timezone

from fgdm.factories import ConsentDecisionFactory
from network_support.models import Category, Frequency, Outcome, SupportDecision, SupportRequest
from network_support.services import (
    ItemInput,
    ItemOutcomeInput,
    decide_request,
    start_request,
    submit_request,
)


class ItemInputFactory(factory.Factory):
    """One thing asked for, as the family's form gives it: by default a weekly bus pass for 13 weeks."""

    class Meta:
        model = ItemInput

    category = Category.TRANSPORT
    description = "Weekly bus pass for Nan"
    amount_pence = 1250
    frequency = Frequency.WEEKLY
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    payments = 13


class SupportRequestFactory(factory.django.DjangoModelFactory):
    """A request sent by a parent who consented (``sent=False``: left as a draft)."""

    class Meta:
        model = SupportRequest

    member = factory.LazyFunction(lambda: ConsentDecisionFactory().member)
    barrier = "Nan cannot afford the bus."
    items = factory.LazyFunction(lambda: [ItemInputFactory()])
    plan_action = None
    entered_by = None
    sent = True

    @classmethod
    def _create(cls, model_class, *, sent, entered_by, **fields):
        request = start_request(entered_by=entered_by, **fields)
        return submit_request(request=request, entered_by=entered_by) if sent else request


class SupportDecisionFactory(factory.django.DjangoModelFactory):
    """The lead practitioner's decision: every item approved as asked, reviewed in 20 days."""

    class Meta:
        model = SupportDecision

    request = factory.SubFactory(SupportRequestFactory)
    outcomes = factory.LazyAttribute(
        lambda o: [ItemOutcomeInput(item_id=item.pk, outcome=Outcome.APPROVED) for item in o.request.items.all()]
    )
    reason_for_family = "Yes."
    internal_note = ""
    review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    decided_by = factory.LazyAttribute(lambda o: o.request.case.lead_practitioner)

    @classmethod
    def _create(cls, model_class, *, decided_by, **fields):
        return decide_request(actor=decided_by, **fields)
