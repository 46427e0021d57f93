"""The read API, version 1. Views hold no rules: access is ``api.permissions``, rows are
``api.selectors``. Every call a client makes is written to the audit log, with the ids it read."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, pagination, parsers, renderers, viewsets
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
    OpenApiParameter("updated_since", str, description="ISO 8601 date and time: only records changed since."),
    OpenApiParameter("case_reference", str, description="Only this case's records, e.g. FG-00012."),
]


def _documented(name: str, plural: str, extra=()):
    return extend_schema_view(
        list=extend_schema(summary=f"List {plural}", parameters=[*FILTERS, *extra]),
        retrieve=extend_schema(summary=f"One {name}"),
    )


@_documented("case", "cases")
class CaseViewSet(RecordViewSet):
    scope = Scope.CASES
    serializer_class = serializers.CaseSerializer
    selector = records.cases


@_documented("meeting", "meetings")
class MeetingViewSet(RecordViewSet):
    scope = Scope.MEETINGS
    serializer_class = serializers.MeetingSerializer
    selector = records.meetings


@_documented(
    "plan version",
    "plan versions sent by families",
    [OpenApiParameter("decision", str, enum=["agreed", "not_agreed", "waiting"], description="Current decision.")],
)
class PlanViewSet(RecordViewSet):
    scope = Scope.PLANS
    serializer_class = serializers.PlanSerializer
    filter_class = filters.PlanFilters
    selector = records.plans


@_documented("outcome", "outcomes")
class OutcomeViewSet(RecordViewSet):
    scope = Scope.OUTCOMES
    serializer_class = serializers.OutcomeSerializer
    selector = records.outcomes


@_documented("support request", "support requests")
class SupportRequestViewSet(RecordViewSet):
    scope = Scope.SUPPORT
    serializer_class = serializers.SupportRequestSerializer
    selector = records.support_requests


class StatutoryFiguresView(AuditedApiView, generics.GenericAPIView):
    scope = Scope.FIGURES
    serializer_class = serializers.StatutoryFiguresSerializer

    @extend_schema(
        summary="The statutory figures for a period",
        parameters=[
            OpenApiParameter("start", str, description="First day, e.g. 2026-04-01."),
            OpenApiParameter("end", str, description="Last day, e.g. 2027-03-31."),
        ],
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
