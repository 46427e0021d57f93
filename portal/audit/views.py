"""Who read or changed what, for service managers: filter by person, action, record and date; export as CSV."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.audit.selectors import SENSITIVE_ACTIONS, may_read_audit_log, search, with_words
from portal.audit.services import record
from portal.downloads import csv_download
from portal.forms import DATE_INPUT_FORMATS
from portal.permissions import staff_may


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Person"), help_text=_("Email, name, or a family member's reference"), max_length=200, required=False
    )
    action = forms.CharField(
        label=_("Action"), help_text=_("For example, safety decision"), max_length=100, required=False
    )
    object_ref = forms.CharField(
        label=_("Record"), help_text=_("A case reference, for example FG-00003"), max_length=100, required=False
    )
    start = forms.DateField(label=_("From"), input_formats=DATE_INPUT_FORMATS, required=False)
    end = forms.DateField(label=_("To"), input_formats=DATE_INPUT_FORMATS, required=False)


def _events(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, search(**{k: v for k, v in filters.items() if v})


@staff_may(may_read_audit_log)
def audit_log(request):
    form, events = _events(request)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    page.object_list = with_words(page.object_list)
    record(actor=request.user, action="audit.viewed", detail={"filters": request.GET.dict()})
    return render(
        request,
        "audit/audit_log.html",
        {"form": form, "page": page, "sensitive": SENSITIVE_ACTIONS, "query": request.GET.urlencode()},
    )


@staff_may(may_read_audit_log)
def audit_csv(request):
    _form, events = _events(request)
    record(actor=request.user, action="audit.exported", detail={"filters": request.GET.dict()})
    rows = (
        [event.occurred_at.isoformat(), event.who, event.action_words, event.what, event.request_id, event.detail]
        for event in _in_words(events)
    )
    return csv_download("audit.csv", ["when", "who", "action", "record", "request", "detail"], rows)


def _in_words(events, chunk: int = 500):
    """The events in words, a chunk at a time: the queries grow with the chunks, never with each row."""
    batch = []
    for event in events.iterator(chunk_size=chunk):
        batch.append(event)
        if len(batch) == chunk:
            yield from with_words(batch)
            batch = []
    yield from with_words(batch)
