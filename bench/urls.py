"""The portal's URLs plus the floor: a page that does nothing, for the benchmarks only.

The floor goes through every middleware a real page goes through (sessions, locale, CSRF,
authentication, the staff-access check, the security headers, the anonymous page cache) and then
answers a few bytes without a template or a query. Asked without a session cookie, as the
benchmarks ask it, it touches no database and no cache: whatever a page takes beyond the floor is
the page's own work. Only bench/load_settings.py (and bench/queries.py) use this URLconf; the
production URLconf (portal/urls.py) has no such page.
"""

from django.http import HttpResponse
from django.urls import path

from portal.permissions import public_view
from portal.urls import handler500  # noqa: F401  (Django reads it from the root URLconf)
from portal.urls import urlpatterns as portal_urlpatterns


@public_view
def floor(request):
    return HttpResponse("floor", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *portal_urlpatterns]
