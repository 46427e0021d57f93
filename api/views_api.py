"""The read API, version 1. Views hold no rules: access is ``api.permissions``, rows are
``api.selectors``. Every call a client makes is written to the audit log, with the ids it read."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, pagination, parsers, renderers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from api import filters, serializers
from api.models import ApiClient, Scope
from api.permissions import ApiKeyAuthentication, ClientRateThrottle, HasScope
from api.selectors import records
from api.selectors.access import cases_for_client
from api.selectors.statutory import Period, statutory_figures
from portal.audit.services import record


class StableCursor(pagination.CursorPagination):
    """Cursor pages over the record's stable id: a row added while a client pages is not skipped or repeated."""

    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def decode_cursor(self, request):
        # A cursor we did not give out is a malformed parameter (400), not a missing page (404).
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({"cursor": [_("Use the next or previous address from the last page.")]}) from error


class AuditedApiView:
    """Writes one audit event per call: the client, the resource, the ids read, the answer's status."""

    scope = ""
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ClientRateThrottle]
    renderer_classes = [renderers.JSONRenderer]
    parser_classes = [parsers.JSONParser]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        client = getattr(request, "user", None)
        if isinstance(client, ApiClient):
            data = getattr(response, "data", None)
            if isinstance(data, dict) and isinstance(data.get("results"), list):
                ids = [row.get("id") for row in data["results"] if isinstance(row, dict)]
            elif isinstance(data, dict) and "id" in data and response.status_code == 200:
                ids = [data["id"]]
            else:
                ids = []
            record(
                action="api.read",
                actor_label=f"API client: {client.name}",
                object_type=f"api.{self.scope}",
                detail={"client": client.pk, "resource": self.scope, "ids": ids, "status": response.status_code},
            )
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
        return response


class RecordViewSet(AuditedApiView, viewsets.ReadOnlyModelViewSet):
    pagination_class = StableCursor
    lookup_value_converter = "int"
    filter_class = filters.ChangedSince
    selector = None

    def filter_values(self) -> dict:
        # On a single record the filters do not apply; the case scoping always does.
        if self.action != "list":
            return {}
        checked = self.filter_class(data=self.request.query_params)
        checked.is_valid(raise_exception=True)
        return checked.validated_data

    def get_queryset(self):
        return type(self).selector(self.request.user, **self.filter_values())


FILTERS = [
    OpenApiParameter(
        "updated_since", OpenApiTypes.DATETIME, description="ISO 8601 date and time: only records changed since."
    ),
    OpenApiParameter(
        "case_reference", str, pattern=r"^FG-[0-9]{5,9}$", description="Only this case's records, e.g. FG-00012."
    ),
]
# What every operation may answer besides its record: DRF's {"detail": "..."} or, for a bad filter,
# {"parameter": ["what is wrong"]}.
ERRORS = {
    400: OpenApiResponse(serializers.FIELD_ERRORS, description="A filter is malformed; each says why."),
    401: OpenApiResponse(serializers.DetailSerializer, description="No key, or an unknown, revoked or expired one."),
    403: OpenApiResponse(serializers.DetailSerializer, description="The key's scope does not cover this resource."),
    429: OpenApiResponse(serializers.DetailSerializer, description="Too many requests this minute for this client."),
}
NOT_FOUND = {404: OpenApiResponse(serializers.DetailSerializer, description="No such record among this key's cases.")}


def _documented(serializer, name: str, plural: str, extra=()):
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=f"The {plural} of this key's cases, oldest first, a page at a time (follow `next`).",
            parameters=[*FILTERS, *extra],
            responses={200: serializer(many=True), **ERRORS},
        ),
        retrieve=extend_schema(
            summary=f"One {name}",
            description=f"One {name}, by its id.",
            responses={200: serializer, **ERRORS, **NOT_FOUND},
        ),
    )


@_documented(serializers.CaseSerializer, "case", "cases")
class CaseViewSet(RecordViewSet):
    scope = Scope.CASES
    serializer_class = serializers.CaseSerializer
    selector = records.cases


@_documented(serializers.MeetingSerializer, "meeting", "meetings")
class MeetingViewSet(RecordViewSet):
    scope = Scope.MEETINGS
    serializer_class = serializers.MeetingSerializer
    selector = records.meetings


@_documented(
    serializers.PlanSerializer,
    "plan version",
    "plan versions sent by families",
    [OpenApiParameter("decision", str, enum=["agreed", "not_agreed", "waiting"], description="Current decision.")],
)
class PlanViewSet(RecordViewSet):
    scope = Scope.PLANS
    serializer_class = serializers.PlanSerializer
    filter_class = filters.PlanFilters
    selector = records.plans


@_documented(serializers.OutcomeSerializer, "outcome", "outcomes")
class OutcomeViewSet(RecordViewSet):
    scope = Scope.OUTCOMES
    serializer_class = serializers.OutcomeSerializer
    selector = records.outcomes


@_documented(serializers.SupportRequestSerializer, "support request", "support requests")
class SupportRequestViewSet(RecordViewSet):
    scope = Scope.SUPPORT
    serializer_class = serializers.SupportRequestSerializer
    selector = records.support_requests


class StatutoryFiguresView(AuditedApiView, generics.GenericAPIView):
    scope = Scope.FIGURES
    serializer_class = serializers.StatutoryFiguresSerializer

    @extend_schema(
        summary="The statutory figures for a period",
        description="The figures a council reports each year, for cases referred in the period (default: this "
        "financial year) and support payments due in it.",
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, description="First day, e.g. 2026-04-01."),
            OpenApiParameter("end", OpenApiTypes.DATE, description="Last day, e.g. 2027-03-31."),
        ],
        responses={200: serializers.StatutoryFiguresSerializer, **ERRORS},
    )
    def get(self, request):
        checked = filters.PeriodFilters(data=request.query_params)
        checked.is_valid(raise_exception=True)
        period = Period(**checked.validated_data)
        figures = statutory_figures(cases_for_client(request.user), period)
        data = {
            "start": period.start,
            "end": period.end,
            "figures": [
                {"key": f.key, "title": str(f.title), "columns": [str(c) for c in f.columns], "rows": f.rows}
                for f in figures
            ],
        }
        return Response(self.get_serializer(data).data)
