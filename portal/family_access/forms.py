from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """GOV.UK "confirm a phone number": one short numeric box the phone can fill from the text message."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The code is 6 numbers, for example 123456."),
        max_length=20,
        error_messages={"required": _("Enter the 6-digit code we sent you.")},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "dir": "ltr",  # digits stay in their order in right-to-left pages
            }
        ),
    )

    def clean_code(self):
        digits = "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())
        if len(digits) != 6:
            raise forms.ValidationError(_("The code must be 6 numbers."))
        return digits


def explain_failed_code(form: CodeForm, check) -> None:
    """Put a wrong or stale code's reason on the form, in plain words (a lock has its own page text)."""
    if check.expired:
        form.add_error("code", gettext("This code has stopped working. Ask for a new code."))
    elif not check.locked:
        form.add_error(
            "code",
            ngettext(
                "The code is not right. You have %(tries)d more try.",
                "The code is not right. You have %(tries)d more tries.",
                check.tries_left,
            )
            % {"tries": check.tries_left},
        )
