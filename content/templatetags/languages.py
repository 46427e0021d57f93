"""The language switcher: each language named in itself, linking to this page in that language."""

import logging

from django import template
from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from content import page_cache

register = template.Library()
logger = logging.getLogger(__name__)


def _prefixed(language: str, path: str) -> str:
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def _page_links(page, request) -> dict[str, str]:
    """This page in every language: its translation when there is one, otherwise the English page's
    address under that language's prefix, which shows the English page with a notice."""
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    translations = {p.locale.language_code: p for p in pages}
    source = translations.get(settings.LANGUAGE_CODE) or page
    source_parts = source.get_url_parts(request)
    source_path = source_parts[2] if source_parts else "/"
    suffix = "easy-read/" if request.path_info.endswith("/easy-read/") else ""
    links = {}
    for code, _name in settings.LANGUAGES:
        translated = translations.get(code)
        if translated is not None:
            parts = translated.get_url_parts(request)
            links[code] = (parts[2] if parts else _prefixed(code, source_path)) + suffix
        else:
            links[code] = _prefixed(code, source_path) + suffix
    return links


@register.inclusion_tag("content/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    current = translation.get_language()
    try:
        links = _links(context, request)
    except DatabaseError:
        # The database is unreachable: every language's home page, from settings alone, so the
        # page around the switcher can still say what went wrong.
        logger.warning("Language switcher: the database is unreachable, linking to home pages")
        links = {code: _prefixed(code, "/") for code, _name in settings.LANGUAGES}
    languages = [
        {"code": code, "name": name, "url": links.get(code, "/"), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"languages": languages}


def _links(context, request) -> dict[str, str]:
    # A page that stays where it is in another language (the steps of a personal link's sign-in)
    # gives its own links.
    if context.get("language_links"):
        return context["language_links"]
    page = context.get("page")
    if isinstance(page, Page) and request is not None:
        return _page_links(page, request)
    match = getattr(request, "resolver_match", None)
    if getattr(match, "url_name", None) == "search":
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        links = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                links[code] = reverse("search") + query
        return links
    return home_links()


_homes: dict = {}  # this process's copy: {"generation": n, "links": {...}}


def home_links() -> dict[str, str]:
    """Each language's home page, looked up once per process and again only after a page is
    published or unpublished (the page cache's generation, shared by every process through the cache).
    Staff and family pages that are not Wagtail pages link to these."""
    generation = page_cache.generation()
    if _homes.get("generation") != generation:
        homes = Page.objects.filter(depth=2).live().select_related("locale")
        found = {home.locale.language_code: home for home in homes}
        links = {}
        for code, _name in settings.LANGUAGES:
            home = found.get(code)
            with translation.override(code):
                links[code] = (home.url if home else None) or _prefixed(code, "/")
        _homes.update(generation=generation, links=links)
    return _homes["links"]
