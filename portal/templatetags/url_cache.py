"""``{% url %}`` with each address worked out once per process, not once per link.

A staff page has up to a hundred links (the network table has three or four a person), and Django
reverses each one afresh: about 35 µs a link, a tenth of the network page's time. The URLconf does
not change while a process runs, so an address depends only on what this tag puts in its key: the
view name, the arguments, the namespace being served, the language (guides are language-prefixed),
the script prefix and the URLconf. Only links whose arguments are all whole numbers (records' ids)
are kept. A link with text in its arguments is reversed as Django does, every time: text may be a
secret (a personal link's token, an email confirmation key, a password reset token) that must not
outlive the request in this process; so is a link given anything else (a model instance, True).

The library is one of the template engine's builtins (settings ``TEMPLATES``), so it replaces
Django's tag everywhere, Wagtail's and allauth's templates included; the tag's syntax and output
are Django's (``tests/portal/test_url_cache.py`` renders both and compares).
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=8192)
def _reverse(view_name, args, kwargs, current_app, language, prefix, urlconf):
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def _name(value) -> bool:
    """A view's name: text (a quoted name in a template is a SafeString, text all the same)."""
    return type(value) is str or type(value) is SafeString


def _number(value) -> bool:
    """A record's id: a whole number, not True (equal to 1 as a key, but "True" in an address)."""
    return type(value) is int


class CachedURLNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((k, v.resolve(context)) for k, v in self.kwargs.items())
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            if _name(view_name) and all(map(_number, args)) and all(_number(v) for _k, v in kwargs):
                url = _reverse(
                    view_name,
                    args,
                    kwargs,
                    current_app,
                    get_language(),
                    get_script_prefix(),
                    get_urlconf() or settings.ROOT_URLCONF,
                )
            else:
                url = reverse(view_name, args=list(args), kwargs=dict(kwargs), current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def _forget(*, setting, **kwargs):
    """A test that swaps the URLconf's contents under the same name must not get the old addresses."""
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


setting_changed.connect(_forget)
