"""Reads that carry a rule. Above all: who may see what."""

from fgdm.selectors.access import cases_for, may_see_case
from fgdm.selectors.audience import (
    Disclosure,
    PartView,
    audience,
    contact_allowed,
    current_exclusion,
    disclosure,
    disclosures,
    may_be_contacted,
    parts_allowed,
)

__all__ = [
    "Disclosure",
    "PartView",
    "audience",
    "cases_for",
    "contact_allowed",
    "current_exclusion",
    "disclosure",
    "disclosures",
    "may_be_contacted",
    "may_see_case",
    "parts_allowed",
]
