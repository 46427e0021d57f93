"""The service manager's screens: API clients, their webhook addresses and the delivery log.

Keys and webhook secrets appear once, on the page that made them, and never again.
"""

import csv

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST
from drf_spectacular.generators import SchemaGenerator

from api.forms import ClientForm, PeriodForm, WebhookForm
from api.models import ApiClient, WebhookDelivery, WebhookEndpoint
from api.selectors import access, statutory
from api.services import clients, webhooks
from fgdm.selectors import cases_for
from portal.accounts import roles
from portal.audit.services import record
from portal.forms import show_service_errors
from portal.permissions import public_view, signed_in_staff, staff_may, staff_view


def _shown_once(response):
    add_never_cache_headers(response)
    return response


@staff_may(access.may_manage_api_clients)
def client_list(request):
    form = ClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, key = clients.create_client(
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
                actor=request.user,
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            return _shown_once(render(request, "api/key_created.html", {"client": client, "key": key}))
    return render(
        request, "api/client_list.html", {"form": form, "clients": ApiClient.objects.select_related("created_by")}
    )


@staff_view(roles.SERVICE_MANAGER)
def client_detail(request, client_id):
    client = get_object_or_404(ApiClient, pk=client_id)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        endpoint, secret = clients.add_webhook(
            client=client, url=form.cleaned_data["url"], events=form.cleaned_data["events"], actor=request.user
        )
        return _shown_once(
            render(request, "api/webhook_added.html", {"client": client, "endpoint": endpoint, "secret": secret})
        )
    deliveries = WebhookDelivery.objects.filter(endpoint__client=client).select_related("endpoint")[:100]
    return render(
        request,
        "api/client_detail.html",
        {"client": client, "form": form, "endpoints": client.webhooks.all(), "deliveries": deliveries},
    )


@require_POST
@staff_view(roles.SERVICE_MANAGER)
def revoke(request, client_id):
    client = get_object_or_404(ApiClient, pk=client_id)
    clients.revoke_client(client=client, actor=request.user)
    return redirect("api:client", client_id=client.pk)


@require_POST
@staff_view(roles.SERVICE_MANAGER)
def remove_webhook(request, client_id, endpoint_id):
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id, client_id=client_id)
    clients.remove_webhook(endpoint=endpoint, actor=request.user)
    return redirect("api:client", client_id=client_id)


@require_POST
@staff_view(roles.SERVICE_MANAGER)
def send_again(request, client_id, delivery_id):
    delivery = get_object_or_404(WebhookDelivery, pk=delivery_id, endpoint__client_id=client_id)
    webhooks.send_again(delivery=delivery, actor=request.user)
    return redirect("api:client", client_id=client_id)


@signed_in_staff
def reference(request):
    """The API's reference, drawn from its OpenAPI schema on the server: readable without JavaScript."""
    schema = SchemaGenerator(urlconf="api.urls").get_schema(request=None, public=True)
    operations = [
        {"path": path, "method": method.upper(), **operation}
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    records = [
        {"name": name, "fields": list(spec.get("properties", {}).items()), "enum": spec.get("enum", [])}
        for name, spec in schema["components"]["schemas"].items()
    ]
    return render(request, "api/reference.html", {"info": schema["info"], "operations": operations, "records": records})


@staff_may(access.may_see_statutory_figures)
def statutory_figures(request):
    """The year's return for the chosen period, as a page of tables and as one CSV."""
    form = PeriodForm(request.GET or None)
    period = form.period()
    figures = statutory.statutory_figures(cases_for(request.user), period)
    if request.GET.get("format") == "csv" and not form.errors:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="statutory-figures-{period.start.isoformat()}-{period.end.isoformat()}.csv"'
        )
        csv.writer(response).writerows(statutory.as_rows(figures))
        record(
            actor=request.user,
            action="figures.statutory_exported",
            detail={"start": period.start.isoformat(), "end": period.end.isoformat()},
        )
        return response
    return render(
        request,
        "api/statutory_figures.html",
        {"form": form, "period": period, "figures": figures, "query": request.GET.urlencode()},
    )


@public_view
def api_not_found(request):
    return JsonResponse({"detail": "Not found."}, status=404)
