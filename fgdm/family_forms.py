"""Forms family members fill in on their phones. Short labels, plain words; rules live in services."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fgdm.models import FeedbackResponse, Suits, VoiceAudience
from fgdm.models.network import InterpreterNeed
from fgdm.models.replies import Answer

LONG_TEXT = forms.Textarea(attrs={"rows": 3})


class ReplyForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Can you come to the meeting?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say if you can come.")},
    )
    interpreter = forms.ChoiceField(
        label=_("Do you need an interpreter?"),
        help_text=_("We book professional interpreters. Family members are never asked to interpret."),
        choices=InterpreterNeed.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    interpreter_language = forms.CharField(
        label=_("Which language?"), help_text=_("For a spoken language interpreter."), max_length=100, required=False
    )
    interpreter_preferences = forms.CharField(
        label=_("Anything we should know when booking the interpreter? (optional)"),
        help_text=_("For example, a woman interpreter."),
        max_length=300,
        required=False,
    )
    access_needs = forms.CharField(
        label=_("Do you need anything to help you take part? (optional)"),
        help_text=_("For example, step-free access, a hearing loop, or breaks."),
        widget=LONG_TEXT,
        required=False,
    )
    travel_help = forms.BooleanField(label=_("I need help with travel to the meeting"), required=False)
    childcare = forms.BooleanField(label=_("I need childcare to come to the meeting"), required=False)
    supporter = forms.CharField(
        label=_("Do you want to bring someone to support you? (optional)"),
        help_text=_("Their name and how they know you."),
        max_length=200,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("interpreter") == InterpreterNeed.SPOKEN and not data.get("interpreter_language", "").strip():
            self.add_error("interpreter_language", _("Say which language the interpreter should speak."))
        return data

    def needs(self) -> dict:
        data = self.cleaned_data
        kind = data.get("interpreter") or ""
        return {
            "interpreter": kind,
            "interpreter_language": data["interpreter_language"].strip() if kind == InterpreterNeed.SPOKEN else "",
            "interpreter_preferences": data["interpreter_preferences"].strip() if kind else "",
            "access_needs": data["access_needs"].strip(),
            "travel_help": data["travel_help"],
            "childcare": data["childcare"],
            "supporter": data["supporter"].strip(),
        }


class TimesForm(forms.Form):
    """One question per time on offer: does it suit you?"""

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        for slot in slots:
            start = timezone.localtime(slot.starts_at)
            self.fields[f"slot_{slot.pk}"] = forms.ChoiceField(
                label=start,  # the template formats the date in the member's language
                choices=Suits.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"slot_{slot.pk}"].slot = slot

    def clean(self):
        data = super().clean()
        if self.fields and not any(data.values()):
            raise forms.ValidationError(_("Say whether at least one of the times suits you."))
        return data

    def answers(self) -> dict[int, str]:
        return {int(name.removeprefix("slot_")): value for name, value in self.cleaned_data.items() if value}


class VoiceForm(forms.Form):
    going_well = forms.CharField(label=_("What is going well?"), widget=LONG_TEXT, required=False)
    worries = forms.CharField(label=_("What worries you?"), widget=LONG_TEXT, required=False)
    wishes = forms.CharField(label=_("What do you want to happen?"), widget=LONG_TEXT, required=False)
    who_there = forms.CharField(label=_("Who do you want at the meeting?"), widget=LONG_TEXT, required=False)
    picture = forms.FileField(
        label=_("Add a picture (optional)"),
        help_text=_("A drawing or a photo of something you wrote. JPG or PNG, smaller than 5 MB."),
        required=False,
    )
    audience = forms.ChoiceField(
        label=_("Who can see this?"),
        choices=VoiceAudience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can see this.")},
    )


ACTION_PARTS = ("what", "who", "by_when", "help_needed")
MAX_ACTIONS_PER_WORRY = 20


class PlanForm(forms.Form):
    """The plan, worry by worry, any number of actions each; the family's words, kept exactly as typed.

    The first action for worry ``i`` is ``action_i_*``, the next ones ``action_i_j_*``. How many rows
    each worry has travels in the hidden ``rows_i`` field, so "add another" works without JavaScript.
    """

    contingency = forms.CharField(label=_("If the plan is not working, we will"), widget=LONG_TEXT, required=False)
    how_checked = forms.CharField(label=_("How we will check the plan is working"), widget=LONG_TEXT, required=False)
    childs_words = forms.CharField(label=_("What the child said"), widget=LONG_TEXT, required=False)

    def __init__(self, *args, worries=(), bottom_lines=(), start_from=None, add_to=None, **kwargs):
        kwargs.setdefault("initial", self.initial_from(start_from, worries, bottom_lines))
        super().__init__(*args, **kwargs)
        self.worries = list(worries)
        self.bottom_lines = list(bottom_lines)
        self.rows = [self._row_count(index, add_to) for index in range(len(self.worries))]
        for index, count in enumerate(self.rows):
            for row in range(count):
                prefix = self.prefix_for(index, row)
                self.fields[f"{prefix}_what"] = forms.CharField(
                    label=_("What we will do"), widget=LONG_TEXT, required=False
                )
                self.fields[f"{prefix}_who"] = forms.CharField(
                    label=_("Who will do it"), max_length=300, required=False
                )
                self.fields[f"{prefix}_by_when"] = forms.CharField(label=_("By when"), max_length=200, required=False)
                self.fields[f"{prefix}_help_needed"] = forms.CharField(
                    label=_("What help we need (optional)"), widget=LONG_TEXT, required=False
                )
        for index, _line in enumerate(self.bottom_lines):
            self.fields[f"bottom_line_{index}"] = forms.CharField(
                label=_("How our plan meets this"), widget=LONG_TEXT, required=False
            )
        self.order_fields([name for name in self.fields if name.startswith(("action_", "bottom_line_"))])
        self.action_prefixes: list[str] = []

    @staticmethod
    def prefix_for(index: int, row: int) -> str:
        return f"action_{index}" if row == 0 else f"action_{index}_{row}"

    def _row_count(self, index: int, add_to) -> int:
        if self.is_bound:
            given = str(self.data.get(f"rows_{index}", "1"))
            count = int(given) if given.isdigit() else 1
        else:
            count = self.initial.get(f"rows_{index}", 1)
        if add_to == index:
            count += 1
        return max(1, min(count, MAX_ACTIONS_PER_WORRY))

    def worry_sections(self):
        return [
            (
                index,
                worry,
                self.rows[index],
                [
                    (row, [self[f"{self.prefix_for(index, row)}_{part}"] for part in ACTION_PARTS])
                    for row in range(self.rows[index])
                ],
            )
            for index, worry in enumerate(self.worries)
        ]

    def bottom_line_sections(self):
        return [(line, self[f"bottom_line_{index}"]) for index, line in enumerate(self.bottom_lines)]

    def texts(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("contingency", "how_checked", "childs_words")}

    def bottom_line_answers(self) -> list[tuple[str, str]]:
        return [(line, self.cleaned_data[f"bottom_line_{index}"]) for index, line in enumerate(self.bottom_lines)]

    def actions(self):
        """Every action typed, in order; an added row left empty is dropped."""
        from fgdm.services.plans import ActionText

        found, self.action_prefixes = [], []
        for index, worry in enumerate(self.worries):
            for row in range(self.rows[index]):
                prefix = self.prefix_for(index, row)
                texts = {part: self.cleaned_data[f"{prefix}_{part}"] for part in ACTION_PARTS}
                if row and not any(value.strip() for value in texts.values()):
                    continue
                found.append(ActionText(worry=worry, **texts))
                self.action_prefixes.append(prefix)
        return found

    def show_errors(self, error) -> None:
        """Put the service's errors, which count actions in order, on the fields they came from."""
        from django.core.exceptions import ValidationError

        from portal.forms import show_service_errors

        if hasattr(error, "error_dict"):
            renamed = {}
            for name, messages in error.message_dict.items():
                head, _sep, tail = name.partition("_")
                if head == "action" and tail.split("_", 1)[0].isdigit():
                    number, part = tail.split("_", 1)
                    if int(number) < len(self.action_prefixes):
                        name = f"{self.action_prefixes[int(number)]}_{part}"
                renamed[name] = messages
            error = ValidationError(renamed)
        show_service_errors(self, error)

    @classmethod
    def initial_from(cls, version, worries=(), bottom_lines=()) -> dict:
        """Every section of an earlier version, so the writer changes the plan rather than typing it again."""
        if version is None:
            return {}
        worries = list(worries)
        initial = {name: getattr(version, name) for name in ("contingency", "how_checked", "childs_words")}
        by_worry: dict[int, list] = {}
        unmatched: list[str] = []
        for action in version.actions.all():
            if action.worry in worries:
                index = worries.index(action.worry)
            else:
                # The worry was reworded since: keep the family's words under the worry in the same place.
                if action.worry not in unmatched:
                    unmatched.append(action.worry)
                index = min(unmatched.index(action.worry), max(len(worries) - 1, 0))
            by_worry.setdefault(index, []).append(action)
        for index, actions in by_worry.items():
            initial[f"rows_{index}"] = len(actions)
            for row, action in enumerate(actions):
                for part in ACTION_PARTS:
                    initial[f"{cls.prefix_for(index, row)}_{part}"] = getattr(action, part)
        answers = dict(version.answered_bottom_lines)
        for index, line in enumerate(bottom_lines):
            if line in answers:
                initial[f"bottom_line_{index}"] = answers[line]
        return initial


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackResponse
        fields = ["explained", "heard", "language_and_access", "comments"]
        widgets = {
            "explained": forms.RadioSelect,
            "heard": forms.RadioSelect,
            "language_and_access": forms.RadioSelect,
            "comments": LONG_TEXT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("explained", "heard", "language_and_access"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
            self.fields[name].error_messages["required"] = _("Choose an answer.")


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Which language do you want to use?"),
        help_text=_("We will use it on these pages, in our messages to you and in your calendar file."),
        choices=settings.FAMILY_LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language.")},
    )


class ViewsForm(forms.Form):
    """For someone who gives their views in writing instead of coming to the meeting."""

    going_well = forms.CharField(label=_("What is going well?"), widget=LONG_TEXT, required=False)
    worries = forms.CharField(label=_("What worries you?"), widget=LONG_TEXT, required=False)
    can_offer = forms.CharField(label=_("What could you do to help?"), widget=LONG_TEXT, required=False)
