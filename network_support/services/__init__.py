"""Every write that carries a rule: asking, deciding, paying, ending, and setting limits and budgets."""

from network_support.services.decisions import ItemOutcomeInput, decide_request
from network_support.services.payments import end_support, mark_paid, set_budget, set_limit
from network_support.services.requests import (
    ItemInput,
    add_item,
    remove_item,
    start_request,
    submit_request,
    withdraw_request,
)

__all__ = [
    "ItemInput",
    "ItemOutcomeInput",
    "add_item",
    "decide_request",
    "end_support",
    "mark_paid",
    "remove_item",
    "set_budget",
    "set_limit",
    "start_request",
    "submit_request",
    "withdraw_request",
]
