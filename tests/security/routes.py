"""Every URL pattern of ours, with its parameters filled from the security world."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

# Views from allauth, Wagtail's admin and Django that enforce their own access.
THIRD_PARTY = ("allauth.", "wagtail.", "wagtail_localize.", "django.views.", "django.contrib.", "django_q.")
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
# Wagtail's page serving is matched by regular expressions; these are the pages it serves.
REGEX_SAMPLES = {
    "^api/": "api/v2/",
    "^((?:[\\w\\-]+/)*)$": "",
    "^(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)/(?P<rest>.*)$": "xx/",
}


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def module_of(view) -> str:
    view_class = getattr(view, "view_class", None)
    return (view_class.__module__ if view_class else getattr(view, "__module__", "")) or ""


# Visiting these ends the visitor's session, so they are visited last.
ENDS_SESSION = ("f/sign-out/", "f/leave/")


def our_routes():
    """(route, view) for every pattern that is ours, in a stable order, session-ending ones last."""
    routes = [
        (route, pattern.callback)
        for route, pattern in walk(get_resolver().url_patterns)
        if not module_of(pattern.callback).startswith(THIRD_PARTY) or getattr(pattern.callback, "access_rule", None)
    ]
    return sorted(routes, key=lambda r: r[0] in ENDS_SESSION)


def fill(route: str, ids: dict) -> str:
    if route in REGEX_SAMPLES:
        return "/" + REGEX_SAMPLES[route]
    return "/" + PARAM.sub(lambda m: str(ids.get(m.group(1), 999999)), route)
