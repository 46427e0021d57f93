"""Words, not codes: what staff read in histories instead of the stored values."""

from django import template

from fgdm.models import ExclusionReason

register = template.Library()


@register.filter
def reason_labels(values) -> str:
    """``["coercive_control", "domestic_abuse"]`` → "Coercive control, Domestic abuse"."""
    labels = dict(ExclusionReason.choices)
    return ", ".join(str(labels.get(value, value)) for value in values or [])
