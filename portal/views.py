"""Site-wide pages: health, the footer's information pages and the error pages."""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.family_access import language, session
from portal.permissions import public_view

logger = logging.getLogger(__name__)


def _database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database is unreachable")
        return False


def _queue_reachable() -> bool:
    from django_q.brokers import get_broker

    try:
        broker = get_broker()
        broker.ping()
        broker.queue_size()
        return True
    except Exception:
        logger.exception("Health check: the queue broker is unreachable")
        return False


@never_cache
@require_GET
def healthz(request):
    """Is the portal able to serve? Reports reachability only: no counts, names or personal data."""
    checks = {"database": _database_reachable(), "queue": _queue_reachable()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "checks": {name: "ok" if ok else "unavailable" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )


def _reader_language(request) -> str | None:
    """A signed-in family member reads the footer's pages in their saved language (and gets no
    switcher, as on their other pages); someone part-way through signing in, in the one they chose."""
    return language.of_member(request.family) if request.family else language.chosen(request)


def _footer_page(template_name: str):
    @language.speaks(_reader_language)
    def page(request):
        response = render(request, template_name)
        if request.family is not None:
            add_never_cache_headers(response)  # a phone may be shared
        return response

    @public_view
    def view(request):
        # Who is reading comes first: a language picked with ?lang= must not skip it.
        request.family = session.current(request)
        return page(request)

    return view


help_page = _footer_page("portal/help.html")
accessibility = _footer_page("portal/accessibility.html")
privacy = _footer_page("portal/privacy.html")


def csrf_failure(request, reason=""):
    return render(request, "csrf_failure.html", status=403)


def server_error(request):
    """The friendly 500 page. It needs no database, cache, session or context processor: whatever
    failed may fail again. The language is the one the request was in, when it got that far."""
    context = {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "COUNCIL_NAME": settings.COUNCIL_NAME,
        "SERVICE_CONTACT_PHONE": settings.SERVICE_CONTACT_PHONE,
    }
    try:
        body = loader.get_template("500.html").render(context)
    except Exception:  # not even the template: the plainest page that still says what to do
        logger.exception("The 500 page could not be rendered")
        body = "<!DOCTYPE html><title>Sorry, there is a problem with the service</title><h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>"  # noqa: E501
    response = HttpResponseServerError(body)
    response["Cache-Control"] = "no-store"
    return response
