from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from content import views as content_views
from portal import views
from portal.accounts import views as account_views
from portal.audit import views as audit_views

handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("help/", views.help_page, name="help"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("staff/", account_views.staff_home, name="staff_home"),
    path("staff/sign-in-locks/", account_views.sign_in_locks, name="sign_in_locks"),
    path("staff/sign-in-locks/<int:lock_id>/unlock/", account_views.unlock, name="sign_in_unlock"),
    path("staff/audit/", audit_views.audit_log, name="audit_log"),
    path("staff/audit.csv", audit_views.audit_csv, name="audit_csv"),
    path("", include("portal.messaging.urls")),
    path("cases/", include("fgdm.urls")),
    path("f/", include("fgdm.family_urls")),
    path("f/", include("portal.family_access.urls")),
    path("partner/", include("fgdm.partner_urls")),
    path("", include("network_support.urls")),
    path("", include("api.urls")),
    # Editors sign in like all staff, with their second factor, never through Wagtail's own form.
    path("cms/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Guides carry their language in the address (/pl/…; English has none), so a link in a message
# opens in the right one. Only Wagtail's pages and the guide search are prefixed: staff and
# family pages keep their addresses, and family pages follow the member's saved language.
urlpatterns += i18n_patterns(
    path("search/", content_views.search, name="search"),
    re_path(serve_pattern, content_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
# '/pt-br/…' and the like, when nothing above matched: the page in a language we have.
urlpatterns.append(
    re_path(r"^(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)/(?P<rest>.*)$", content_views.unknown_language)
)
