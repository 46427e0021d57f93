"""Forms for asking and deciding. They check shape only (a number is a number); rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network_support.models import Category, Frequency, Outcome
from network_support.money import pounds, to_pence
from network_support.services import ItemInput, ItemOutcomeInput
from portal.accounts import roles
from portal.accounts.models import User
from portal.accounts.roles import staff_with_role
from portal.forms import DATE_HINT, DATE_INPUT_FORMATS


class MoneyField(forms.Field):
    """Pounds typed as "12.50", "£12.50" or "1,200"; cleaned to whole pence. Never float."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter an amount in pounds, like 12.50")}

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"})
        return attrs

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        if len(value) > 20:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return to_pence(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, int):
            return pounds(value).lstrip("£")
        return value


def date_field(label, *, required=True, help_text=DATE_HINT):
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATE_INPUT_FORMATS,
        required=required,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a real date, like 27/03/2026")},
    )


class ItemForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of help do you need?"), choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What exactly do you need?"), max_length=300, help_text=_("For example, a bus pass for Nan.")
    )
    amount = MoneyField(label=_("How much does it cost each time, in pounds?"), help_text=_("For example, 12.50"))
    frequency = forms.ChoiceField(
        label=_("How often do you need it?"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    starts_on = date_field(_("When do you need it from?"))
    ends_on = date_field(_("If you need it more than once: the last date you need it (optional)"), required=False)
    payments = forms.IntegerField(
        label=_("Or: how many times do you need it? (optional)"),
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number, like 12")},
    )

    def item(self) -> ItemInput:
        data = self.cleaned_data
        return ItemInput(
            category=data["category"],
            description=data["description"],
            amount_pence=data["amount"],
            frequency=data["frequency"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            payments=data["payments"],
        )


class RequestForm(ItemForm):
    barrier = forms.CharField(
        label=_("What is stopping your family from doing this?"),
        help_text=_("Say it in your own words."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["barrier"]


class StaffRequestForm(RequestForm):
    member = forms.ModelChoiceField(
        label=_("Who is asking?"), queryset=None, help_text=_("They will be told the decision.")
    )
    field_order = ["member", "barrier"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = case.members.all()
        self.fields["barrier"].label = _("What is stopping the family, in their words?")


class DecisionForm(forms.Form):
    """One yes / yes in part / no per item, the reason for the family, a note they never see."""

    reason_for_family = forms.CharField(
        label=_("Reason for the family"),
        help_text=_("The family will read this. Use plain words."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    internal_note = forms.CharField(
        label=_("Note for professionals (optional)"),
        help_text=_("The family never sees this note."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    review_on = date_field(
        _("Review date"),
        required=False,
        help_text=_("Needed when you agree to help more than once. For example, 27/03/2026"),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            what = {"what": item.description}
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                label=_("Do you agree to pay for %(what)s?") % what, choices=Outcome.choices, widget=forms.RadioSelect
            )
            self.fields[f"amount_{item.pk}"] = MoneyField(
                label=_("If in part: amount agreed each time for %(what)s, in pounds") % what, required=False
            )
            self.fields[f"payments_{item.pk}"] = forms.IntegerField(
                label=_("If in part: number of payments agreed for %(what)s") % what,
                required=False,
                min_value=1,
                help_text=_("Leave empty for all %(count)s.") % {"count": item.payments},
                widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
            )

    def item_sections(self):
        """For the template: each item with its three fields."""
        return [
            (item, self[f"outcome_{item.pk}"], self[f"amount_{item.pk}"], self[f"payments_{item.pk}"])
            for item in self.items
        ]

    def outcomes(self) -> list[ItemOutcomeInput]:
        data = self.cleaned_data
        return [
            ItemOutcomeInput(
                item_id=item.pk,
                outcome=data[f"outcome_{item.pk}"],
                amount_pence=data[f"amount_{item.pk}"],
                payments=data[f"payments_{item.pk}"],
            )
            for item in self.items
        ]


class EndSupportForm(forms.Form):
    ends_on = date_field(_("Last day of support"))
    reason = forms.CharField(label=_("Why is the support ending early?"), widget=forms.Textarea(attrs={"rows": 3}))


class LimitForm(forms.Form):
    decider = forms.ModelChoiceField(label=_("Decider"), queryset=User.objects.none())
    limit = MoneyField(
        label=_("Delegated limit, in pounds"), help_text=_("The total value of a request they may decide alone.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decider"].queryset = (
            staff_with_role(roles.LEAD_PRACTITIONER) | staff_with_role(roles.SERVICE_MANAGER)
        ).distinct()


class BudgetForm(forms.Form):
    year = forms.IntegerField(
        label=_("Financial year starting in April of"), help_text=_("For example, 2026 for 2026 to 2027")
    )
    amount = MoneyField(label=_("Budget, in pounds"))
