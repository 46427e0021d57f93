from datetime import datetime, time
from urllib.parse import urlsplit

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import Event, Scope
from api.selectors.statutory import Period
from network_support.money import financial_year, financial_year_bounds
from portal.forms import DATE_INPUT_FORMATS


class ClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("The case system and who runs it, for example Mosaic (children's services)"),
        max_length=100,
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may read"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing it may read")},
    )
    expires_on = forms.DateField(
        label=_("Key expires on (optional)"),
        help_text=_("For example, 31/3/2027. Leave empty for no expiry."),
        input_formats=DATE_INPUT_FORMATS,
        required=False,
    )

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day and day <= timezone.localdate():
            raise forms.ValidationError(_("The expiry date must be in the future"))
        return day

    def expires_at(self):
        day = self.cleaned_data.get("expires_on")
        return timezone.make_aware(datetime.combine(day, time.min)) if day else None


class WebhookForm(forms.Form):
    url = forms.URLField(
        label=_("Address"), help_text=_("Must start with https://"), max_length=500, assume_scheme="https"
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event")},
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        parts = urlsplit(url)
        if parts.scheme != "https" and parts.hostname not in {"localhost", "127.0.0.1"}:
            raise forms.ValidationError(_("The address must start with https://"))
        return url


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), help_text=_("For example, 1/4/2026"), input_formats=DATE_INPUT_FORMATS)
    end = forms.DateField(label=_("To"), help_text=_("For example, 31/3/2027"), input_formats=DATE_INPUT_FORMATS)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date must be on or after the start date"))
        return data

    def period(self) -> Period:
        """The chosen period, or this financial year (April to March) until one is chosen."""
        if self.is_bound and self.is_valid():
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        first, last = financial_year_bounds(financial_year(timezone.localdate()))
        return Period(first, last)
