"""Forms for coordinators and practitioners. They check shape only; rules live in services."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fgdm.models import Child, ExclusionReason, NetworkMember, Participation, PartKind, PartnerAnswer, Stage
from fgdm.models.consent import ConsentMethod, ConsentStatus, SharingScope
from fgdm.models.meetings import MeetingKind
from fgdm.models.network import InterpreterNeed
from portal.accounts import roles
from portal.accounts.models import User
from portal.accounts.roles import has_role, staff_with_role
from portal.forms import DATE_HINT, DATE_INPUT_FORMATS, TIME_INPUT_FORMATS
from portal.messaging.phone import MobileNumberField

# A separate meeting is arranged from the main one it is linked to, never chosen here.
MAIN_KINDS = [(kind, label) for kind, label in MeetingKind.choices if kind != MeetingKind.SEPARATE]


class ReferralForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Where is the child in the system?"), choices=Stage.choices, widget=forms.RadioSelect
    )
    lead_practitioner = forms.ModelChoiceField(label=_("Lead practitioner"), queryset=User.objects.none())
    child_name = forms.CharField(label=_("Child's full name"), max_length=200)
    child_date_of_birth = forms.DateField(
        label=_("Child's date of birth"), help_text=DATE_HINT, input_formats=DATE_INPUT_FORMATS
    )
    child_first_language = forms.ChoiceField(label=_("Child's first language"), choices=settings.FAMILY_LANGUAGES)
    child_advocate = forms.CharField(label=_("Child's advocate (optional)"), max_length=200, required=False)
    worries = forms.CharField(label=_("What are you worried about?"), widget=forms.Textarea(attrs={"rows": 5}))
    strengths = forms.CharField(
        label=_("What is going well?"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    bottom_lines = forms.CharField(
        label=_("Bottom lines"),
        help_text=_("What the family's plan must address, for example a person the child must not live with."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_practitioner"].queryset = staff_with_role(roles.LEAD_PRACTITIONER)
        if has_role(user, roles.LEAD_PRACTITIONER):
            self.fields["lead_practitioner"].initial = user.pk


class CoordinatorForm(forms.Form):
    coordinator = forms.ModelChoiceField(label=_("Independent coordinator"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = staff_with_role(roles.COORDINATOR)


class DutyToOfferForm(forms.Form):
    offered = forms.TypedChoiceField(
        label=_("Was a family group meeting offered?"),
        choices=[("yes", _("Yes")), ("no", _("No, it is not in the child's best interests"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    offered_on = forms.DateField(
        label=_("Date offered"), help_text=DATE_HINT, input_formats=DATE_INPUT_FORMATS, required=False
    )
    reason_not_offered = forms.CharField(
        label=_("Why is a meeting not in the child's best interests?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    date_of_birth = forms.DateField(
        label=_("Date of birth (optional)"),
        help_text=_("Partner agencies use it to find the right person. For example, 27/3/1980"),
        input_formats=DATE_INPUT_FORMATS,
        required=False,
    )
    has_parental_responsibility = forms.BooleanField(label=_("Has parental responsibility"), required=False)
    phone = MobileNumberField(label=_("Mobile phone number"), required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    allow_sms = forms.BooleanField(label=_("Text messages are safe for this person"), required=False, initial=True)
    allow_email = forms.BooleanField(label=_("Email is safe for this person"), required=False, initial=True)
    postal_address = forms.CharField(
        label=_("Postal address (optional)"),
        help_text=_("For letters, if they have no phone or email. Write each line of the address on its own line."),
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        required=False,
    )
    allow_post = forms.BooleanField(label=_("Letters by post are safe for this person"), required=False, initial=True)
    discreet = forms.BooleanField(
        label=_("Use discreet wording"),
        help_text=_("Messages will not say what they are about, in case someone else reads them."),
        required=False,
    )
    quiet_start = forms.TimeField(
        label=_("Do not contact from (optional)"),
        help_text=_("For example, 20:00"),
        input_formats=TIME_INPUT_FORMATS,
        required=False,
    )
    quiet_end = forms.TimeField(
        label=_("Do not contact until (optional)"),
        help_text=_("For example, 08:00"),
        input_formats=TIME_INPUT_FORMATS,
        required=False,
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.FAMILY_LANGUAGES)
    interpreter = forms.ChoiceField(
        label=_("Interpreter"), choices=InterpreterNeed.choices, widget=forms.RadioSelect, required=False
    )
    interpreter_language = forms.CharField(label=_("Interpreter's language (optional)"), max_length=100, required=False)
    interpreter_preferences = forms.CharField(
        label=_("Interpreter preferences (optional)"),
        help_text=_("For example, a woman interpreter, or someone with no link to the family's community."),
        max_length=300,
        required=False,
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    travel_needs = forms.CharField(
        label=_("Travel help needed (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    childcare_needs = forms.CharField(
        label=_("Childcare needed (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    suggested_by = forms.CharField(
        label=_("Who suggested them? (optional)"),
        help_text=_("For example, the child, or their mother."),
        max_length=200,
        required=False,
    )
    household = forms.CharField(label=_("Household (optional)"), max_length=100, required=False)
    voice_of = forms.ModelChoiceField(
        label=_("Gives the views of a child (optional)"),
        help_text=_("Choose a child if this is the child themself, or their advocate."),
        queryset=Child.objects.none(),
        required=False,
    )
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different person"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.children = list(children)
        self.fields["voice_of"].queryset = Child.objects.filter(pk__in=[c.pk for c in self.children])
        for child in self.children:
            self.fields[f"relationship_{child.pk}"] = forms.CharField(
                label=_("Relationship to %(child)s") % {"child": child.name},
                help_text=_("For example, grandmother, uncle, family friend."),
                max_length=100,
                required=False,
            )
        self.order_fields(["name", *[f"relationship_{c.pk}" for c in self.children]])

    def member_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("confirm_not_duplicate", None)
        for child in self.children:
            data.pop(f"relationship_{child.pk}", None)
        return data

    def relationships(self) -> dict[int, str]:
        return {
            c.pk: self.cleaned_data.get(f"relationship_{c.pk}", "")
            for c in self.children
            if self.cleaned_data.get(f"relationship_{c.pk}")
        }


class ConsentForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Parent or person with parental responsibility"), queryset=None)
    status = forms.ChoiceField(label=_("Their decision"), choices=ConsentStatus.choices, widget=forms.RadioSelect)
    method = forms.ChoiceField(label=_("How they told you"), choices=ConsentMethod.choices, widget=forms.RadioSelect)
    may_share = forms.MultipleChoiceField(
        label=_("What they agree may be shared with the family network"),
        choices=SharingScope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=_("Note (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        holders = case.members.filter(has_parental_responsibility=True)
        self.fields["member"].queryset = holders
        if len(holders) == 1:  # one parent: nothing to choose
            self.fields["member"].initial = holders[0].pk


class ExclusionForm(forms.Form):
    participation = forms.ChoiceField(
        label=_("How will they take part?"), choices=Participation.choices, widget=forms.RadioSelect
    )
    withhold_venue_address = forms.BooleanField(label=_("Do not tell them the venue's address"), required=False)
    reasons = forms.MultipleChoiceField(
        label=_("Reasons (professionals only — never shown to the family)"),
        choices=ExclusionReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Note (optional unless the reason is other)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    informed_by = forms.ModelMultipleChoiceField(
        label=_("Which partner agencies' answers informed this decision?"),
        queryset=PartnerAnswer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    review_on = forms.DateField(
        label=_("Review this decision by"), help_text=DATE_HINT, input_formats=DATE_INPUT_FORMATS
    )

    def __init__(self, *args, answers=(), **kwargs):
        """``answers``: what partner agencies said about this person; without any, nothing to choose."""
        from fgdm.partner_forms import answer_label

        super().__init__(*args, **kwargs)
        if answers:
            field = self.fields["informed_by"]
            field.queryset = PartnerAnswer.objects.filter(pk__in=[a.pk for a in answers]).select_related("request")
            field.label_from_instance = answer_label
        else:
            del self.fields["informed_by"]


PART_LABELS = dict(PartKind.choices)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of meeting"), choices=MAIN_KINDS, widget=forms.RadioSelect, initial=MeetingKind.FIRST
    )
    separate_arrivals = forms.CharField(
        label=_("Separate arrival and leaving times (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    separate_waiting_rooms = forms.CharField(
        label=_("Separate waiting rooms (optional)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    who_to_call = forms.CharField(
        label=_("Who to call if there is a problem (optional)"), max_length=300, required=False
    )
    if_threatening = forms.CharField(
        label=_("What happens if someone becomes threatening (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in PartKind.values:
            required = kind == PartKind.INFORMATION_SHARING
            # Shown as the hints ask them to be typed, so a form that starts filled in can be sent as it is.
            self.fields[f"{kind}_date"] = forms.DateField(
                label=_("Date"),
                help_text=DATE_HINT,
                input_formats=DATE_INPUT_FORMATS,
                required=required,
                widget=forms.DateInput(format=DATE_INPUT_FORMATS[0]),
            )
            self.fields[f"{kind}_start"] = forms.TimeField(
                label=_("Starts at"),
                help_text=_("For example, 10:00"),
                input_formats=TIME_INPUT_FORMATS,
                required=required,
                widget=forms.TimeInput(format=TIME_INPUT_FORMATS[0]),
            )
            self.fields[f"{kind}_end"] = forms.TimeField(
                label=_("Ends at"),
                help_text=_("For example, 11:30"),
                input_formats=TIME_INPUT_FORMATS,
                required=required,
                widget=forms.TimeInput(format=TIME_INPUT_FORMATS[0]),
            )
            self.fields[f"{kind}_venue_name"] = forms.CharField(label=_("Venue"), max_length=200, required=False)
            self.fields[f"{kind}_venue_address"] = forms.CharField(
                label=_("Venue address"), widget=forms.Textarea(attrs={"rows": 3}), required=False
            )
            self.fields[f"{kind}_remote_link"] = forms.URLField(
                label=_("Link to join online (optional)"), required=False, assume_scheme="https"
            )

    def part_groups(self):
        """The fields of each part, in order, for the template's fieldsets."""
        for kind, label in PartKind.choices:
            yield (
                label,
                [
                    self[f"{kind}_{name}"]
                    for name in ("date", "start", "end", "venue_name", "venue_address", "remote_link")
                ],
            )

    def safety_fields(self):
        return [self[name] for name in ("separate_arrivals", "separate_waiting_rooms", "who_to_call", "if_threatening")]


class SlotForm(forms.Form):
    day = forms.DateField(
        label=_("Date"),
        help_text=DATE_HINT,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"required": _("Enter the date"), "invalid": _("Enter a real date, like 27/03/2027")},
    )
    start = forms.TimeField(
        label=_("Start time"),
        help_text=_("For example, 10:00"),
        input_formats=TIME_INPUT_FORMATS,
        error_messages={"required": _("Enter the start time"), "invalid": _("Enter a real time, like 10:00")},
    )


class PlanWriterForm(forms.Form):
    plan_writer = forms.ModelChoiceField(
        label=_("Who did the family choose to write their plan?"),
        help_text=_("Only people invited to private family time can write the plan."),
        queryset=NetworkMember.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose who will write the plan.")},
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_writer"].queryset = NetworkMember.objects.filter(pk__in=[m.pk for m in candidates])


class PlanDecisionForm(forms.Form):
    agreed = forms.TypedChoiceField(
        label=_("Do you agree the family's plan?"),
        help_text=_("Agree it unless it leaves the child at risk of significant harm."),
        choices=[("yes", _("Yes, I agree the plan")), ("no", _("No, I do not agree the plan yet"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you agree the plan.")},
    )
    reason = forms.CharField(
        label=_("Why, in words the family will understand"),
        help_text=_("The family will read this. Needed if you do not agree the plan."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    review_on = forms.DateField(
        label=_("Review date"),
        help_text=_("Needed if you agree the plan. For example, 27/03/2027"),
        input_formats=DATE_INPUT_FORMATS,
        required=False,
    )


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Who came?"),
        help_text=_("Tick everyone who came to any part of the meeting."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, invited=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(m.pk), m.name) for m in invited]


class InterpreterBookingForm(forms.Form):
    language = forms.CharField(
        label=_("Language"),
        help_text=_("For example, Polish, or British Sign Language."),
        max_length=100,
        error_messages={"required": _("Enter the language, or British Sign Language.")},
    )
    members = forms.MultipleChoiceField(label=_("For"), widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes (optional)"), max_length=300, required=False)

    def __init__(self, *args, invited=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [(str(m.pk), m.name) for m in invited]
        self.fields["members"].error_messages["required"] = _("Choose who the interpreter is for.")


class OutcomeForm(forms.Form):
    close_case = forms.BooleanField(
        label=_("Close the case"),
        help_text=_("Closing starts the retention period for the family's records."),
        required=False,
    )

    def __init__(self, *args, children=(), **kwargs):
        from fgdm.models import LivingSituation

        super().__init__(*args, **kwargs)
        self.children = list(children)
        for child in self.children:
            self.fields[f"living_{child.pk}"] = forms.ChoiceField(
                label=_("Where is %(child)s living?") % {"child": child.name},
                choices=LivingSituation.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Say where %(child)s is living.") % {"child": child.name}},
            )
            self.fields[f"proceedings_{child.pk}"] = forms.BooleanField(
                label=_("Care proceedings were issued for %(child)s") % {"child": child.name}, required=False
            )
        self.order_fields([name for name in self.fields if name != "close_case"] + ["close_case"])

    def outcomes(self) -> dict[int, tuple[str, bool]]:
        return {
            c.pk: (self.cleaned_data[f"living_{c.pk}"], self.cleaned_data[f"proceedings_{c.pk}"]) for c in self.children
        }


class HoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Why must the records be kept?"),
        help_text=_("For example, a court case or a complaint that is still open."),
        max_length=300,
        error_messages={"required": _("Say why the records must be kept.")},
    )


class PastMeetingForm(forms.Form):
    """A meeting that has already happened: when, where and who came."""

    kind = forms.ChoiceField(
        label=_("Kind of meeting"), choices=MAIN_KINDS, widget=forms.RadioSelect, initial=MeetingKind.REVIEW
    )
    day = forms.DateField(
        label=_("Date it was held"),
        help_text=DATE_HINT,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"required": _("Enter the date"), "invalid": _("Enter a real date, like 27/03/2027")},
    )
    start = forms.TimeField(
        label=_("Started at"),
        help_text=_("For example, 10:00"),
        input_formats=TIME_INPUT_FORMATS,
        error_messages={"required": _("Enter the start time"), "invalid": _("Enter a real time, like 10:00")},
    )
    end = forms.TimeField(
        label=_("Ended at"),
        help_text=_("For example, 11:30"),
        input_formats=TIME_INPUT_FORMATS,
        error_messages={"required": _("Enter the end time"), "invalid": _("Enter a real time, like 11:30")},
    )
    venue_name = forms.CharField(label=_("Where it was held"), max_length=200, required=False)
    attended = forms.MultipleChoiceField(
        label=_("Who came?"),
        help_text=_("Only people who may take part in the meeting are listed."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I confirm this meeting has already taken place. Nobody will be sent anything about it."),
        required=False,
    )

    def __init__(self, *args, may_attend=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(m.pk), m.name) for m in may_attend]


class SeparateMeetingViewsForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Who said this at a separate meeting?"),
        queryset=NetworkMember.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose who said this.")},
    )
    going_well = forms.CharField(
        label=_("What is going well"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    worries = forms.CharField(label=_("Their worries"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    can_offer = forms.CharField(
        label=_("What they can offer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = NetworkMember.objects.filter(pk__in=[m.pk for m in members])
        if len(members) == 1:  # one person had a separate meeting: nothing to choose
            self.fields["member"].initial = members[0].pk


class SeparateMeetingForm(MeetingForm):
    """A separate meeting: who it is for (people given that decision), its own parts and safety plan."""

    members = forms.ModelMultipleChoiceField(
        label=_("Who is the separate meeting for?"),
        queryset=NetworkMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who the separate meeting is for.")},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        self.fields["members"].queryset = NetworkMember.objects.filter(pk__in=[m.pk for m in members])
