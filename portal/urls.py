from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.accounts import views as account_views

handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("help/", TemplateView.as_view(template_name="portal/help.html"), name="help"),
    path("accessibility/", TemplateView.as_view(template_name="portal/accessibility.html"), name="accessibility"),
    path("privacy/", TemplateView.as_view(template_name="portal/privacy.html"), name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("staff/", account_views.staff_home, name="staff_home"),
    path("", include("portal.messaging.urls")),
    path("cases/", include("fgdm.urls")),
    path("f/", include("fgdm.family_urls")),
    path("f/", include("portal.family_access.urls")),
    path("", include("network_support.urls")),
    # Editors sign in like all staff, with their second factor, never through Wagtail's own form.
    path("cms/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
