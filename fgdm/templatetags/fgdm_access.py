"""Links drawn only for those who may follow them: the answer comes from ``fgdm.selectors.access``."""

from django import template

from fgdm.selectors.access import may_follow as _may_follow

register = template.Library()


@register.simple_tag(takes_context=True)
def may_follow(context, url_name: str, case=None) -> bool:
    """``{% may_follow "fgdm:add_member" case as may_add %}``"""
    return _may_follow(context["request"].user, url_name, case)
