import pytest
from django import forms
from django.core.exceptions import ValidationError

from portal.messaging.phone import MobileNumberField, normalise_mobile


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07400 123456", "+447400123456"),
        ("07400123456", "+447400123456"),
        ("+44 7400 123 456", "+447400123456"),
        ("(0)7400-123-456", "+447400123456"),
        ("+48 512 345 678", "+48512345678"),  # a Polish mobile
        ("+40 721 234 567", "+40721234567"),  # a Romanian mobile
    ],
)
def test_mobile_numbers_are_stored_in_international_format(typed, stored):
    assert normalise_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["", "07400", "not a number", "0740012345678", "07700 900123", "+44 12"])
def test_invalid_numbers_are_refused_with_a_plain_message(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_mobile(typed)
    assert refused.value.messages == ["Enter a mobile phone number, like 07400 123456 or +44 7400 123456"]


@pytest.mark.parametrize("landline", ["020 7123 4567", "0161 234 5678", "+48 22 123 45 67"])
def test_landlines_are_refused_because_they_cannot_get_texts(landline):
    with pytest.raises(ValidationError) as refused:
        normalise_mobile(landline)
    assert refused.value.messages == ["Enter a mobile phone number. This number cannot get text messages"]


class ContactForm(forms.Form):
    phone = MobileNumberField(label="Mobile phone number", required=False)


def test_the_form_field_cleans_to_e164_and_shows_the_message_on_the_field():
    good = ContactForm({"phone": "07400 123456"})
    assert good.is_valid()
    assert good.cleaned_data["phone"] == "+447400123456"

    bad = ContactForm({"phone": "020 7123 4567"})
    assert not bad.is_valid()
    assert bad.errors["phone"] == ["Enter a mobile phone number. This number cannot get text messages"]
    assert 'type="tel"' in str(bad["phone"])
    assert 'autocomplete="tel"' in str(bad["phone"])


def test_an_empty_optional_number_is_allowed():
    form = ContactForm({"phone": ""})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == ""
