"""Numbers, codes and addresses kept in their own order inside right-to-left text.

In an Arabic or Urdu sentence, "0300 123 4567" would otherwise be laid out group by group from the
right ("4567 123 0300"), and an address starting with a number loses its number to the far end.
``ltr`` sets a phone number, code, reference or time left to right whatever the page's direction;
``isolate`` wraps words whose direction is their own (an address, a name, a date in the page's
language) in ``<bdi>``, so the browser finds their direction from their first strong letter and
they do not reorder the text around them.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def ltr(value):
    """``<span dir="ltr">`` around a phone number, code, reference or time (escaped)."""
    return format_html('<span dir="ltr">{}</span>', value) if value not in (None, "") else ""


@register.filter
def isolate(value):
    """``<bdi>`` around an address, date or name (escaped, or kept as given if already safe HTML)."""
    return format_html("<bdi>{}</bdi>", value) if value not in (None, "") else ""
