from django import template

from portal.middleware import current_csp_nonce

register = template.Library()


@register.simple_tag
def csp_nonce():
    """The nonce that lets one of Wagtail's own inline scripts run under the /cms/ policy."""
    return current_csp_nonce()
