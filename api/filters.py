"""Query parameters the API accepts, checked before any query runs: a bad one is a 400 that says why."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from network_support.money import financial_year, financial_year_bounds


class ChangedSince(serializers.Serializer):
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="Only records created or changed at or after this time (ISO 8601, e.g. 2026-11-30T09:00:00Z).",
        error_messages={"invalid": _("Give updated_since as a date and time, like 2026-11-30T09:00:00Z.")},
    )
    case_reference = serializers.RegexField(
        r"^FG-\d{5,9}$",
        required=False,
        help_text="Only this case's records, e.g. FG-00012.",
        error_messages={"invalid": _("Give case_reference like FG-00012.")},
    )

    def validate_updated_since(self, value):
        if value.year < 1900:
            raise serializers.ValidationError(_("Give updated_since as a date and time after 1900."))
        return value


class PlanFilters(ChangedSince):
    decision = serializers.ChoiceField(
        choices=["agreed", "not_agreed", "waiting"],
        required=False,
        help_text="Only plans whose current decision is this.",
        error_messages={"invalid_choice": _("Give decision as agreed, not_agreed or waiting.")},
    )


class PeriodFilters(serializers.Serializer):
    start = serializers.DateField(
        required=False,
        help_text="First day of the period (default: 1 April of this financial year).",
        error_messages={"invalid": _("Give start as a date, like 2026-04-01.")},
    )
    end = serializers.DateField(
        required=False,
        help_text="Last day of the period (default: 31 March ending this financial year).",
        error_messages={"invalid": _("Give end as a date, like 2027-03-31.")},
    )

    def validate(self, data):
        first, last = financial_year_bounds(financial_year(date.today()))
        data.setdefault("start", first)
        data.setdefault("end", last)
        if data["end"] < data["start"]:
            raise serializers.ValidationError({"end": _("The end must be on or after the start.")})
        return data
