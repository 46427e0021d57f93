"""Serving guides in the visitor's language, search over them, and forgiving language codes."""

import re

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page

from content.models import GuidePage
from portal.permissions import public_view

# What a language code in a URL looks like: "pl", "PL", "pt-br", "pt_BR", "zh-hant", "es-419".
LANGUAGE_CODE_SEGMENT = re.compile(r"^[A-Za-z]{2,3}(?:[-_](?:[A-Za-z]{2}|[A-Za-z]{4}|\d{3}))?$")


def _without_unknown_language(path: str) -> str | None:
    """'/xx/some-guide/' → the same page in a language we have, or None if the path starts with
    no language-like code. An unknown code gives the default language; a known one in another
    spelling ('PL', 'pt-BR') gives that language."""
    first, _slash, rest = path.lstrip("/").partition("/")
    if not LANGUAGE_CODE_SEGMENT.match(first):
        return None
    base = first[:3].split("-")[0].split("_")[0].lower()
    if not rest and len(base) == 3 and base not in LANG_INFO:
        return None  # '/faq/' alone is more likely a missing page than a language
    try:
        language = translation.get_supported_language_variant(first.lower().replace("_", "-"))
    except LookupError:
        language = settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return f"/{rest}"
    if first == language:
        return None  # already the right prefix: a real "not found"
    return f"/{language}/{rest}"


@public_view
def serve(request, path=""):
    """Wagtail's page serving, except that a URL with an unknown language code opens the page in
    the default language (a redirect) instead of 'page not found'."""
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        target = _without_unknown_language(request.path_info)
        if target is None:
            raise
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(f"{target}?{query}" if query else target)


@public_view
def unknown_language(request, code, rest=""):
    """Reached only when no other URL matched, e.g. '/pt-br/…' while 'pt' is the active language."""
    target = _without_unknown_language(request.path_info)
    if target is None:
        raise Http404
    return HttpResponseRedirect(target)


@public_view
def search(request):
    """Search the guides in the visitor's language (Wagtail search, database backend)."""
    # NUL cannot be searched for (PostgreSQL refuses it in text), and nobody types it.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    locale = Locale.get_active()
    results = []
    if query:
        results = list(GuidePage.objects.live().public().filter(locale=locale).search(query)[:20])
    home = Page.objects.filter(depth=2, locale=locale).live().first() or Page.objects.filter(depth=2).first()
    return TemplateResponse(
        request, "content/search.html", {"query": query, "results": results, "home_url": home.url if home else "/"}
    )
