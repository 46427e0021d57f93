"""Mobile numbers: checked when they are typed in, stored as E.164 (``+447400123456``)."""

import functools

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "GB"
# Some countries (the US, Canada) do not tell mobiles from landlines by number; those may take texts.
_TEXTABLE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}

INVALID = _("Enter a mobile phone number, like 07400 123456 or +44 7400 123456")
NOT_MOBILE = _("Enter a mobile phone number. This number cannot get text messages")


def normalise_mobile(value: str, *, region: str = DEFAULT_REGION) -> str:
    """A UK or international mobile number in E.164; anything else is refused with a plain message."""
    try:
        number = phonenumbers.parse((value or "").strip(), region)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID, code="invalid") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID, code="invalid")
    if phonenumbers.number_type(number) not in _TEXTABLE:
        raise ValidationError(NOT_MOBILE, code="not_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@functools.lru_cache(maxsize=4096)
def same_number(value: str) -> str:
    """Best-effort E.164 for numbers that arrive from the provider; unchanged when unparseable.

    Kept for the process (it depends on the number alone): the audience rule compares every
    member's numbers each time it is read, and parsing is most of its time.
    """
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class TelInput(forms.TextInput):
    input_type = "tel"


class MobileNumberField(forms.CharField):
    """A form field for a mobile number; its cleaned value is E.164 (or "" when left empty)."""

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "tel", "spellcheck": "false"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        return normalise_mobile(value) if value else value
