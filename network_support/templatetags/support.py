from django import template

from network_support.money import pounds as format_pounds

register = template.Library()


@register.filter
def pounds(pence):
    """Whole pence as pounds: 1250 → £12.50."""
    return format_pounds(pence)
