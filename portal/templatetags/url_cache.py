"""``{% url %}`` with each address worked out once per process, not once per link.

A staff page has up to a hundred links (the network table has three or four a person), and Django
reverses each one afresh: about 35 µs a link, a tenth of the network page's time. The URLconf does
not change while a process runs, so an address depends only on what this tag puts in its key: the
view name, the arguments, the namespace being served, the language (guides are language-prefixed),
the script prefix and the URLconf. The key holds plain values only (numbers and text); a link
given anything else (a model instance, a lazy string, True) is reversed as Django does, every time,
and so is a personal link: its address carries its secret, which must not outlive the request here.

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
from django.utils.translation import get_language

register = template.Library()

# Addresses that carry a secret token: never kept.
SECRET_BEARING = frozenset({"family_access:landing", "partner:landing"})


@lru_cache(maxsize=8192)
def _reverse(view_name, args, kwargs, current_app, language, prefix, urlconf):
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def _plain(value) -> bool:
    """Text (a template's quoted name is a SafeString, text all the same) or a whole number; not
    True, which is equal to 1 as a key but makes "True" in an address."""
    return isinstance(value, str) or type(value) is int


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
            if (
                _plain(view_name)
                and view_name not in SECRET_BEARING
                and all(map(_plain, args))
                and all(_plain(v) for _k, v in kwargs)
            ):
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
