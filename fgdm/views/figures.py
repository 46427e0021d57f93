"""The service's figures: managers see every case, lead practitioners their own. Charts are drawn on
the server as SVG, each with its data table; every table downloads as CSV."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from fgdm.models import Stage
from fgdm.selectors import cases_for
from fgdm.selectors.access import may_see_figures
from fgdm.selectors.figures import Filters, all_figures
from portal.accounts import roles
from portal.accounts.roles import staff_with_role
from portal.downloads import csv_download
from portal.forms import DATE_INPUT_FORMATS
from portal.permissions import staff_may


class FiltersForm(forms.Form):
    start = forms.DateField(
        label=_("From"), help_text=_("For example, 1/4/2026"), input_formats=DATE_INPUT_FORMATS, required=False
    )
    end = forms.DateField(
        label=_("To"), help_text=_("For example, 31/3/2027"), input_formats=DATE_INPUT_FORMATS, required=False
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("All stages")), *Stage.choices], required=False)
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=None, required=False, empty_label=_("All coordinators")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = staff_with_role(roles.COORDINATOR)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date must be on or after the start date."))
        return data

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        coordinator = data.get("coordinator")
        return Filters(
            start=data.get("start"),
            end=data.get("end"),
            stage=data.get("stage") or "",
            coordinator_id=coordinator.pk if coordinator else None,
        )


def _figures(request):
    form = FiltersForm(request.GET or None)
    return form, all_figures(cases_for(request.user), form.filters())


@staff_may(may_see_figures)
def dashboard(request):
    form, figures = _figures(request)
    return render(request, "fgdm/figures.html", {"form": form, "figures": figures, "query": request.GET.urlencode()})


@staff_may(may_see_figures)
def figure_csv(request, key):
    _form, figures = _figures(request)
    figure = next((f for f in figures if f.key == key), None)
    if figure is None:
        raise Http404
    return csv_download(f"{key}.csv", figure.columns, figure.rows)
