"""Reads of the outbox that carry a rule: who may see a case's messages."""

from django.db.models import QuerySet
from django.http import Http404

from portal.messaging import registry
from portal.messaging.models import InboundMessage, OutboundMessage


def case_messages_for(*, user, case_ref: str) -> QuerySet[OutboundMessage]:
    """The messages of a case, for staff of that case only; anyone else is told it does not exist."""
    if not registry.may_see_case_messages(user, case_ref):
        raise Http404
    return OutboundMessage.objects.filter(case_ref=case_ref).order_by("-created_at", "-id")


def case_replies_for(*, user, case_ref: str) -> QuerySet[InboundMessage]:
    if not registry.may_see_case_messages(user, case_ref):
        raise Http404
    return InboundMessage.objects.filter(case_ref=case_ref).order_by("-received_at", "-id")
