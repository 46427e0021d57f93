"""Links drawn only for those who may follow them: the answer comes from ``fgdm.selectors.access``."""

from django import template

from fgdm.selectors.access import may_follow as _may_follow
from fgdm.selectors.access import may_give_written_views

register = template.Library()


@register.simple_tag(takes_context=True)
def may_follow(context, url_name: str, case=None) -> bool:
    """``{% may_follow "fgdm:add_member" case as may_add %}``"""
    return _may_follow(context["request"].user, url_name, case)


@register.simple_tag
def may_give_views(member) -> bool:
    """``{% may_give_views member as may_views %}``: the "your views" page is for those limited to written views."""
    return may_give_written_views(member)
