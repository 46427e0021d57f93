"""Twilio's webhooks, fuzzed: whatever is sent, a bad signature gets 403 and changes nothing, and a
good signature over any fields never breaks the server."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from portal.messaging.models import InboundMessage, OptOut, OutboundMessage

TOKEN = "fuzz-auth-token"
BASE = "https://portal.example.org"
PATHS = ["/messaging/twilio/status/", "/messaging/twilio/inbound/"]
FIELD_NAMES = st.sampled_from(["MessageSid", "MessageStatus", "ErrorCode", "From", "To", "Body", "AccountSid", "x"])
FIELDS = st.dictionaries(FIELD_NAMES, st.text(max_size=200), max_size=6)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def webhook_settings(settings):
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.PUBLIC_BASE_URL = BASE


def _state():
    return (
        InboundMessage.objects.count(),
        OptOut.objects.count(),
        list(OutboundMessage.objects.values_list("status", "provider_status")),
    )


@pytest.mark.django_db
@FUZZ
@given(path=st.sampled_from(PATHS), fields=FIELDS, signature=st.one_of(st.none(), st.text(max_size=60)))
def test_a_forged_or_missing_signature_gets_403_and_changes_nothing(client, webhook_settings, path, fields, signature):
    real = RequestValidator(TOKEN).compute_signature(BASE + path, fields)
    if signature == real:
        return
    before = _state()
    headers = {} if signature is None else {"X-Twilio-Signature": signature}
    assert client.post(path, fields, headers=headers).status_code == 403
    assert _state() == before


@pytest.mark.django_db
@FUZZ
@given(path=st.sampled_from(PATHS), fields=FIELDS)
def test_any_signed_fields_are_answered_without_a_server_error(client, webhook_settings, path, fields):
    client.raise_request_exception = False
    signature = RequestValidator(TOKEN).compute_signature(BASE + path, fields)
    response = client.post(path, fields, headers={"X-Twilio-Signature": signature})
    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_a_nul_byte_in_a_signed_field_is_not_a_server_error(client, webhook_settings, path):
    """Found by the fuzzer on PostgreSQL, which cannot store NUL in text."""
    client.raise_request_exception = False
    fields = {"MessageSid": "SM\x00" + "a" * 30, "From": "+447400\x00123456", "Body": "YES\x00"}
    signature = RequestValidator(TOKEN).compute_signature(BASE + path, fields)
    assert client.post(path, fields, headers={"X-Twilio-Signature": signature}).status_code < 500


@pytest.mark.django_db
def test_a_signed_text_from_a_sender_longer_than_a_phone_number_is_kept_cut_to_its_column(client, webhook_settings):
    # Found by the fuzzing above on PostgreSQL, which refuses a value longer than its column (SQLite keeps it).
    sender = "The quick brown fox jumps over the lazy dog"
    fields = {"MessageSid": "SM" + "0" * 32, "From": sender, "Body": "yes"}
    signature = RequestValidator(TOKEN).compute_signature(BASE + PATHS[1], fields)

    assert client.post(PATHS[1], fields, headers={"X-Twilio-Signature": signature}).status_code == 200
    assert InboundMessage.objects.get().from_number == sender[:32]
