"""Forms for asking partner agencies (the coordinator's) and for answering (the partner's)."""

from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fgdm.models import AgencyKind, Known, PartnerAnswer, Risk
from portal.forms import DATE_HINT, DATE_INPUT_FORMATS


class PartnerRequestForm(forms.Form):
    agency_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of agency"), choices=AgencyKind.choices, widget=forms.RadioSelect
    )
    agency_name = forms.CharField(
        label=gettext_lazy("Agency's name (optional)"),
        help_text=gettext_lazy("For example, Northshire Police public protection unit."),
        max_length=200,
        required=False,
    )
    contact_name = forms.CharField(label=gettext_lazy("Contact's name"), max_length=200)
    contact_email = forms.EmailField(
        label=gettext_lazy("Contact's work email address"),
        help_text=gettext_lazy("The link and a code to open it go to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    members = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Who are you asking about?"),
        help_text=gettext_lazy("The agency sees only these people's names and dates of birth."),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one person to ask about.")},
    )
    reply_by = forms.DateField(label=gettext_lazy("Reply by"), help_text=DATE_HINT, input_formats=DATE_INPUT_FORMATS)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = case.members.order_by("name", "pk")
        self.fields["members"].label_from_instance = _person_label


def _person_label(member) -> str:
    if member.date_of_birth:
        born = date_format(member.date_of_birth, "j F Y")
        return _("%(name)s (born %(date)s)") % {"name": member.name, "date": born}
    return member.name


class PartnerAnswerForm(forms.Form):
    """One set of questions per person asked about; or "we hold nothing" for them all.

    A missing answer is named with the person and the question, and nothing typed is lost."""

    holds_nothing = forms.BooleanField(
        label=gettext_lazy("We hold no information about any of these people"),
        help_text=gettext_lazy("Tick this and send, and you need not answer the questions below."),
        required=False,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            for value, label in Risk.choices:
                # Each question says whose it is to a screen reader, which hears the legend and not
                # the person's heading above the questions.
                self.fields[self.risk_field(person.id, value)] = forms.ChoiceField(
                    label=format_html('{} <span class="govuk-visually-hidden">({})</span>', label, person.name),
                    choices=Known.choices,
                    widget=forms.RadioSelect,
                    required=False,
                )
            self.fields[self.details_field(person.id)] = forms.CharField(
                label=_("Anything you can tell us about %(name)s (optional)") % {"name": person.name},
                help_text=gettext_lazy("For example, dates, court orders and who to contact for more."),
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=5000,
                required=False,
            )

    @staticmethod
    def risk_field(person_id: int, risk: str) -> str:
        return f"person_{person_id}_{risk}"

    @staticmethod
    def details_field(person_id: int) -> str:
        return f"person_{person_id}_details"

    def groups(self):
        """(person, their question fields, their free-text field) for the template."""
        return [
            (
                person,
                [self[self.risk_field(person.id, value)] for value in Risk.values],
                self[self.details_field(person.id)],
            )
            for person in self.people
        ]

    def clean(self):
        data = super().clean()
        if data.get("holds_nothing"):
            return data
        for person in self.people:
            for value, label in Risk.choices:
                name = self.risk_field(person.id, value)
                if not data.get(name):
                    self.add_error(
                        name,
                        _("Say yes, no or not known for “%(question)s” about %(name)s")
                        % {"question": label, "name": person.name},
                    )
        return data

    def answers(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {p.id: {v: data.get(self.risk_field(p.id, v), "") for v in Risk.values} for p in self.people}

    def details(self) -> dict[int, str]:
        return {p.id: self.cleaned_data.get(self.details_field(p.id), "") for p in self.people}


def answer_label(answer: PartnerAnswer) -> str:
    """How an answer is named where the coordinator chooses the ones that informed a decision."""
    when = date_format(answer.answered_at, "j F Y")
    agency = answer.request.agency
    if answer.holds_nothing:
        return _("%(agency)s, %(date)s: holds no information") % {"agency": agency, "date": when}
    yes = answer.says_yes
    if yes:
        return _("%(agency)s, %(date)s: yes to %(risks)s") % {"agency": agency, "date": when, "risks": ", ".join(yes)}
    return _("%(agency)s, %(date)s: no concerns known") % {"agency": agency, "date": when}
