from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api import views_api, views_staff
from api.permissions import PublicDocument

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("cases", views_api.CaseViewSet, basename="case")
router.register("meetings", views_api.MeetingViewSet, basename="meeting")
router.register("plans", views_api.PlanViewSet, basename="plan")
router.register("outcomes", views_api.OutcomeViewSet, basename="outcome")
router.register("support-requests", views_api.SupportRequestViewSet, basename="support_request")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/figures/statutory/", views_api.StatutoryFiguresView.as_view(), name="statutory_figures_json"),
    path(
        "api/v1/schema/",
        SpectacularAPIView.as_view(permission_classes=[PublicDocument], authentication_classes=[], urlconf="api.urls"),
        name="schema",
    ),
    path("api/v1/reference/", views_staff.reference, name="reference"),
    path("staff/api/", views_staff.client_list, name="clients"),
    path("staff/api/<int:client_id>/", views_staff.client_detail, name="client"),
    path("staff/api/<int:client_id>/revoke/", views_staff.revoke, name="revoke"),
    path(
        "staff/api/<int:client_id>/webhooks/<int:endpoint_id>/remove/",
        views_staff.remove_webhook,
        name="remove_webhook",
    ),
    path(
        "staff/api/<int:client_id>/deliveries/<int:delivery_id>/send-again/",
        views_staff.send_again,
        name="send_again",
    ),
    # Anything else under /api/ is the API's own 404, not a page (nor a guessed language code "api").
    re_path(r"^api/", views_staff.api_not_found, name="not_found"),
    path("staff/statutory-figures/", views_staff.statutory_figures, name="statutory_figures"),
]
