"""A short-lived cache of guide pages for anonymous visitors, so the guides stay fast under load.

Only plain GETs of Wagtail pages by someone with no session are cached, keyed by the full path
(which carries the language), and only responses that set no cookie. Publishing or unpublishing
any page starts a new generation, so an editor's change shows at once. Every outer middleware
still runs on a cached response, so security headers and request ids are as usual.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve

TIMEOUT = 300
GENERATION_KEY = "content:page-cache:generation"
PAGE_VIEW = "wagtail_serve"


def generation() -> int:
    """Rises whenever a page is published or unpublished; what is cached about pages is cached per generation."""
    return cache.get_or_set(GENERATION_KEY, 1, None)


def new_generation(**kwargs) -> None:
    """Connected to Wagtail's page_published and page_unpublished signals."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _is_page(request) -> bool:
    try:
        return resolve(request.path_info).url_name == PAGE_VIEW
    except Resolver404:
        return False


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES or not _is_page(request):
            return self.get_response(request)
        key = f"content:page:{generation()}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, TIMEOUT)
        return response
