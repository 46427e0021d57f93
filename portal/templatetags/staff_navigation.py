from django import template

from portal.permissions import staff_navigation

register = template.Library()


@register.simple_tag
def staff_navigation_entries(user):
    """The navigation entries apps registered, each shown only when its ``may_…`` rule holds for ``user``."""
    return staff_navigation(user)
